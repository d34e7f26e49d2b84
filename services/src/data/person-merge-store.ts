import { keys, type ConsentView, type Person } from '@kikan/shared';
import { ConflictError } from '../kernel/errors.ts';
import type { PersonMergeEvent, RecordEvent } from './audit.ts';
import { caseCodeItem, caseWriteItems, personItem, type CaseRecord } from './case-store.ts';
import { tableName } from './client.ts';
import {
  PERSON_MERGED_ENTITY,
  consentItem,
  officesOf,
  personCaseItem,
  recipientHolderItem,
  recipientNumberItem,
  type PersonFile,
} from './person-store.ts';
import {
  MAX_TRANSACTION_ITEMS,
  putIfUnchanged,
  putIfVersion,
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/** Said when the other record holds more cases than one transaction can move (ADR 0025). */
export const TOO_MANY_CASES_TO_MERGE =
  '統合する記録のケースが多すぎるため、一度の操作で統合できません。基幹相談支援センターにご相談ください';

export interface MergePersonsCommand {
  write: WriteContext;
  /** Both records as read: each is written only at that version. */
  kept: PersonFile;
  merged: PersonFile;
  /** The kept record after the merge (version moved on) and its consents, one per purpose. */
  person: Person;
  consents: readonly ConsentView[];
  /** The merged record's cases as read and as rewritten to name the kept person. */
  movedCases: readonly { record: CaseRecord; previous: CaseRecord }[];
  audit: PersonMergeEvent;
  create: IdempotentCreate;
}

const deleteItem = (key: { pk: string; sk: string }): TransactItem => ({
  Delete: { TableName: tableName(), Key: key },
});

const putItem = (item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName(), Item: item },
});

/**
 * Two records of one person become one in one transaction (ADR 0025), or nothing changes:
 * - the kept person at the version the caller read (412 otherwise), with what it took over;
 * - the merged person's item replaced by a tombstone naming the kept one, at the version compared
 *   (409 otherwise), and every other item of its partition (consents, case links) deleted;
 * - its consents the kept record lacked, and its case links, written under the kept person;
 * - each of its cases naming the kept person (and, while open, the kept person's name copies), with
 *   the counters that follow a case write, and its ケース番号 lookup;
 * - the recipient-number lookups and holder moved to the kept person: the holder is taken only while
 *   it is free or one of the two records' (a third holder cancels the write), so no number is left
 *   held by the merged record and none is held twice;
 * - the merge's audit entry and one per moved case, and the idempotent response.
 */
export const mergePersons = async ({
  write,
  kept,
  merged,
  person,
  consents,
  movedCases,
  audit,
  create,
}: MergePersonsCommand) => {
  const tenantId = write.ctx.tenantId;
  const keptId = kept.person.personId;
  const mergedId = merged.person.personId;
  const mergedKey = keys.person(tenantId, mergedId);

  const tombstone = {
    ...mergedKey,
    entity: PERSON_MERGED_ENTITY,
    tenantId,
    personId: mergedId,
    mergedInto: keptId,
    version: merged.person.version + 1,
    updatedAt: write.now.toISOString(),
  };
  const carriedConsents = consents.filter(
    (consent) => !kept.consents.some((own) => own.purpose === consent.purpose),
  );

  const number = person.recipientNumber;
  const mergedNumber = merged.person.recipientNumber;
  const allOffices = officesOf([...kept.cases, ...merged.cases]);
  const lookupOffices = kept.person.recipientNumber ? officesOf(merged.cases) : allOffices;
  const holderClaim: TransactItem[] =
    number && mergedNumber
      ? [
          {
            Put: {
              TableName: tableName(),
              Item: recipientHolderItem(tenantId, person.municipalityCode, number, keptId),
              ConditionExpression: 'attribute_not_exists(pk) OR personId IN (:kept, :merged)',
              ExpressionAttributeValues: { ':kept': keptId, ':merged': mergedId },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ]
      : [];

  const items: TransactItem[] = [
    putIfVersion(personItem(tenantId, person), kept.person.version),
    putIfUnchanged(tombstone, merged.person.version),
    ...merged.consents.map((consent) => deleteItem(keys.consent(tenantId, mergedId, consent.purpose))),
    ...merged.cases.map((link) => deleteItem(keys.personCase(tenantId, mergedId, link.caseId))),
    ...carriedConsents.map((consent) => putNew(consentItem(tenantId, keptId, consent))),
    ...merged.cases.map((link) => putNew(personCaseItem(tenantId, keptId, link))),
    ...(mergedNumber
      ? officesOf(merged.cases).map((officeId) =>
          deleteItem(keys.recipientNumber(tenantId, mergedNumber, officeId, mergedId)),
        )
      : []),
    ...(number
      ? lookupOffices.map((officeId) => putItem(recipientNumberItem(tenantId, number, officeId, keptId)))
      : []),
    ...holderClaim,
    ...caseWriteItems(movedCases.map(({ record, previous }) => ({ record, previous, onStale: 'conflict' }))),
    ...movedCases.map(({ record }) => ({
      Put: {
        TableName: tableName(),
        Item: caseCodeItem(record),
        ConditionExpression: 'attribute_not_exists(pk) OR caseId = :caseId',
        ExpressionAttributeValues: { ':caseId': record.caseId },
      },
    })),
  ];
  const audits = [
    audit,
    ...movedCases.map(({ record }): RecordEvent => ({
      action: 'update',
      recordType: 'case',
      recordId: record.caseId,
      recordOfficeId: record.officeId,
    })),
  ];
  // DynamoDB takes 100 items per transaction: a merge that needs more is refused whole, never split.
  if (items.length + audits.length + (create.idempotency ? 1 : 0) > MAX_TRANSACTION_ITEMS) {
    throw new ConflictError(TOO_MANY_CASES_TO_MERGE);
  }
  return writeTransaction(write, items, audits, create);
};
