import { setGuestName } from '../identity'
import { ModalDialog } from './ModalDialog'

/** Asked once per browser when there is no account: the name others see on your cursor. */
export function NameDialog() {
  let input!: HTMLInputElement
  return (
    <ModalDialog label="What should others call you?" testId="name-dialog">
      <form class="dialog-form" onSubmit={(e) => { e.preventDefault(); setGuestName(input.value) }}>
        <h2>What should others call you?</h2>
        <p>Your name is shown next to your cursor on the boards you join.</p>
        <input ref={input} name="name" maxLength={60} placeholder="Your name" aria-label="Your name" autofocus />
        <div class="dialog-actions"><button class="primary" type="submit">Continue</button></div>
      </form>
    </ModalDialog>
  )
}
