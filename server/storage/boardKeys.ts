/**
 * The small integer that names a board in the log and checkpoint tables (see `boardTables`),
 * remembered once known: a board's key never changes while the board exists, so a store asks the
 * database once per board, not once per read or append. Reading a board that has no key yet finds
 * nothing and assigns none; the first write assigns it.
 */
export class BoardKeys {
  private readonly known = new Map<string, number>()

  constructor(
    private readonly lookUp: (boardId: string) => Promise<number | null>,
    /** Assigns a key, or returns the one another writer assigned meanwhile. */
    private readonly assign: (boardId: string) => Promise<number>,
    /** Enough for every board a busy server has open many times over; the oldest are asked again. */
    private readonly capacity = 10_000,
  ) {}

  async find(boardId: string): Promise<number | null> {
    const key = this.known.get(boardId) ?? (await this.lookUp(boardId))
    if (key !== null) this.remember(boardId, key)
    return key
  }

  async findOrAssign(boardId: string): Promise<number> {
    const key = (await this.find(boardId)) ?? (await this.assign(boardId))
    this.remember(boardId, key)
    return key
  }

  /** After the board's key is deleted with the board. */
  forget(boardId: string): void {
    this.known.delete(boardId)
  }

  private remember(boardId: string, key: number): void {
    if (this.known.has(boardId)) return
    if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value!)
    this.known.set(boardId, key)
  }
}
