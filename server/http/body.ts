import type { Context, MiddlewareHandler } from 'hono'
import type * as v from 'valibot'
import { ApiError, validate } from './errors'

declare module 'hono' {
  interface ContextVariableMap {
    /** The largest request body a route reads unless it says otherwise (`MAX_JSON_BODY_BYTES`). */
    maxBodyBytes: number
  }
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

/** Sets the body limit every route reads under; a route that needs more (an import) passes its own to `readBody`. */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    c.set('maxBodyBytes', maxBytes)
    await next()
  }
}

/*
 * Closing the connection spares reading the rest of a body nobody wants (Node would otherwise drain
 * it to keep the connection alive).
 */
const tooLarge = (maxBytes: number): ApiError =>
  new ApiError(413, 'body_too_large', `the request body is larger than ${maxBytes} bytes`, { connection: 'close' })

/**
 * The body as text, refused before it is read when its declared length is too large, and as soon as
 * the bytes received pass the limit when it declares none (chunked): a huge body is never buffered
 * whole, nor parsed.
 */
export async function readLimitedText(c: Context, maxBytes = c.get('maxBodyBytes') ?? DEFAULT_MAX_BODY_BYTES): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0)
  if (declared > maxBytes) throw tooLarge(maxBytes)
  const body = c.req.raw.body
  if (body === null) return ''
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

/**
 * Reads and validates a JSON body at the edge; inside, handlers get typed values. The body may be at
 * most `maxBytes` (default: the app's `MAX_JSON_BODY_BYTES`), checked before it is read.
 */
export async function readBody<S extends v.GenericSchema>(c: Context, schema: S, options: { maxBytes?: number } = {}): Promise<v.InferOutput<S>> {
  const text = await readLimitedText(c, options.maxBytes)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body must be JSON')
  }
  return validate(schema, raw, 'invalid_body')
}
