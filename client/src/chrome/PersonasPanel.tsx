import { For } from 'solid-js'
import { colorName, PERSONA_COLORS, type PERSONA_PROFILE_FIELDS } from '../../../shared/board'
import { addNewPersona, changePersona, deletePersona } from '../board/boardActions'
import type { BoardView } from '../board/boardView'

const PROFILE: ReadonlyArray<{ key: (typeof PERSONA_PROFILE_FIELDS)[number]; label: string; placeholder: string }> = [
  { key: 'goals', label: 'Goals', placeholder: 'What do they want to achieve?' },
  { key: 'needs', label: 'Needs', placeholder: 'What do they need to get there?' },
  { key: 'quote', label: 'Quote', placeholder: 'Something they said' },
]

/** The customer types being mapped, with their profiles. Each gets an emotion curve in every emotion lane. */
export function PersonasPanel(props: { view: BoardView; onClose: () => void }) {
  const readOnly = props.view.readOnly
  return (
    <aside class="side-panel panel" data-testid="personas-panel">
      <header>
        <h2>Personas</h2>
        <button class="close" title="Close" aria-label="Close personas" onClick={props.onClose}>×</button>
      </header>
      <For each={props.view.board.personas()} fallback={<p class="hint">No personas yet. Add one to draw its emotion curve.</p>}>
        {(persona) => (
          <div class="persona" data-testid="persona">
            <div class="persona-row">
              <span class="persona-dot" style={{ background: persona.color }} />
              <input
                value={persona.name}
                disabled={readOnly()}
                aria-label="Persona name"
                onChange={(e) => changePersona(props.view, persona.id, { name: e.currentTarget.value.trim() || persona.name })}
              />
              <button class="danger icon" disabled={readOnly()} title="Remove persona" aria-label={`Remove persona ${persona.name}`}
                onClick={() => void props.view.questions.ask({ title: `Remove the persona “${persona.name}”?`, detail: 'Its emotion curve goes too; notes tagged with it keep their text. Undo brings it back.', confirmLabel: 'Remove persona', danger: true })
                  .then((answer) => answer !== null && deletePersona(props.view, persona.id))}>×</button>
            </div>
            <div class="swatches">
              <For each={PERSONA_COLORS}>
                {(color) => <button class="swatch small" classList={{ active: color === persona.color }} disabled={readOnly()} style={{ background: color }}
                  aria-label={`Colour of ${persona.name}: ${colorName(color)}`} aria-pressed={color === persona.color}
                  onClick={() => changePersona(props.view, persona.id, { color })} />}
              </For>
            </div>
            <textarea
              value={persona.description}
              disabled={readOnly()}
              placeholder="Who are they?"
              aria-label={`Description of ${persona.name}`}
              rows={2}
              onChange={(e) => changePersona(props.view, persona.id, { description: e.currentTarget.value })}
            />
            <For each={PROFILE}>
              {(field) => (
                <label class="persona-field">
                  <span>{field.label}</span>
                  <textarea
                    value={persona[field.key]}
                    disabled={readOnly()}
                    placeholder={field.placeholder}
                    rows={field.key === 'quote' ? 1 : 2}
                    data-testid={`persona-${field.key}`}
                    onChange={(e) => changePersona(props.view, persona.id, { [field.key]: e.currentTarget.value })}
                  />
                </label>
              )}
            </For>
          </div>
        )}
      </For>
      <button class="primary wide" data-testid="add-persona" disabled={readOnly()} onClick={() => addNewPersona(props.view, `Persona ${props.view.board.personas().length + 1}`)}>+ Add persona</button>
    </aside>
  )
}
