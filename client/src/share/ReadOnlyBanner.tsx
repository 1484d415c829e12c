/** Shown to viewers over the board: edits would be dropped by the server, so the board says why nothing changes. */
export function ReadOnlyBanner() {
  return (
    <div class="read-only-banner" role="status" data-testid="read-only-banner">
      You are viewing this board. Ask a facilitator for an editor link to add notes.
    </div>
  )
}
