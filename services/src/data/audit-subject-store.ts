import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { db, tableName } from './client.ts';
import { queryAll } from './paging.ts';

/**
 * What the tenant admin's audit review needs to know about a person or a case: ids and case codes,
 * read with projections, never a name or any other content. The admin sees no individual record;
 * these reads only connect the log's ids to the code an office quotes.
 */

/** The person behind a case code, their cases and every record id in those cases. */
export interface AuditSubject {
  personId: string;
  /** Every case of the person, including one whose item the retention sweep already deleted. */
  caseIds: Set<string>;
  /** caseId → case code, for every case of the person still kept. */
  cases: Map<string, string>;
  /** recordId → caseId, for every record kept in those cases (plans, monitorings, meetings…). */
  records: Map<string, string>;
}

type Item = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const readProjected = (pk: string, projection: string, names: Record<string, string>): Promise<Item[]> =>
  queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ProjectionExpression: projection,
    ExpressionAttributeNames: names,
  });

/**
 * The case code's person and all their cases (the person's case links, at any office), with every
 * record id of each case; null for a code the tenant has no case for. One GetItem, one Query on the
 * person's links and one per case, each projected to ids.
 */
export const readAuditSubject = async (tenantId: string, caseCode: string): Promise<AuditSubject | null> => {
  const { Item: lookup } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.caseCode(tenantId, caseCode),
      ProjectionExpression: 'caseId, personId',
    }),
  );
  const personId = text(lookup?.personId);
  const namedCase = text(lookup?.caseId);
  if (!personId || !namedCase) return null;
  const links = await readProjected(keys.person(tenantId, personId).pk, '#sk, caseId', { '#sk': 'sk' });
  const caseIds = new Set([
    namedCase,
    ...links.flatMap((link) => (text(link.sk)?.startsWith('CASE#') ? [text(link.caseId) ?? ''] : [])),
  ]);
  caseIds.delete('');
  const cases = new Map<string, string>();
  const records = new Map<string, string>();
  await Promise.all(
    [...caseIds].map(async (caseId) => {
      const items = await readProjected(
        keys.caseItem(tenantId, caseId).pk,
        '#sk, caseCode, recordId, meetingId',
        {
          '#sk': 'sk',
        },
      );
      for (const item of items) {
        if (item.sk === keys.caseItem(tenantId, caseId).sk) {
          const code = text(item.caseCode);
          if (code) cases.set(caseId, code);
          continue;
        }
        for (const id of [text(item.recordId), text(item.meetingId)]) if (id) records.set(id, caseId);
      }
    }),
  );
  return { personId, caseIds, cases, records };
};

/** The codes of the cases named (caseId → code); a case no longer there has none. */
export const readCaseCodes = async (
  tenantId: string,
  caseIds: Iterable<string>,
): Promise<Map<string, string>> => {
  const codes = new Map<string, string>();
  const unique = [...new Set(caseIds)];
  for (let start = 0; start < unique.length; start += 100) {
    let pending: Item[] = unique
      .slice(start, start + 100)
      .map((caseId) => ({ ...keys.caseItem(tenantId, caseId) }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 5) throw new Error('BatchGet kept unprocessed keys');
      const result = await db().send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: pending, ProjectionExpression: 'caseId, caseCode' } },
        }),
      );
      for (const item of result.Responses?.[tableName()] ?? []) {
        const caseId = text(item.caseId);
        const code = text(item.caseCode);
        if (caseId && code) codes.set(caseId, code);
      }
      pending = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    }
  }
  return codes;
};
