import * as v from 'valibot'

/** Configuration from the environment; every variable has a default so `npm start` works alone. */
const Port = v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(0), v.maxValue(65535))
const Positive = v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1))

const EnvSchema = v.object({
  PORT: v.optional(Port, '8787'),
  HOST: v.optional(v.string(), '127.0.0.1'),
  DATA_DIR: v.optional(v.string(), './data'),
  DATABASE_URL: v.optional(v.pipe(v.string(), v.startsWith('postgres'))),
  REDIS_URL: v.optional(v.pipe(v.string(), v.startsWith('redis'))),
  /** Lets several deployments (or test runs) share one Redis without hearing each other. */
  REDIS_CHANNEL_PREFIX: v.optional(v.pipe(v.string(), v.regex(/^[\w.-]+$/)), 'journeyboard'),
  MAX_MESSAGE_BYTES: v.optional(Positive, String(2 * 1024 * 1024)),
  MESSAGES_PER_SECOND: v.optional(Positive, '300'),
  ROOM_IDLE_MS: v.optional(Positive, '30000'),
  CLIENT_DIR: v.optional(v.string(), './dist'),
})

export type Config = v.InferOutput<typeof EnvSchema>

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = v.safeParse(EnvSchema, Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')))
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new Error(`invalid configuration: ${issue.path?.map((p) => String(p.key)).join('.')}: ${issue.message}`)
  }
  return parsed.output
}
