import { describe, expect, it } from 'vitest'
import { HashingQueue } from '../../server/auth/hashingQueue'

/** Work that finishes when the test says so, noting when it started. */
function controlledWork(started: string[], name: string): { work: () => Promise<string>; finish: () => void } {
  let finish!: () => void
  const done = new Promise<void>((resolve) => (finish = resolve))
  return { work: async () => { started.push(name); await done; return name }, finish }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('HashingQueue', () => {
  it('runs a few at a time and serves an owner signing in from elsewhere right after a burst from one address', async () => {
    const queue = new HashingQueue(2, 32, 8)
    const started: string[] = []
    const jobs = Array.from({ length: 8 }, (_, i) => controlledWork(started, `burst ${i}`))
    const owner = controlledWork(started, 'owner')
    const results = jobs.map((job) => queue.run('10.0.0.1', job.work))
    const ownerResult = queue.run('10.0.0.2', owner.work)
    await settle()
    expect(started).toEqual(['burst 0', 'burst 1'])
    jobs[0]!.finish()
    await settle()
    expect(started).toEqual(['burst 0', 'burst 1', 'burst 2'])
    jobs[1]!.finish()
    await settle()
    expect(started.at(-1)).toBe('owner')
    owner.finish()
    expect(await ownerResult).toBe('owner')
    for (const job of jobs) job.finish()
    expect(await Promise.all(results)).toEqual(jobs.map((_, i) => `burst ${i}`))
  })

  it('serves a sign-in from a known device before a burst spread over many addresses', async () => {
    const queue = new HashingQueue(1, 32, 8)
    const started: string[] = []
    const running = controlledWork(started, 'running')
    void queue.run('10.0.0.1', running.work)
    const burst = Array.from({ length: 10 }, (_, i) => controlledWork(started, `burst ${i}`))
    for (const [i, job] of burst.entries()) void queue.run(`10.1.0.${i}`, job.work)
    const owner = controlledWork(started, 'owner')
    const ownerResult = queue.run('10.0.0.2', owner.work, true)
    running.finish()
    await settle()
    expect(started).toEqual(['running', 'owner'])
    owner.finish()
    expect(await ownerResult).toBe('owner')
    for (const job of burst) job.finish()
  })

  it('refuses at once when one address, or everyone together, has filled the line', async () => {
    const queue = new HashingQueue(1, 3, 2)
    const started: string[] = []
    const first = controlledWork(started, 'first')
    void queue.run('a', first.work)
    expect(queue.run('a', controlledWork(started, 'a1').work)).not.toBeNull()
    expect(queue.run('a', controlledWork(started, 'a2').work)).not.toBeNull()
    expect(queue.run('a', controlledWork(started, 'a3').work)).toBeNull()
    expect(queue.run('b', controlledWork(started, 'b1').work)).not.toBeNull()
    expect(queue.run('c', controlledWork(started, 'c1').work)).toBeNull()
    first.finish()
  })
})
