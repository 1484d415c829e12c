import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as v from 'valibot'
import type { ApiErrorBody } from '../../shared/api'
import { AttemptsUnavailable } from '../auth/attempts'

/** An error a client caused or can act on; the app's error handler turns it into `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(readonly status: ContentfulStatusCode, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message)
  }
}

export const notFound = (what = 'board'): ApiError => new ApiError(404, 'not_found', `${what} not found`)

export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
    return c.json<ApiErrorBody>({ error: { code: error.code, message: error.message } }, error.status)
  }
  if (error instanceof AttemptsUnavailable) {
    console.error(`[http] ${c.req.method} ${c.req.path} refused: the sign-in limits cannot be counted (${error.message})`)
    c.header('retry-after', '10')
    return c.json<ApiErrorBody>({ error: { code: 'unavailable', message: 'signing in is unavailable for a moment; try again shortly' } }, 503)
  }
  console.error('[http] unexpected error:', error)
  return c.json<ApiErrorBody>({ error: { code: 'internal', message: 'internal server error' } }, 500)
}

/** Reads and validates the query string at the edge. */
export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return validate(schema, c.req.query(), 'invalid_query')
}

/** The typed value, or a 400 naming the first problem. */
export function validate<S extends v.GenericSchema>(schema: S, raw: unknown, code: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, raw)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const path = issue.path?.map((p) => String(p.key)).join('.')
    throw new ApiError(400, code, path ? `${path}: ${issue.message}` : issue.message)
  }
  return parsed.output
}
