import { defineConfig } from 'vitest/config';

// Layers, one command (`vitest run`): unit (pure rules, fast), integration (handlers over a real
// SQLite file in a temp folder, doors, CLI), security, reliability, e2e (the built UI in Debian's Chromium).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      // Security gates (static Electron checks, doors, fuzzed input) and reliability (crashes,
      // backups, full or read-only storage): real files and processes, so integration-sized timeouts.
      { test: { name: 'security', include: ['tests/security/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000 } },
      { test: { name: 'reliability', include: ['tests/reliability/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the CI machine has two cores.
          fileParallelism: false,
          // A screen waited for is checked again until it shows; a shared, busy machine may take
          // seconds, and a passing check returns at once.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
