/**
 * What arrives while something is loading (a room from the store, or a room rebuilding its doc),
 * kept in arrival order and handed on once it is ready. Frames and relayed updates depend on what
 * came before them, so nothing may overtake what is held.
 */
export class HeldWhileLoading<T> {
  private items: T[] | null

  constructor(loading: boolean) {
    this.items = loading ? [] : null
  }

  get loading(): boolean {
    return this.items !== null
  }

  /** Keeps `item` if still loading; false when it should be handled now. */
  holdIfLoading(item: T): boolean {
    if (this.items === null) return false
    this.items.push(item)
    return true
  }

  startLoading(): void {
    this.items ??= []
  }

  /** Loading is over: hands everything held to `deliver`, oldest first. What arrives from now on is not held. */
  release(deliver: (item: T) => void): void {
    const items = this.items ?? []
    this.items = null
    for (const item of items) deliver(item)
  }
}
