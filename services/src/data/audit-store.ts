import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { auditItem } from './audit.ts';
import { db, tableName } from './client.ts';

/** Appends one entry; the condition makes an overwrite impossible even for a repeated request id. */
export const appendAudit = async (item: ReturnType<typeof auditItem>): Promise<void> => {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
};
