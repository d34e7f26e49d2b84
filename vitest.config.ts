import { defineConfig } from 'vitest/config';

/**
 * One test run for the whole repository, split into projects so each suite gets the setup it
 * needs: DynamoDB Local for `*.integ.test.ts`, the running local stack and Chromium for e2e.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'shared',
          root: 'shared',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'services',
          root: 'services',
          include: ['src/**/*.test.ts', 'local/**/*.test.ts', 'ops/**/*.test.ts'],
          exclude: ['**/*.integ.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          root: '.',
          include: ['services/**/*.integ.test.ts', 'test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          root: 'web',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'infra',
          root: 'infra',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/stack-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // expect.poll waits for a state the page reaches after API calls; its default bound of
          // one second is a timing assertion on a busy machine. Playwright's own waits allow 30 s.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
