import { hmac } from '@oslojs/crypto/hmac'
import { SHA256, sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding'
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Account } from '../storage/authStore'
import { overHttps } from './sessions'

/*
 * A browser that signed in to an account before carries a device cookie for it: `<issuedAt>.<mac>`,
 * where the mac is an HMAC of the account id and issue time keyed by the account's stored password
 * hash. Only the server can make one (the hash never leaves it), any process can check one without a
 * store of its own, and changing the password voids them all. A sign-in from a known device is not
 * held back by the failures others cause from elsewhere (the per-email limit, the hashing line), so
 * that a burst from many addresses slows and locks out the guessers, not the owner. It grants nothing
 * else: the password is still checked.
 */

export const DEVICE_COOKIE = 'jb_device'
const DEVICE_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000
const encoder = new TextEncoder()

const macOf = (account: Account, issuedAt: number): Uint8Array =>
  hmac(SHA256, sha256(encoder.encode(account.passwordHash)), encoder.encode(`device:${account.id}:${issuedAt}`))

export function deviceToken(account: Account, issuedAt: number): string {
  return `${issuedAt}.${encodeBase64urlNoPadding(macOf(account, issuedAt))}`
}

/** Whether `token` was made for this account, with its current password, and has not expired. */
export function isTrustedDevice(token: string | undefined, account: Account, now: number): boolean {
  const match = token === undefined ? null : /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (match === null) return false
  const issuedAt = Number(match[1])
  if (issuedAt > now || now - issuedAt > DEVICE_LIFETIME_MS) return false
  return constantTimeEqual(decodeBase64urlIgnorePadding(match[2]!), macOf(account, issuedAt))
}

/** The cookie only the sign-in routes read. */
export const deviceCookieOf = (c: Context): string | undefined => getCookie(c, DEVICE_COOKIE)

export function setDeviceCookie(c: Context, account: Account, now: number): void {
  setCookie(c, DEVICE_COOKIE, deviceToken(account, now), {
    httpOnly: true, sameSite: 'Strict', path: '/api/auth', secure: overHttps(c), maxAge: DEVICE_LIFETIME_MS / 1000,
  })
}
