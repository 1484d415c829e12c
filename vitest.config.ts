import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // browser tests load the built client (dist/): build it once if it is missing or stale
    globalSetup: ['tests/support/buildClient.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: integration and browser files each start servers (and Chromium); more parallel files only contend.
    maxWorkers: 2,
  },
})
