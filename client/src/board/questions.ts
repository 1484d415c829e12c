import { createSignal, type Accessor } from 'solid-js'

/** Something the board asks in the app's own dialog, in place of the browser's confirm and prompt. */
export interface Question {
  title: string
  detail?: string
  confirmLabel: string
  danger?: boolean
  /** Given, the dialog asks for a text, starting from this. */
  value?: string
  /** Why the last answer was not taken, shown with the field. */
  problem?: string
}

export interface AskedQuestion {
  question: Question
  answer(value: string | null): void
}

export interface Questions {
  /** The question on screen, for the page to show; null when none. */
  current: Accessor<AskedQuestion | null>
  /** The text typed (or '' when nothing was asked for) once confirmed; null when cancelled or replaced by another question. */
  ask(question: Question): Promise<string | null>
}

export function createQuestions(): Questions {
  const [current, setCurrent] = createSignal<AskedQuestion | null>(null)
  return {
    current,
    ask(question) {
      current()?.answer(null)
      return new Promise((resolve) => {
        const asked: AskedQuestion = {
          question,
          answer(value) {
            if (current() === asked) setCurrent(null)
            resolve(value)
          },
        }
        setCurrent(asked)
      })
    },
  }
}
