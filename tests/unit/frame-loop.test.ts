import { beforeEach, afterEach, describe, expect, it, vi } from 'vitest'

/*
 * The client's frame loop (client/src/frameLoop.ts) on a stand-in for the browser's animation
 * frames: a read and the draw it causes share a frame, a task runs once a frame, and none holds a
 * frame forever.
 */

let frames: Array<() => void> = []
const nextFrame = (): void => {
  const due = frames
  frames = []
  for (const run of due) run()
}
let loop: typeof import('../../client/src/frameLoop')

beforeEach(async () => {
  frames = []
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => frames.push(run))
  vi.resetModules()
  loop = await import('../../client/src/frameLoop')
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the frame loop', () => {
  it('runs in the same frame a task queued by a task of that frame, and a task queued twice once', () => {
    const ran: string[] = []
    const draw = (): void => void ran.push('draw')
    const read = (): void => {
      ran.push('read')
      loop.inNextFrame(draw)
    }
    loop.inNextFrame(read)
    loop.inNextFrame(read)
    expect(ran).toEqual([])
    nextFrame()
    expect(ran).toEqual(['read', 'draw'])
    expect(frames).toHaveLength(0)
  })

  it('runs every read of a frame before its draws, so a draw queued before the read that changes what it shows draws it in that frame', () => {
    const shown: string[] = []
    let board = 'empty'
    const draw = (): void => void shown.push(board)
    const read = (): void => {
      board = 'with notes'
      loop.inNextFrame(draw)
    }
    loop.inNextFrame(draw) // the canvas resized: a draw is due
    loop.inNextFrame(read, 'read') // the board arrives in the same frame
    nextFrame()
    expect(shown).toEqual(['with notes'])
    expect(frames).toHaveLength(0)
  })

  it('puts off to the next frame a task queued again after it ran in this one', () => {
    let runs = 0
    const again = (): void => {
      runs++
      loop.inNextFrame(again)
    }
    loop.inNextFrame(again)
    nextFrame()
    expect(runs).toBe(1)
    nextFrame()
    expect(runs).toBe(2)
  })

  it('drops a cancelled task, and keeps running the others when one throws', () => {
    const errors: unknown[] = []
    vi.stubGlobal('reportError', (error: unknown) => errors.push(error))
    const ran: string[] = []
    const cancelled = (): void => void ran.push('cancelled')
    loop.inNextFrame(() => { throw new Error('broken draw') })
    loop.inNextFrame(cancelled)
    loop.inNextFrame(() => void ran.push('after'))
    loop.cancelFrameTask(cancelled)
    nextFrame()
    expect(ran).toEqual(['after'])
    expect(errors).toHaveLength(1)
    loop.inNextFrame(() => void ran.push('next frame'))
    nextFrame()
    expect(ran).toEqual(['after', 'next frame'])
  })
})
