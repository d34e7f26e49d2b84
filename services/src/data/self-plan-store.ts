import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { MunicipalityCode, OfficeId, SelfPlanInput, keys } from '@kikan/shared';
import * as z from 'zod';
import type { AuditEvent } from './audit.ts';
import { db, tableName } from './client.ts';
import { queryAll } from './paging.ts';
import type { StatisticsCase } from './statistics-counters.ts';
import { statisticsWrites } from './statistics-store.ts';
import {
  putIfVersion,
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type WriteContext,
} from './transaction.ts';

/**
 * Self-plans filed at the municipality, without an office (ADR 0044): one item per self-plan in its
 * municipality's partition. Each write adds its difference to the same plan-indicator counters an
 * office's self-plan case writes (statistics-counters.ts, one counting path), under the municipal
 * division's office id, in the same transaction: the self-plan rate and のぞまないセルフプラン count
 * it, the tenant's and the municipality's totals include it, and no office's figures do.
 */

export const SelfPlanRecord = SelfPlanInput.extend({
  selfPlanId: z.string(),
  tenantId: z.string(),
  municipalityCode: MunicipalityCode,
  /** The municipal division that registered it: the statistics cell it counts in. */
  divisionOfficeId: OfficeId,
  version: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
}).strict();
export type SelfPlanRecord = z.infer<typeof SelfPlanRecord>;

/** What the self-plan adds to the figures, as an office's self-plan case with the same dates would. */
export const selfPlanStatisticsCase = (record: SelfPlanRecord): StatisticsCase => ({
  tenantId: record.tenantId,
  officeId: record.divisionOfficeId,
  municipalityCode: record.municipalityCode,
  birthDate: record.person.birthDate,
  openedOn: record.filedOn,
  phase: 'implementation',
  serviceKind: record.serviceKind,
  planAuthor: 'self_plan',
  selfPlanReason: record.selfPlanReason,
  ...(record.decision ? { decision: record.decision } : {}),
  filedAtMunicipality: true,
});

const selfPlanItem = (record: SelfPlanRecord) => ({
  ...keys.municipalSelfPlan(record.tenantId, record.municipalityCode, record.selfPlanId),
  entity: 'municipal_self_plan',
  ...record,
});

const toRecord = (item: Record<string, unknown>): SelfPlanRecord => {
  const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
  return SelfPlanRecord.parse(record);
};

const selfPlanAudit = (action: AuditEvent['action'], record: SelfPlanRecord): AuditEvent => ({
  action,
  recordType: 'municipal_self_plan',
  recordId: record.selfPlanId,
  recordOfficeId: record.divisionOfficeId,
});

export const createSelfPlan = (write: WriteContext, record: SelfPlanRecord, create: IdempotentCreate) =>
  writeTransaction(
    write,
    [
      putNew(selfPlanItem(record)),
      ...statisticsWrites([{ before: null, after: selfPlanStatisticsCase(record) }]),
    ],
    [selfPlanAudit('create', record)],
    create,
  );

/** A correction at the version read: the counters move by the difference between the two. */
export const saveSelfPlan = (write: WriteContext, record: SelfPlanRecord, previous: SelfPlanRecord) =>
  writeTransaction(
    write,
    [
      putIfVersion(selfPlanItem(record), previous.version),
      ...statisticsWrites([
        { before: selfPlanStatisticsCase(previous), after: selfPlanStatisticsCase(record) },
      ]),
    ],
    [selfPlanAudit('update', record)],
  );

export const getSelfPlan = async (
  tenantId: string,
  municipalityCode: string,
  selfPlanId: string,
): Promise<SelfPlanRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.municipalSelfPlan(tenantId, municipalityCode, selfPlanId),
      ConsistentRead: true,
    }),
  );
  return Item ? toRecord(Item) : null;
};

/** A municipality's self-plans, newest filed first. */
export const readSelfPlans = async (
  tenantId: string,
  municipalityCode: string,
): Promise<SelfPlanRecord[]> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.municipalSelfPlan(tenantId, municipalityCode).pk },
  });
  return items
    .map(toRecord)
    .sort((a, b) => b.filedOn.localeCompare(a.filedOn) || a.selfPlanId.localeCompare(b.selfPlanId));
};
