import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: integration and browser files each start servers (and Chromium); more parallel files only contend.
    maxWorkers: 2,
  },
})
