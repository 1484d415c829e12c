import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startServerChild } from './serverChild'

/*
 * A real user's sign-in, from the browser it signed up in (its device cookie), while others burst
 * signups for the user's email (issue 10, item 5). Starts the
 * real server (`server/main.ts`) behind a pretend proxy (`TRUSTED_PROXIES=1`), so that each request can
 * come from an address of its own, and prints the owner's sign-in time alone, during a burst from one
 * address, and during a burst spread over as many addresses, with what the burst's requests were answered.
 *   npm run bench -- --only signin-burst [--burst 20] [--rounds 5]
 */

const PASSWORD = 'correct horse battery staple'

export async function main(args: string[] = []): Promise<void> {
  const { values } = parseArgs({ args, options: { burst: { type: 'string' }, rounds: { type: 'string' } } })
  const burst = Number(values.burst ?? 20)
  const rounds = Number(values.rounds ?? 5)
  const dataDir = mkdtempSync(join(tmpdir(), 'journeyboard-signin-'))
  const server = await startServerChild(dataDir, { TRUSTED_PROXIES: '1' })
  try {
    const email = `owner-${crypto.randomUUID()}@example.test`
    const signup = await fetch(`${server.url}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ email, password: PASSWORD, name: 'Owner' }) })
    const device = signup.headers.getSetCookie().find((cookie) => cookie.startsWith('jb_device='))!.split(';')[0]!
    const ownerSignIn = async (): Promise<number> => {
      const started = performance.now()
      const status = await request(server.url, 'login', { email, password: PASSWORD }, '10.0.0.2', device)
      if (status !== 200) throw new Error(`the owner's sign-in was answered ${status}`)
      return performance.now() - started
    }
    console.log(`signin-burst: the owner signs in from its own address; ${burst} signups with the owner's email and a wrong password, ${rounds} rounds`)
    console.log('case                          owner sign-in p50    max     burst answered')
    const alone: number[] = []
    for (let i = 0; i < rounds; i++) alone.push(await ownerSignIn())
    report('alone', alone, '')

    let address = 0
    for (const spread of [false, true]) {
      const times: number[] = []
      const answers = new Map<number, number>()
      for (let round = 0; round < rounds; round++) {
        const roundAddress = ++address
        const attackers = Array.from({ length: burst }, (_, i) => spread ? `10.1.${roundAddress}.${i + 1}` : `10.2.${roundAddress}.1`)
        const burstDone = Promise.all(attackers.map((from) => request(server.url, 'signup', { email, password: 'wrong password here', name: 'X' }, from)))
        times.push(await ownerSignIn())
        for (const status of await burstDone) answers.set(status, (answers.get(status) ?? 0) + 1)
      }
      report(spread ? `burst from ${burst} addresses` : 'burst from one address', times,
        [...answers].map(([status, count]) => `${count}× ${status}`).join(', '))
    }
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function request(url: string, route: 'signup' | 'login', body: unknown, from: string, cookie = ''): Promise<number> {
  const response = await fetch(`${url}/api/auth/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': from, cookie },
    body: JSON.stringify(body),
  })
  await response.arrayBuffer()
  return response.status
}

function report(name: string, times: number[], answered: string): void {
  const sorted = [...times].sort((a, b) => a - b)
  const p50 = sorted[Math.floor((sorted.length - 1) / 2)]!
  console.log(`${name.padEnd(30)} ${p50.toFixed(0).padStart(9)} ms ${sorted.at(-1)!.toFixed(0).padStart(6)} ms   ${answered}`)
}
