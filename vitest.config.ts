import { globSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Unit tests share one module graph per worker (`isolate: false`): most of their time was spent
 * importing the same modules again for each file. A file that replaces a module or the environment
 * (vi.mock, vi.stubEnv, vi.stubGlobal) needs a graph of its own, so it runs in an isolated twin of
 * its project: the split is read from the files, not listed by hand.
 */
const REPLACES = /\bvi\.(?:mock|doMock|stubEnv|stubGlobal)\(/;

const unitProjects = (name: string, root: string, include: string[], exclude: string[] = []) => {
  const replacing = globSync(include, { cwd: root, exclude })
    .filter((file) => REPLACES.test(readFileSync(join(root, file), 'utf8')))
    .sort();
  const projects: TestProjectInlineConfiguration[] = [
    { test: { name, root, include, exclude: [...exclude, ...replacing], isolate: false } },
  ];
  if (replacing.length > 0) projects.push({ test: { name: `${name}-isolated`, root, include: replacing } });
  return projects;
};

/**
 * One test run for the whole repository, split into projects so each suite gets the setup it
 * needs: DynamoDB Local for `*.integ.test.ts`, the running local stack and Chromium for e2e.
 */
export default defineConfig({
  test: {
    // Vitest's default leaves a CPU free (one worker on a 2-CPU machine), but an integration file
    // spends much of its time waiting on DynamoDB Local, a Java process of its own: two files at a
    // time keep both CPUs busy. The e2e files still run one at a time (fileParallelism below), in
    // a group of their own.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      ...unitProjects('shared', 'shared', ['src/**/*.test.ts']),
      ...unitProjects(
        'services',
        'services',
        ['src/**/*.test.ts', 'local/**/*.test.ts', 'ops/**/*.test.ts'],
        ['**/*.integ.test.ts'],
      ),
      {
        test: {
          name: 'integration',
          root: '.',
          include: ['services/**/*.integ.test.ts', 'test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
          // Bounds against a hang, not speed limits: on a 2-CPU machine shared with other work a
          // test that spawns `npm start` or an ops script took 29 s of the former 30.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      ...unitProjects('web', 'web', ['src/**/*.test.ts']),
      {
        test: {
          name: 'infra',
          root: 'infra',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          isolate: false,
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
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // expect.poll waits for a state the page reaches after API calls; its default bound of
          // one second is a timing assertion on a busy machine. Playwright's own waits allow 30 s.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
