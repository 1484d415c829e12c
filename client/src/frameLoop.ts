/*
 * One loop for the work of the next animation frame: reading the board after changes, then drawing
 * what those reads changed. A task queued while the loop runs (a layer's draw, caused by a read in
 * this frame) runs in the same frame, after the others, so a change arriving from the network is read
 * and drawn in one frame, not in two. A task queued twice before it runs runs once; one queued again
 * after it ran in the frame under way waits for the next frame, so no task can hold a frame forever.
 */

const comingFrame = new Set<() => void>()
const frameAfter = new Set<() => void>()
let requested = 0
/** The tasks run so far in the frame under way, or null between frames. */
let ranThisFrame: Set<() => void> | null = null

/** Runs `task` in the next animation frame, or in this one if it is under way. */
export function inNextFrame(task: () => void): void {
  if (ranThisFrame?.has(task)) frameAfter.add(task)
  else comingFrame.add(task)
  if (requested === 0 && ranThisFrame === null) requested = requestAnimationFrame(runFrame)
}

/** Takes back a task that has not run yet (its owner is gone). */
export function cancelFrameTask(task: () => void): void {
  comingFrame.delete(task)
  frameAfter.delete(task)
}

function runFrame(): void {
  requested = 0
  const ran = new Set<() => void>()
  ranThisFrame = ran
  // a Set's iteration also visits the tasks added while it runs
  for (const task of comingFrame) {
    comingFrame.delete(task)
    ran.add(task)
    try {
      task()
    } catch (error) {
      reportError(error)
    }
  }
  ranThisFrame = null
  for (const task of frameAfter) comingFrame.add(task)
  frameAfter.clear()
  if (comingFrame.size > 0) requested = requestAnimationFrame(runFrame)
}
