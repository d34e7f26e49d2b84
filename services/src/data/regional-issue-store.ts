import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RegionalIssue, isActiveInFiscalYear, keys } from '@kikan/shared';
import type { AuditEvent } from './audit.ts';
import { db, tableName } from './client.ts';
import { queryAll } from './paging.ts';
import { consentRelied } from './person-store.ts';
import {
  putIfVersion,
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type WriteContext,
} from './transaction.ts';

/**
 * Regional issues (地域課題): one item per issue in one partition per tenant, holding its sources,
 * dated steps, sessions and outcome. A tenant raises tens a year, so the list, the council pack and
 * the statistics export read the whole partition in one Query. See ADR 0011.
 */

export const RegionalIssueRecord = RegionalIssue;
export type RegionalIssueRecord = RegionalIssue;

export const regionalIssueItem = (tenantId: string, issue: RegionalIssueRecord) => ({
  ...keys.regionalIssue(tenantId, issue.issueId),
  entity: 'regional_issue',
  ...issue,
});

const toIssue = (item: Record<string, unknown>): RegionalIssueRecord => {
  const { pk: _pk, sk: _sk, entity: _entity, ...issue } = item;
  return RegionalIssueRecord.parse(issue);
};

const issueAudit = (action: AuditEvent['action'], issue: RegionalIssueRecord): AuditEvent => ({
  action,
  recordType: 'regional_issue',
  recordId: issue.issueId,
  recordOfficeId: issue.raisedByOfficeId,
});

/**
 * A new issue, written only while the council consent of every person whose case it counts is still
 * granted (by the raising day): a revocation committed since the check cancels it (ADR 0022).
 */
export const createRegionalIssue = ({
  write,
  issue,
  consentsOf,
  create,
}: {
  write: WriteContext;
  issue: RegionalIssueRecord;
  /** The persons whose cases are the sources. */
  consentsOf: readonly string[];
  create: IdempotentCreate;
}) =>
  writeTransaction(
    write,
    [
      putNew(regionalIssueItem(write.ctx.tenantId, issue)),
      ...consentsOf.map((personId) =>
        consentRelied(write.ctx.tenantId, personId, 'council_anonymised', issue.raisedOn),
      ),
    ],
    [issueAudit('create', issue)],
    create,
  );

/**
 * A step, a session or an outcome: written only at the version the caller read (412 otherwise).
 * A step or a session sent with an Idempotency-Key stores its response, so a retry replays it
 * instead of failing on the version it already moved.
 */
export const saveRegionalIssue = ({
  write,
  issue,
  expectedVersion,
  create,
}: {
  write: WriteContext;
  issue: RegionalIssueRecord;
  expectedVersion: number;
  create?: IdempotentCreate;
}) =>
  writeTransaction(
    write,
    [putIfVersion(regionalIssueItem(write.ctx.tenantId, issue), expectedVersion)],
    [issueAudit('update', issue)],
    create,
  );

/** `forWrite` reads strongly consistent: the write is made at the version read. */
export const getRegionalIssue = async (
  tenantId: string,
  issueId: string,
  forWrite = false,
): Promise<RegionalIssueRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.regionalIssue(tenantId, issueId),
      ConsistentRead: forWrite,
    }),
  );
  return Item ? toIssue(Item) : null;
};

/**
 * Every regional issue of a tenant, newest raised first; with a fiscal year, those worked on in it
 * (raised by its end, not closed before its start). CONTRACT: read by the council pack and the
 * statistics export as well as the list route. `forWrite` reads strongly consistent: a revoked
 * council consent rewrites the issues it finds at the version read.
 */
export const readRegionalIssues = async (
  tenantId: string,
  fiscalYear?: number,
  forWrite = false,
): Promise<RegionalIssueRecord[]> => {
  const { pk } = keys.regionalIssue(tenantId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ConsistentRead: forWrite,
  });
  const issues = items.map(toIssue);
  return issues
    .filter((issue) => fiscalYear === undefined || isActiveInFiscalYear(issue, fiscalYear))
    .sort((a, b) => b.raisedOn.localeCompare(a.raisedOn) || a.issueId.localeCompare(b.issueId));
};
