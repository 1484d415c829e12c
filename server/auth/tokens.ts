import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/*
 * Session tokens and share-link tokens, as in Lucia's current guide: `<id>.<secret>`. The id finds the
 * record; only SHA-256 of the secret is stored, and it is compared in constant time. A leaked
 * database therefore yields no usable token, and a guessed id alone opens nothing.
 */

export interface SecretToken {
  id: string
  secret: string
  /** What the client holds: `<id>.<secret>`. */
  token: string
}

const randomPart = (bytes: number): string => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)))

export function generateToken(): SecretToken {
  const id = randomPart(15)
  const secret = randomPart(20)
  return { id, secret, token: `${id}.${secret}` }
}

export const hashSecret = (secret: string): Uint8Array => sha256(new TextEncoder().encode(secret))

const TOKEN_SHAPE = /^([a-z2-7]{24})\.([a-z2-7]{32})$/

export function splitToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_SHAPE.exec(token)
  return match ? { id: match[1]!, secret: match[2]! } : null
}

export const secretMatches = (secret: string, storedHash: Uint8Array): boolean => constantTimeEqual(hashSecret(secret), storedHash)
