import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // browser tests load the built client (dist/): build it once if it is missing or stale
    globalSetup: ['tests/support/buildClient.ts'],
    // Limits for a loaded 2-core machine (the suite must pass beside two CPU-bound processes); tests
    // wait on conditions, so an idle machine never comes near them. Browser suites take longer (browser.ts).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 20_000, interval: 50 } },
    pool: 'forks',
    // Two cores: integration and browser files each start servers (and Chromium); more parallel files only contend.
    maxWorkers: 2,
  },
})
