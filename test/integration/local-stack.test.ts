import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, freePort } from '../../services/local/stack.ts';
import { newCaseBody } from '../support/test-api.ts';

/** `npm start` as a user meets it: its own process, its output, Ctrl-C, a second start. */

const TSX_CLI = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'kikan-start-'));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const launched: Started[] = [];

const launch = (env: Record<string, string>): Started => {
  const child = spawn(process.execPath, [TSX_CLI, 'services/local/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, KIKAN_PORTAL: 'none', KIKAN_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = { child, output: () => output, exited };
  launched.push(started);
  return started;
};

/**
 * Resolves when the output says `text`, rejects when the process ends first: no deadline of its
 * own (starting takes what the machine takes), the test's timeout bounds it.
 */
const waitFor = (started: Started, text: string) =>
  new Promise<void>((resolve, reject) => {
    const check = () => {
      if (started.output().includes(text)) {
        started.child.stdout?.off('data', check);
        started.child.stderr?.off('data', check);
        resolve();
      }
    };
    started.child.stdout?.on('data', check);
    started.child.stderr?.on('data', check);
    check();
    void started.exited.then(() => reject(new Error(`no "${text}" in: ${started.output()}`)));
  });

const javaOnPort = (port: number) =>
  spawnSync('pgrep', ['-f', `DynamoDBLocal.jar -port ${port} `])
    .stdout.toString()
    .trim();

/** `npm run token` reads the running stack's directory (ADR 0033): it needs both of its ports. */
const tokenFor = (email: string, port: number, dynamoDbPort: number) => {
  const minted = spawnSync(process.execPath, [TSX_CLI, 'services/local/token.ts', email], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KIKAN_DATA_DIR: dataDir,
      KIKAN_PORT: String(port),
      KIKAN_DYNAMODB_PORT: String(dynamoDbPort),
    },
  });
  // A token script that failed says why here, not as a 401 of the request that follows.
  expect(minted.status, minted.stderr.toString()).toBe(0);
  return minted.stdout.toString().trim();
};

// A failed or timed-out test must not leave `npm start` (and its java child) running.
afterAll(async () => {
  for (const started of launched) {
    if (started.child.exitCode === null) {
      started.child.kill('SIGINT');
      await Promise.race([started.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('seeds once, keeps data between runs, and leaves no java process after Ctrl-C', async () => {
    const port = await freePort();
    const dynamoDbPort = await freePort();
    const env = { KIKAN_PORT: String(port), KIKAN_DYNAMODB_PORT: String(dynamoDbPort) };

    const first = launch(env);
    await waitFor(first, 'Ready in');
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect(first.output()).toMatch(/デモデータ \d+ 件を投入しました/);
    expect(javaOnPort(dynamoDbPort)).not.toBe('');
    const token = tokenFor('sato@kibou.example', port, dynamoDbPort);
    const created = await fetch(`http://127.0.0.1:${port}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(newCaseBody()),
    });
    expect(created.status).toBe(201);
    const { caseId } = (await created.json()) as { caseId: string };
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(javaOnPort(dynamoDbPort)).toBe('');

    const second = launch(env);
    await waitFor(second, 'Ready in');
    expect(second.output()).toContain('前回のデータを使用');
    const read = await fetch(`http://127.0.0.1:${port}/api/cases/${caseId}`, {
      headers: { authorization: `Bearer ${tokenFor('sato@kibou.example', port, dynamoDbPort)}` },
    });
    expect(read.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(javaOnPort(dynamoDbPort)).toBe('');
    // Two starts of Java and the seed: 23 s on a quiet 2-CPU machine, not done in 180 s on a busy one.
  }, 600_000);

  it('says in one line that the port is in use, and starts nothing', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const dynamoDbPort = await freePort();
    const started = launch({ KIKAN_PORT: String(port), KIKAN_DYNAMODB_PORT: String(dynamoDbPort) });
    expect(await started.exited).toBe(1);
    const errorLines = started
      .output()
      .split('\n')
      .filter((line) => line.startsWith('✖'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(`ポート ${port} は使用中`);
    expect(started.output()).not.toMatch(/\n\s+at /);
    expect(javaOnPort(dynamoDbPort)).toBe('');
    blocker.close();
  });

  it('says in one line that Java is missing', async () => {
    const started = launch({
      KIKAN_PORT: String(await freePort()),
      KIKAN_DYNAMODB_PORT: String(await freePort()),
      PATH: dirname(process.execPath),
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('✖ Java が見つかりません');
    expect(started.output()).not.toMatch(/\n\s+at /);
  });
});
