import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The board page's module in the client's build manifest (vite.config.ts writes one). */
const BOARD_PAGE_SOURCE = 'src/pages/BoardPage.tsx'

/**
 * The built client: files from `clientDir`, and its index.html for every page route (`/`, `/b/:id`).
 * A board's page names the board's code in a modulepreload link, so the browser fetches and compiles
 * it beside the first script instead of after it; the lobby stays without it.
 */
export function clientRoutes(clientDir: string): Hono {
  const app = new Hono()
  const indexPath = join(clientDir, 'index.html')
  app.use('/assets/*', serveStatic({ root: clientDir, onFound: (_path, c) => { c.header('cache-control', 'public, max-age=31536000, immutable') } }))
  app.use('/*', serveStatic({ root: clientDir }))
  app.get('*', (c) => {
    if (!existsSync(indexPath)) return c.text('The client is not built: run `npm run build` (npm start does this).', 503)
    const page = readFileSync(indexPath, 'utf8')
    return c.html(c.req.path.startsWith('/b/') ? page.replace('</head>', `${boardCodePreload(clientDir)}</head>`) : page)
  })
  return app
}

/** The board page's preload link, or nothing for a build without a manifest (read anew: the client may be rebuilt). */
function boardCodePreload(clientDir: string): string {
  const manifestPath = join(clientDir, '.vite', 'manifest.json')
  if (!existsSync(manifestPath)) return ''
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file?: unknown } | undefined>
  const file = manifest[BOARD_PAGE_SOURCE]?.file
  return typeof file === 'string' ? `<link rel="modulepreload" crossorigin href="/${file}">` : ''
}
