/** Every moment within one second shows the same board: states are fetched and kept per second. */
export const secondOf = (at: number): number => Math.floor(at / 1000) * 1000 + 999

/** Board states by second, least recently used dropped first, so scrubbing back and forth never waits twice. */
export class StateCache {
  private readonly states = new Map<number, Uint8Array>()

  constructor(private readonly capacity = 120) {}

  get(second: number): Uint8Array | undefined {
    const state = this.states.get(second)
    if (state !== undefined) {
      this.states.delete(second)
      this.states.set(second, state)
    }
    return state
  }

  has(second: number): boolean {
    return this.states.has(second)
  }

  set(second: number, state: Uint8Array): void {
    this.states.delete(second)
    this.states.set(second, state)
    if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value!)
  }
}
