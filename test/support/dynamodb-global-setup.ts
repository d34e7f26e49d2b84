import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../services/local/dynamodb-local.ts';
import { freePort } from '../../services/local/stack.ts';
import { DEMO_DATABASE, type DemoDatabase } from './demo-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    demoDatabase: DemoDatabase;
  }
}

/**
 * One DynamoDB Local for the integration run, its files in memory (tmpfs where the machine has
 * one), with the demo seeded once; each test file uses a copy of it (test/support/demo-database.ts)
 * or a table of its own.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kikan-dynamodb-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir, databasePerAccessKey: true });
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'seed-demo-database.ts'), dynamo.endpoint],
      { env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } },
    );
    process.stdout.write(stdout);
  } catch (error) {
    await dynamo.stop();
    removeData();
    throw error;
  }
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  project.provide('demoDatabase', { dataDir, ...DEMO_DATABASE });
  return async () => {
    await dynamo.stop();
    removeData();
  };
}
