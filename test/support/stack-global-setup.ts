import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, freePort, startLocalStack } from '../../services/local/stack.ts';
import { assertLogClean, captureLogs } from './log-scan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    portalUrl: string;
  }
}

/**
 * e2e runs against the production build of the portal, served like CloudFront serves it, in front
 * of the local API and an in-memory DynamoDB Local with the demo data.
 */
export default async function setup(project: TestProject) {
  // The same build a developer runs (`npm run build -w web`): the Vite CLI also runs SvelteKit's adapter.
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: join(REPO_ROOT, 'web'),
      stdio: 'inherit',
    },
  );
  // Everything the stack writes while it serves the run (SECURITY row 16): scanned at teardown.
  const capture = captureLogs(
    process.env.KIKAN_E2E_LOG ?? join(tmpdir(), `kikan-e2e-stack-${process.pid}.log`),
  );
  const dynamoDbPort = await freePort();
  const stack = await capture.run(() =>
    startLocalStack({
      port: 0,
      dynamoDb: { port: dynamoDbPort },
      tableName: 'kikan-e2e',
      portal: 'static',
      seed: true,
    }),
  );
  project.provide('portalUrl', stack.url);
  return async () => {
    await stack.stop();
    capture.stop();
    // Throwing here fails the run: the logs must be non-empty and free of seeded personal data.
    const { lines } = assertLogClean(capture.file);
    console.log(
      `log scan: ${lines} lines the stack wrote during e2e, no seeded personal data (${capture.file})`,
    );
  };
}
