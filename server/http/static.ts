import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The built client: files from `clientDir`, and its index.html for every page route (`/`, `/b/:id`). */
export function clientRoutes(clientDir: string): Hono {
  const app = new Hono()
  const indexPath = join(clientDir, 'index.html')
  app.use('/assets/*', serveStatic({ root: clientDir, onFound: (_path, c) => { c.header('cache-control', 'public, max-age=31536000, immutable') } }))
  app.use('/*', serveStatic({ root: clientDir }))
  app.get('*', (c) => {
    if (!existsSync(indexPath)) return c.text('The client is not built: run `npm run build` (npm start does this).', 503)
    return c.html(readFileSync(indexPath, 'utf8'))
  })
  return app
}
