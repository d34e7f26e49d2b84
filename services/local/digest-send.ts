import { join } from 'node:path';
import { TABLE_NAME_DEFAULT } from '@kikan/shared';
import { REPO_ROOT } from './stack.ts';

/**
 * `npm run digest:send`: the daily e-mail digest once, now, against the running local stack's
 * DynamoDB Local (KIKAN_DYNAMODB_PORT, default 8300), by the same code the scheduled Lambda runs;
 * the mails land in KIKAN_DATA_DIR/mail and the portal's gateway shows them at /local-mail/.
 * Prints counts per tenant, never an address or a name.
 */
const port = Number(process.env.KIKAN_PORT ?? 4300);
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.TABLE_NAME ??= TABLE_NAME_DEFAULT;
process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${Number(process.env.KIKAN_DYNAMODB_PORT ?? 8300)}`;
process.env.MAIL_MODE = 'local';
process.env.LOCAL_MAIL_DIR = join(process.env.KIKAN_DATA_DIR ?? join(REPO_ROOT, '.data'), 'mail');
process.env.PORTAL_URL ??= `http://localhost:${port}`;
process.env.MAIL_FROM ??= 'noreply@kikan.example';
delete process.env.TENANT_DATA_ROLE_ARN;

const { handler } = await import('../src/digest/function.ts');
try {
  const result = await handler({});
  process.stdout.write(
    `お知らせのメールを送りました / digest sent: ${result.tenants} tenant(s), ${result.sent} mail(s) → http://localhost:${port}/local-mail/\n`,
  );
} catch (error) {
  process.stderr.write(
    `✖ お知らせのメールを送れませんでした。npm start でローカル環境が起動しているか確認してください (${
      error instanceof Error ? error.message : 'unknown error'
    })\n`,
  );
  process.exit(1);
}
