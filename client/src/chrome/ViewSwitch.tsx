export type BoardViewMode = 'map' | 'table'

/** The board as the drawn map or as a table (for keyboards, screen readers and small phones); both show the same live doc. */
export function ViewSwitch(props: { mode: BoardViewMode; onChange: (mode: BoardViewMode) => void }) {
  return (
    <div class="view-switch" role="group" aria-label="Show the board as">
      <button aria-pressed={props.mode === 'map'} data-testid="view-canvas" onClick={() => props.onChange('map')}>Map</button>
      <button aria-pressed={props.mode === 'table'} data-testid="view-table" onClick={() => props.onChange('table')}>Table</button>
    </div>
  )
}
