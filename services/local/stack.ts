import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { installConfig } from '../src/config.ts';
import { seedDemoSignOff } from './demo-signoff.ts';
import { LocalStackError, isPortFree, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { startGateway, staticPortal, type Gateway, type PortalHandler } from './gateway.ts';
import { localCursorSecret } from './cursor-secret.ts';
import { LOCAL_MAIL_PATH } from './mail-page.ts';
import { LOCAL_CLIENT_ID, LocalIssuer } from './issuer.ts';
import { readLocalDirectory } from './local-directory.ts';
import { seedDemoData } from './seed.ts';
import { ensureTable, localClient } from './table.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface LocalStackOptions {
  /** 0 picks a free port. */
  port: number;
  /** Start DynamoDB Local on this port, or use one already running at `endpoint` (tests). */
  dynamoDb: { port: number } | { endpoint: string };
  /** Keep data and the issuer key here between runs; without it everything is in memory. */
  dataDir?: string;
  tableName: string;
  /** 'vite': the portal from source with hot reload; 'static': the built SPA in web/build. */
  portal: 'vite' | 'static' | 'none';
  seed: boolean;
  /** The local issuer's clock (milliseconds since the epoch) for `iat`; the real one by default. */
  issuerClock?: () => number;
}

export interface LocalStack {
  url: string;
  apiUrl: string;
  dynamoDbEndpoint: string;
  dynamoDbPid: number;
  issuer: LocalIssuer;
  seeded: { seeded: boolean; items: number };
  /** The local mail catcher's page and folder (ADR 0038). */
  mailUrl: string;
  mailDir: string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });

const vitePortal = async (gateway: Gateway): Promise<{ handler: PortalHandler; close(): Promise<void> }> => {
  const { createServer } = await import('vite');
  const webRoot = join(REPO_ROOT, 'web');
  const vite = await createServer({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    logLevel: 'warn',
    server: { middlewareMode: true, ws: { server: gateway.server } },
  });
  return { handler: (request, response) => vite.middlewares(request, response), close: () => vite.close() };
};

/**
 * The whole system on one machine: DynamoDB Local, the table as CDK defines it, demo data, the
 * local issuer and the gateway in front of the Lambda handlers, and the portal.
 */
export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  if (options.port !== 0 && !(await isPortFree(options.port))) {
    throw new LocalStackError(
      `ポート ${options.port} は使用中です。他のプロセスを止めるか KIKAN_PORT で別のポートを指定してください`,
    );
  }
  if (options.portal === 'static' && !existsSync(join(REPO_ROOT, 'web', 'build', 'index.html'))) {
    throw new LocalStackError('web/build がありません。先に npm run build -w web を実行してください');
  }
  const dynamo: Pick<DynamoDbLocal, 'endpoint' | 'pid' | 'stop'> =
    'endpoint' in options.dynamoDb
      ? { endpoint: options.dynamoDb.endpoint, pid: -1, stop: async () => undefined }
      : await startDynamoDbLocal({
          port: options.dynamoDb.port,
          ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
        });
  const cleanups: (() => Promise<void>)[] = [() => dynamo.stop()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const client = localClient(dynamo.endpoint);
    try {
      await client.send(new ListTablesCommand({}));
    } catch {
      throw new LocalStackError(
        `DynamoDB Local のデータを読めません。データフォルダ ${options.dataDir ?? ''}/dynamodb を削除してから再度起動してください`,
      );
    }
    await ensureTable(client, options.tableName);
    const seeded = options.seed ? await seedDemoData(client, options.tableName) : { seeded: false, items: 0 };
    client.destroy();

    const port = options.port || (await freePort());
    const issuerUrl = `http://127.0.0.1:${port}/local-auth`;
    const issuer = await LocalIssuer.open(
      issuerUrl,
      options.dataDir ? join(options.dataDir, 'issuer-key.json') : undefined,
      options.issuerClock,
    );
    installConfig({
      ...process.env,
      AUTH_MODE: 'local',
      TABLE_NAME: options.tableName,
      LOCAL_ISSUER: issuerUrl,
      LOCAL_CLIENT_ID,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      CURSOR_SECRET: localCursorSecret(options.dataDir ? join(options.dataDir, 'cursor-secret') : undefined),
      // The import bucket's stand-in (ADR 0034): uploads through the gateway's signed PUT land here.
      LOCAL_IMPORT_DIR: options.dataDir
        ? join(options.dataDir, 'imports')
        : mkdtempSync(join(tmpdir(), 'kikan-imports-')),
      LOCAL_UPLOAD_SECRET: randomBytes(32).toString('base64url'),
    });
    // The demo's sign-off is built from the seeded figures through the data layer, configured just above.
    if (seeded.seeded) await seedDemoSignOff();

    let portal: PortalHandler | undefined;
    // The mail catcher's folder (ADR 0038): `npm run digest:send` writes there, /local-mail/ shows it.
    const mailDir = options.dataDir
      ? join(options.dataDir, 'mail')
      : mkdtempSync(join(tmpdir(), 'kikan-mail-'));
    const gateway = await startGateway({
      port,
      issuer,
      mailDir,
      directory: readLocalDirectory,
      ...(options.issuerClock ? { clock: options.issuerClock } : {}),
      portal: (request, response) => {
        if (portal) return portal(request, response);
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('ポータルを準備中です');
      },
    });
    cleanups.push(() => gateway.close());
    if (options.portal === 'static') portal = staticPortal(join(REPO_ROOT, 'web', 'build'));
    if (options.portal === 'vite') {
      const vite = await vitePortal(gateway);
      cleanups.push(() => vite.close());
      portal = vite.handler;
    }
    const url = `http://127.0.0.1:${port}`;
    return {
      url,
      apiUrl: `${url}/api`,
      dynamoDbEndpoint: dynamo.endpoint,
      dynamoDbPid: dynamo.pid,
      mailUrl: `${url}${LOCAL_MAIL_PATH}/`,
      mailDir,
      issuer,
      seeded,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
