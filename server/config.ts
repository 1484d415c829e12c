import * as v from 'valibot'

/** Configuration from the environment; every variable has a default so `npm start` works alone. */

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER, what = `a whole number of at least ${min}`) =>
  v.pipe(v.string(), v.regex(/^\d+$/, `must be ${what}`), v.transform(Number), v.minValue(min, `must be ${what}`), v.maxValue(max, `must be ${what}`))
const Port = wholeNumber(0, 65535, 'a whole number from 0 to 65535')
const Positive = wholeNumber(1)

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** `postgres://user[:password]@host[:port]/database`: pg would otherwise fall back to the OS user name and fail obscurely. */
const PostgresUrl = v.pipe(
  v.string(),
  v.check((text) => ['postgres:', 'postgresql:'].includes(parsedUrl(text)?.protocol ?? ''), 'must be a postgres:// URL'),
  v.check((text) => parsedUrl(text)?.username !== '', 'must name a user, as in postgres://user@host:5432/database'),
  v.check((text) => (parsedUrl(text)?.pathname ?? '/').length > 1, 'must name a database, as in postgres://user@host:5432/database'),
)
const RedisUrl = v.pipe(v.string(), v.check((text) => ['redis:', 'rediss:'].includes(parsedUrl(text)?.protocol ?? ''), 'must be a redis:// or rediss:// URL'))

const EnvSchema = v.object({
  PORT: v.optional(Port, '8787'),
  HOST: v.optional(v.string(), '127.0.0.1'),
  DATA_DIR: v.optional(v.string(), './data'),
  DATABASE_URL: v.optional(PostgresUrl),
  REDIS_URL: v.optional(RedisUrl),
  /** Lets several deployments (or test runs) share one Redis without hearing each other: channels and throttle keys start with it. */
  REDIS_CHANNEL_PREFIX: v.optional(v.pipe(v.string(), v.regex(/^[\w.-]+$/, 'may hold only letters, digits, _ . and -')), 'journeyboard'),
  /**
   * With Redis: how often a process lists its clients' presence in each room for the others. A
   * process silent for three of these has died: its clients' cursors are removed everywhere.
   */
  PRESENCE_HEARTBEAT_MS: v.optional(Positive, '2000'),
  MAX_MESSAGE_BYTES: v.optional(Positive, String(2 * 1024 * 1024)),
  MESSAGES_PER_SECOND: v.optional(Positive, '300'),
  ROOM_IDLE_MS: v.optional(Positive, '30000'),
  CLIENT_DIR: v.optional(v.string(), './dist'),
  /** Largest JSON request body (413 above it); routes that import files allow more. */
  MAX_JSON_BODY_BYTES: v.optional(Positive, String(64 * 1024)),
  /** Accounts one address may create per hour (429 above it). */
  SIGNUPS_PER_ADDRESS_PER_HOUR: v.optional(Positive, '20'),
  /**
   * Failed sign-ins to one account from all addresses together in 15 minutes before new browsers are
   * refused (a browser that signed in to it before still gets in).
   */
  FAILED_SIGN_INS_PER_ACCOUNT: v.optional(Positive, '100'),
  /** Guest sessions one address may start per hour: a whole workshop behind one office NAT must fit. */
  GUESTS_PER_ADDRESS_PER_HOUR: v.optional(Positive, '200'),
  /** Unsent bytes one WebSocket may leave queued (a peer that does not read); above it the socket is closed with 4507. */
  MAX_SEND_BUFFER_BYTES: v.optional(Positive, String(8 * 1024 * 1024)),
  /** How often every WebSocket is pinged. */
  HEARTBEAT_INTERVAL_MS: v.optional(Positive, '15000'),
  /** Pings in a row a peer may leave unanswered; at the next beat it is closed with 4408 (and dropped one beat later). */
  HEARTBEAT_MISSED_PINGS: v.optional(Positive, '2'),
  /** Open sync sockets per account, guest, or share link used without a session (4430 above it). */
  MAX_SOCKETS_PER_USER: v.optional(Positive, '32'),
  /** Open sync sockets per client address: a workshop behind one office NAT must fit (4430 above it). */
  MAX_SOCKETS_PER_ADDRESS: v.optional(Positive, '256'),
  /**
   * Log entries the replay indexes of one process may hold in all (about 600 bytes each); a board
   * whose log alone is longer replays by seeking, which costs more per step but no memory.
   */
  REPLAY_INDEX_MAX_UPDATES: v.optional(Positive, '1000000'),
  /** Reverse proxies in front whose X-Forwarded-For names the client address (0: use the socket's address). */
  TRUSTED_PROXIES: v.optional(wholeNumber(0, 10, 'a whole number from 0 to 10'), '0'),
})

export type Config = v.InferOutput<typeof EnvSchema>

/** Configuration the server cannot run with: `main.ts` prints its message as one line and exits with 1. */
export class ConfigurationError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = v.safeParse(EnvSchema, Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')))
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new ConfigurationError(`${issue.path?.map((p) => String(p.key)).join('.')} ${issue.message}`)
  }
  return parsed.output
}
