import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/clients'
import { boardAccessFor } from '../support/boardAccess'
import { createBoardOver, createShareLink, startTestServer } from '../support/server'

type TestServer = Awaited<ReturnType<typeof startTestServer>>
const servers: TestServer[] = []
afterAll(async () => {
  for (const server of servers) await server.close()
})

async function serverWith(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer(env)
  servers.push(server)
  return server
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: unknown }

/**
 * A JSON POST from a chosen loopback address (all of 127.0.0.0/8 reaches a server on 127.0.0.1),
 * so one test can be several people on several machines.
 */
function postFrom(from: string, server: TestServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      method: 'POST', localAddress: from, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), origin: server.url, ...headers },
    }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text === '' ? null : JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end(payload)
  })
}

const account = (email: string) => ({ email, password: 'the real password', name: 'Owner' })

describe('sign-in under attack', () => {
  it('locks out the address guessing a password, not the owner signing in from another address', async () => {
    const server = await serverWith()
    expect((await postFrom('127.0.0.1', server, '/api/auth/signup', account('owner@example.test'))).status).toBe(201)
    const guesses: number[] = []
    for (let i = 0; i < 6; i++) guesses.push((await postFrom('127.0.0.2', server, '/api/auth/login', { email: 'owner@example.test', password: `guess ${i}` })).status)
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429])
    expect((await postFrom('127.0.0.2', server, '/api/auth/login', { email: 'owner@example.test', password: 'the real password' })).status).toBe(429)
    expect((await postFrom('127.0.0.3', server, '/api/auth/login', { email: 'owner@example.test', password: 'the real password' })).status).toBe(200)
  })

  it('counts guesses that arrive all at once: no more than five from one address get an answer', async () => {
    const server = await serverWith()
    expect((await postFrom('127.0.0.1', server, '/api/auth/signup', account('rushed@example.test'))).status).toBe(201)
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => postFrom('127.0.0.40', server, '/api/auth/login', { email: 'rushed@example.test', password: `guess ${i}` })))
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 401)).toHaveLength(5)
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true)
  })

  it('lets the owner\'s own browser sign in while failures from many addresses have locked the email out everywhere else', async () => {
    const server = await serverWith({ FAILED_SIGN_INS_PER_ACCOUNT: '15' })
    const signup = await postFrom('127.0.0.1', server, '/api/auth/signup', account('besieged@example.test'))
    const setCookies = [signup.headers['set-cookie'] ?? []].flat()
    const device = setCookies.find((cookie) => cookie.startsWith('jb_device='))!.split(';')[0]!
    // Five guesses from each of three addresses: the account's limit (15) is reached, no address's own.
    await Promise.all(Array.from({ length: 3 }, async (_, i) => {
      for (let guess = 0; guess < 5; guess++) {
        expect((await postFrom(`127.0.1.${i + 1}`, server, '/api/auth/login', { email: 'besieged@example.test', password: `guess ${guess}` })).status).toBe(401)
      }
    }))
    const owner = { email: 'besieged@example.test', password: 'the real password' }
    expect((await postFrom('127.0.0.30', server, '/api/auth/login', owner)).status).toBe(429)
    expect((await postFrom('127.0.0.30', server, '/api/auth/login', owner, { cookie: 'jb_device=1700000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(429)
    expect((await postFrom('127.0.0.30', server, '/api/auth/login', owner, { cookie: device })).status).toBe(200)
  })

  it('limits the accounts one address may create, with Retry-After, before any password is hashed', async () => {
    const server = await serverWith({ SIGNUPS_PER_ADDRESS_PER_HOUR: '3' })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await postFrom('127.0.0.4', server, '/api/auth/signup', account(`n${i}@example.test`))).status)
    const refused = await postFrom('127.0.0.4', server, '/api/auth/signup', account('n3@example.test'))
    expect([...statuses, refused.status]).toEqual([201, 201, 201, 429])
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect((await postFrom('127.0.0.5', server, '/api/auth/login', { email: 'n3@example.test', password: 'the real password' })).status).toBe(401)
    expect((await postFrom('127.0.0.5', server, '/api/auth/signup', account('n3@example.test'))).status).toBe(201)
  })

  it('limits the guest sessions one address may start', async () => {
    const server = await serverWith({ GUESTS_PER_ADDRESS_PER_HOUR: '2' })
    const boardId = await createBoardOver(server.url, 'Workshop')
    const { token } = await createShareLink(server.url, boardId, 'editor', boardAccessFor(boardId).owner)
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await postFrom('127.0.0.6', server, '/api/auth/guest', { name: `Guest ${i}`, token })).status)
    expect(statuses).toEqual([201, 201, 429])
    expect((await postFrom('127.0.0.7', server, '/api/auth/guest', { name: 'Next office', token })).status).toBe(201)
  })

  it('hashes a few passwords at a time and answers 503 with Retry-After when too many wait, instead of piling them up', async () => {
    const server = await serverWith({ SIGNUPS_PER_ADDRESS_PER_HOUR: '1000' })
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => postFrom('127.0.0.8', server, '/api/auth/signup', account(`burst${i}@example.test`))))
    const busy = answers.filter((answer) => answer.status === 503)
    expect(busy.length).toBeGreaterThan(0)
    expect(answers.every((answer) => answer.status === 201 || answer.status === 503)).toBe(true)
    expect(busy.every((answer) => Number(answer.headers['retry-after']) > 0)).toBe(true)
    expect((await postFrom('127.0.0.8', server, '/api/auth/signup', account('after-the-burst@example.test'))).status).toBe(201)
  }, 90_000) // some thirty scrypt hashes, two at a time, on a busy machine
})

describe('behind a reverse proxy (TRUSTED_PROXIES)', () => {
  it('counts each client by the address its proxy forwarded, not the proxy\'s, and ignores what the client wrote before it', async () => {
    const server = await serverWith({ TRUSTED_PROXIES: '1' })
    const viaProxy = (client: string, spoofed = '') => ({ 'x-forwarded-for': spoofed === '' ? client : `${spoofed}, ${client}` })
    for (let i = 0; i < 5; i++) {
      const answer = await postFrom('127.0.0.11', server, '/api/auth/login', { email: 'proxied@example.test', password: `guess ${i}` }, viaProxy('203.0.113.7', `198.51.100.${i}`))
      expect(answer.status).toBe(401)
    }
    expect((await postFrom('127.0.0.11', server, '/api/auth/login', { email: 'proxied@example.test', password: 'guess' }, viaProxy('203.0.113.7', '198.51.100.99'))).status).toBe(429)
    expect((await postFrom('127.0.0.11', server, '/api/auth/login', { email: 'proxied@example.test', password: 'guess' }, viaProxy('203.0.113.8'))).status).toBe(401)
  })
})

describe('throttles across processes (REDIS_URL)', () => {
  it('counts failed sign-ins and signups on one process against the limits on another', async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CHANNEL_PREFIX: `jb-test-${crypto.randomUUID()}`, SIGNUPS_PER_ADDRESS_PER_HOUR: '2' }
    const [a, b] = [await serverWith(env), await serverWith(env)]
    for (let i = 0; i < 5; i++) expect((await postFrom('127.0.0.9', a, '/api/auth/login', { email: 'shared@example.test', password: `guess ${i}` })).status).toBe(401)
    expect((await postFrom('127.0.0.9', b, '/api/auth/login', { email: 'shared@example.test', password: 'guess 5' })).status).toBe(429)

    expect((await postFrom('127.0.0.10', a, '/api/auth/signup', account('r1@example.test'))).status).toBe(201)
    expect((await postFrom('127.0.0.10', b, '/api/auth/signup', account('r2@example.test'))).status).toBe(201)
    expect((await postFrom('127.0.0.10', a, '/api/auth/signup', account('r3@example.test'))).status).toBe(429)
  })

  it('refuses sign-ins with 503 while Redis is away, rather than letting them through uncounted, and counts again once it is back', async () => {
    const port = await freePort()
    const redis = startRedis(port)
    try {
      await eventually(async () => expect((await postFrom('127.0.0.12', await serverOnce(port), '/api/auth/login', { email: 'r@example.test', password: 'x' })).status).toBe(401))
      const server = await serverOnce(port)
      redis.kill('SIGKILL')
      await new Promise((resolve) => redis.once('exit', resolve))
      const refused = await postFrom('127.0.0.12', server, '/api/auth/login', { email: 'r@example.test', password: 'x' })
      expect(refused.status).toBe(503)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      const again = startRedis(port)
      try {
        await eventually(async () => expect((await postFrom('127.0.0.12', server, '/api/auth/login', { email: 'r@example.test', password: 'x' })).status).toBe(401), 20_000)
        // Closed while its Redis is up: closing waits for Redis to acknowledge.
        servers.splice(servers.indexOf(server), 1)
        await server.close()
      } finally {
        again.kill()
      }
    } finally {
      redis.kill()
    }
  }, 60_000)
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

const startRedis = (port: number): ChildProcess =>
  spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })

/** One server on the Redis at `port`, started on the first call (when that Redis accepts connections). */
let onRedis: TestServer | undefined
async function serverOnce(port: number): Promise<TestServer> {
  onRedis ??= await serverWith({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_CHANNEL_PREFIX: `jb-test-${crypto.randomUUID()}` })
  return onRedis
}
