/*
 * One loop for the work of the next animation frame: reading the board after changes, then drawing
 * what those reads changed. Reads run before draws, whichever was queued first, and a task queued
 * while the loop runs (a layer's draw, caused by a read in this frame) runs in the same frame, so a
 * change arriving from the network is read and drawn in one frame, not in two. A task queued twice
 * before it runs runs once; one queued again after it ran in the frame under way waits for the next
 * frame, so no task can hold a frame forever.
 */

/** Reading the board into what the page shows, or drawing it: a frame runs every read first. */
export type FramePhase = 'read' | 'draw'
const PHASES: readonly FramePhase[] = ['read', 'draw']

const comingFrame: Record<FramePhase, Set<() => void>> = { read: new Set(), draw: new Set() }
const frameAfter: Record<FramePhase, Set<() => void>> = { read: new Set(), draw: new Set() }
let requested = 0
/** The tasks run so far in the frame under way, or null between frames. */
let ranThisFrame: Set<() => void> | null = null

/** Runs `task` in the next animation frame, or in this one if it is under way. */
export function inNextFrame(task: () => void, phase: FramePhase = 'draw'): void {
  if (ranThisFrame?.has(task)) frameAfter[phase].add(task)
  else comingFrame[phase].add(task)
  if (requested === 0 && ranThisFrame === null) requested = requestAnimationFrame(runFrame)
}

/** Takes back a task that has not run yet (its owner is gone). */
export function cancelFrameTask(task: () => void): void {
  for (const phase of PHASES) {
    comingFrame[phase].delete(task)
    frameAfter[phase].delete(task)
  }
}

function runFrame(): void {
  requested = 0
  const ran = new Set<() => void>()
  ranThisFrame = ran
  for (const phase of PHASES) {
    // a Set's iteration also visits the tasks added while it runs
    for (const task of comingFrame[phase]) {
      comingFrame[phase].delete(task)
      ran.add(task)
      try {
        task()
      } catch (error) {
        reportError(error)
      }
    }
  }
  ranThisFrame = null
  for (const phase of PHASES) {
    for (const task of frameAfter[phase]) comingFrame[phase].add(task)
    frameAfter[phase].clear()
  }
  if (PHASES.some((phase) => comingFrame[phase].size > 0)) requested = requestAnimationFrame(runFrame)
}
