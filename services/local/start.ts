import { join, relative } from 'node:path';
import { TABLE_NAME_DEFAULT } from '@kikan/shared';
import { LocalStackError } from './dynamodb-local.ts';
import type { LocalStack } from './stack.ts';

// Access logs are JSON lines for CloudWatch; in a terminal only warnings are worth showing.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const { REPO_ROOT, startLocalStack } = await import('./stack.ts');

const port = Number(process.env.KIKAN_PORT ?? 4300);
const dynamoDbPort = Number(process.env.KIKAN_DYNAMODB_PORT ?? 8300);
const portalModes = ['vite', 'static', 'none'] as const;
const portal = portalModes.find((mode) => mode === process.env.KIKAN_PORTAL) ?? 'vite';
const startedAt = performance.now();

let stack: LocalStack | undefined;
let stopping = false;

const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\n停止しています… / stopping…\n');
  await stack?.stop();
  process.exit(code);
};

// Last resort if the process dies without running shutdown: never leave java behind.
process.on('exit', () => {
  if (stack && stack.dynamoDbPid > 0) {
    try {
      process.kill(-stack.dynamoDbPid, 'SIGKILL');
    } catch {
      // already stopped
    }
  }
});
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

const dataDir = process.env.KIKAN_DATA_DIR ?? join(REPO_ROOT, '.data');

try {
  stack = await startLocalStack({
    port,
    dynamoDb: { port: dynamoDbPort },
    dataDir,
    tableName: TABLE_NAME_DEFAULT,
    portal,
    seed: true,
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const display = `http://localhost:${port}`;
  process.stdout.write(
    [
      '',
      '  基幹 Kikan — ローカル環境が起動しました / the local stack is running',
      '',
      `  ポータル / Portal   ${display}`,
      `  API                 ${display}/api   (OpenAPI: ${display}/api/openapi.json)`,
      `  ログイン / Log in   ポータルのログイン画面でデモユーザーを選択 (例: sato@kibou.example)`,
      `  トークン / Token    TOKEN=$(npm run -s token -- sato@kibou.example)`,
      `  メール / Mail       ${display}/local-mail/   (npm run digest:send でお知らせのメールを送信 / sends the daily digest now)`,
      `  データ / Data       ${dataDir.startsWith(REPO_ROOT) ? relative(REPO_ROOT, dataDir) : dataDir}/  (${stack.seeded.seeded ? `デモデータ ${stack.seeded.items} 件を投入しました` : '前回のデータを使用'}; 削除すると初期状態に戻ります)`,
      '',
      `  Ready in ${seconds} s. Ctrl-C で停止 / Ctrl-C stops everything.`,
      '',
    ].join('\n'),
  );
} catch (error) {
  const message =
    error instanceof LocalStackError
      ? error.message
      : `起動に失敗しました: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`✖ ${message}\n`);
  await shutdown(1);
}
