import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, freePort, startLocalStack } from '../../services/local/stack.ts';

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
  const stack = await startLocalStack({
    port: 0,
    dynamoDb: { port: await freePort() },
    tableName: 'kikan-e2e',
    portal: 'static',
    seed: true,
  });
  project.provide('portalUrl', stack.url);
  return async () => {
    await stack.stop();
  };
}
