import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  CaseId,
  IsoDate,
  MunicipalityCode,
  OfficeId,
  PlanRequestStatus,
  RecipientNumber,
  keys,
  todayInJapan,
} from '@kikan/shared';
import * as z from 'zod';
import type { AuditEvent } from './audit.ts';
import { getCasesByIds } from './case-store.ts';
import { db, tableName } from './client.ts';
import { queryAll } from './paging.ts';
import {
  putIfUnchanged,
  putIfVersion,
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * 計画案提出依頼 (ADR 0044): one item per request in its municipality's partition, and while it is
 * open one task item in the requested office's partition (by due date), written and deleted in the
 * same transactions, so the office's tasks and the caseworker's list never disagree.
 */

export const PlanRequestRecord = z.strictObject({
  requestId: z.string(),
  municipalityCode: MunicipalityCode,
  officeId: OfficeId,
  caseId: CaseId,
  recipientNumber: RecipientNumber,
  dueOn: IsoDate,
  note: z.string(),
  status: PlanRequestStatus,
  requestedOn: IsoDate,
  closedOn: IsoDate.optional(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type PlanRequestRecord = z.infer<typeof PlanRequestRecord>;

/** An office's open request: what its notifications and its case page read. */
export const OpenPlanRequest = z.object({
  requestId: z.string(),
  municipalityCode: MunicipalityCode,
  caseId: CaseId,
  dueOn: IsoDate,
  note: z.string(),
  requestedOn: IsoDate,
});
export type OpenPlanRequest = z.infer<typeof OpenPlanRequest>;

const requestItem = (tenantId: string, request: PlanRequestRecord) => ({
  ...keys.planRequest(tenantId, request.municipalityCode, request.requestId),
  entity: 'plan_request',
  ...request,
});

const openItem = (tenantId: string, request: PlanRequestRecord) => ({
  ...keys.openPlanRequest(tenantId, request.officeId, request.dueOn, request.requestId),
  entity: 'open_plan_request',
  requestId: request.requestId,
  municipalityCode: request.municipalityCode,
  caseId: request.caseId,
  dueOn: request.dueOn,
  note: request.note,
  requestedOn: request.requestedOn,
});

const removeOpenItem = (tenantId: string, request: PlanRequestRecord): TransactItem => ({
  Delete: {
    TableName: tableName(),
    Key: keys.openPlanRequest(tenantId, request.officeId, request.dueOn, request.requestId),
  },
});

const requestAudit = (action: AuditEvent['action'], request: PlanRequestRecord): AuditEvent => ({
  action,
  recordType: 'plan_request',
  recordId: request.requestId,
  recordOfficeId: request.officeId,
});

const toRecord = (item: Record<string, unknown>): PlanRequestRecord => {
  const { pk: _pk, sk: _sk, entity: _entity, ...request } = item;
  return PlanRequestRecord.parse(request);
};

export const createPlanRequest = (
  write: WriteContext,
  request: PlanRequestRecord,
  create: IdempotentCreate,
) =>
  writeTransaction(
    write,
    [putNew(requestItem(write.ctx.tenantId, request)), putNew(openItem(write.ctx.tenantId, request))],
    [requestAudit('create', request)],
    create,
  );

/** Closes an open request (fulfilled or withdrawn) at the version read; its task goes with it. */
const closeItems = (
  tenantId: string,
  closed: PlanRequestRecord,
  expectedVersion: number,
  onStale: 'precondition' | 'conflict',
): TransactItem[] => [
  (onStale === 'precondition' ? putIfVersion : putIfUnchanged)(
    requestItem(tenantId, closed),
    expectedVersion,
  ),
  removeOpenItem(tenantId, closed),
];

export const closePlanRequest = (write: WriteContext, closed: PlanRequestRecord, expectedVersion: number) =>
  writeTransaction(write, closeItems(write.ctx.tenantId, closed, expectedVersion, 'precondition'), [
    requestAudit('update', closed),
  ]);

export const getPlanRequest = async (
  tenantId: string,
  municipalityCode: string,
  requestId: string,
): Promise<PlanRequestRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.planRequest(tenantId, municipalityCode, requestId),
      ConsistentRead: true,
    }),
  );
  return Item ? toRecord(Item) : null;
};

/** A municipality's requests, open first by due date, then the closed ones newest first. */
export const readPlanRequests = async (
  tenantId: string,
  municipalityCode: string,
): Promise<PlanRequestRecord[]> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.planRequest(tenantId, municipalityCode).pk },
  });
  return items
    .map(toRecord)
    .sort(
      (a, b) =>
        Number(b.status === 'open') - Number(a.status === 'open') ||
        (a.status === 'open' ? a.dueOn.localeCompare(b.dueOn) : b.requestedOn.localeCompare(a.requestedOn)) ||
        a.requestId.localeCompare(b.requestId),
    );
};

/** An office's open requests by due date: one Query of its own partition. */
export const readOpenPlanRequests = async (
  tenantId: string,
  officeId: string,
): Promise<OpenPlanRequest[]> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.openPlanRequest(tenantId, officeId).pk },
  });
  return items.map((item) => OpenPlanRequest.parse(item));
};

/**
 * The open requests an office member works on: a specialist those of the cases they hold, anyone
 * else of the office all of them. The notifications count and the office's list show these same.
 */
export const openPlanRequestsFor = async (
  tenantId: string,
  officeId: string,
  holderUserId: string | null,
): Promise<OpenPlanRequest[]> => {
  const open = await readOpenPlanRequests(tenantId, officeId);
  if (holderUserId === null || !open.length) return open;
  const held = new Set(
    (await getCasesByIds(tenantId, [...new Set(open.map((request) => request.caseId))]))
      .filter((record) => record.specialistUserId === holderUserId)
      .map((record) => record.caseId),
  );
  return open.filter((request) => held.has(request.caseId));
};

/** What fulfilling a case's open requests writes: the requests at the version read, and their audit. */
export interface RequestFulfilment {
  items: TransactItem[];
  audits: AuditEvent[];
  count: number;
}

/**
 * The writes that mark every open request of a case fulfilled, for the transaction of the 計画案's
 * submission (submissions/plan-draft-submitted.ts): the office's task items say which requests are
 * open; each request is rewritten only at the version read, so a concurrent withdrawal makes the
 * whole submission a 409 to retry, never a request left open beside its answer.
 */
export const requestFulfilment = async (
  write: WriteContext,
  target: { caseId: string; officeId: string },
): Promise<RequestFulfilment> => {
  const { tenantId } = write.ctx;
  const open = (await readOpenPlanRequests(tenantId, target.officeId)).filter(
    (request) => request.caseId === target.caseId,
  );
  const records = (
    await Promise.all(open.map((task) => getPlanRequest(tenantId, task.municipalityCode, task.requestId)))
  ).filter((record): record is PlanRequestRecord => record?.status === 'open');
  const at = write.now.toISOString();
  const closedOn = todayInJapan(write.now);
  const closed = records.map((record) => ({
    ...record,
    status: 'fulfilled' as const,
    closedOn,
    version: record.version + 1,
    updatedAt: at,
    updatedBy: write.ctx.userId,
  }));
  return {
    items: closed.flatMap((record) => closeItems(tenantId, record, record.version - 1, 'conflict')),
    audits: closed.map((record) => requestAudit('update', record)),
    count: closed.length,
  };
};

/** Marks every open request of a case fulfilled on its own; returns how many it closed. */
export const fulfilRequestsFor = async (
  write: WriteContext,
  target: { caseId: string; officeId: string },
): Promise<number> => {
  const fulfilment = await requestFulfilment(write, target);
  if (fulfilment.count === 0) return 0;
  await writeTransaction(write, fulfilment.items, fulfilment.audits);
  return fulfilment.count;
};
