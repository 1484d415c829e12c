import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

const serverPort = process.env['PORT'] ?? '8787'

export default defineConfig({
  root: 'client',
  plugins: [solid()],
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: true, target: 'es2022', manifest: true },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/sync': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
      '/healthz': `http://127.0.0.1:${serverPort}`,
    },
  },
})
