import { TABLE_NAME_DEFAULT } from '@kikan/shared';

/**
 * `npm run retention:sweep`: the daily retention sweep once, against the running local stack's
 * DynamoDB Local (KIKAN_DYNAMODB_PORT, default 8300). Prints counts per tenant, never a name.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.TABLE_NAME ??= TABLE_NAME_DEFAULT;
process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${Number(process.env.KIKAN_DYNAMODB_PORT ?? 8300)}`;
delete process.env.TENANT_DATA_ROLE_ARN;

const { handler } = await import('../src/retention/function.ts');
try {
  const result = await handler({});
  process.stdout.write(
    `保存期間の処理が終わりました / retention sweep done: ${result.tenants} tenant(s), ${result.deleted} case(s) deleted\n`,
  );
} catch (error) {
  process.stderr.write(
    `✖ 保存期間の処理に失敗しました。npm start でローカル環境が起動しているか確認してください (${
      error instanceof Error ? error.message : 'unknown error'
    })\n`,
  );
  process.exit(1);
}
