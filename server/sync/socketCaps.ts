export interface SocketCapLimits {
  perUser: number
  perAddress: number
}

export type Admission = { admitted: true; release: () => void } | { admitted: false; reason: string }

/**
 * Counts open sync sockets per user (account, guest, or share link used without a session) and per
 * client address, so that one token or one machine cannot hold an unbounded number of them.
 */
export class SocketCaps {
  private readonly open = new Map<string, number>()

  constructor(private readonly limits: SocketCapLimits) {}

  /** `userKey` null: a caller with no identity of its own (open access), counted by address only. */
  admit(userKey: string | null, address: string): Admission {
    const counted: Array<[string, number, string]> = [[`address ${address}`, this.limits.perAddress, 'this address']]
    if (userKey !== null) counted.push([`user ${userKey}`, this.limits.perUser, 'this account, guest or link'])
    for (const [key, limit, whose] of counted) {
      if ((this.open.get(key) ?? 0) >= limit) return { admitted: false, reason: `${whose} already has ${limit} sockets open` }
    }
    for (const [key] of counted) this.open.set(key, (this.open.get(key) ?? 0) + 1)
    let released = false
    return {
      admitted: true,
      release: () => {
        if (released) return
        released = true
        for (const [key] of counted) {
          const left = this.open.get(key)! - 1
          if (left === 0) this.open.delete(key)
          else this.open.set(key, left)
        }
      },
    }
  }
}
