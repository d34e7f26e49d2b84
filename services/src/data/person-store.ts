import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  CONSENT_PURPOSES,
  CaseId,
  ConsentPurpose,
  ConsentView,
  OfficeId,
  Person,
  PersonId,
  keys,
} from '@kikan/shared';
import * as z from 'zod';
import type { Idempotency } from '../kernel/idempotency.ts';
import { caseWriteItems, personItem, type CaseRecord } from './case-store.ts';
import { db, tableName } from './client.ts';
import { queryAll } from './paging.ts';
import type { StoredResponse } from './idempotency.ts';
import {
  RECIPIENT_HOLDER_ENTITY,
  putIfVersion,
  putNew,
  writeTransaction,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * A person's partition holds the person, one item per consent purpose and one link per case
 * (`CASE#<caseId>` with the case's office). The links lead to who may read the person: an office
 * sees a person only while one of their cases it holds is open (caseload/person-access.ts reads
 * the linked cases). Links are never deleted: a closed case stays its office's file, listed among
 * its case ids, but no longer opens the person's live record. The recipient-number lookup has one
 * item per office of the links.
 */

export const PersonCaseLink = z.object({ caseId: CaseId, officeId: OfficeId });
export type PersonCaseLink = z.infer<typeof PersonCaseLink>;

export const personCaseItem = (tenantId: string, personId: string, link: PersonCaseLink) => ({
  ...keys.personCase(tenantId, personId, link.caseId),
  entity: 'person_case',
  personId,
  caseId: link.caseId,
  officeId: link.officeId,
});

export const recipientNumberItem = (
  tenantId: string,
  recipientNumber: string,
  officeId: string,
  personId: string,
) => ({
  ...keys.recipientNumber(tenantId, recipientNumber, officeId, personId),
  entity: 'recipient_number',
  officeId,
  personId,
});

/**
 * One person, one record (ADR 0025): a 受給者証番号 of a member municipality has one holder in the
 * tenant. The holder item is claimed in the transaction that gives a person the number, under
 * attribute_not_exists — a concurrent claim fails in DynamoDB, not in a read before the write —
 * and a refusal carries the holder (ALL_OLD), which data/transaction.ts turns into a
 * RecipientNumberTakenError. Claiming the number the person already holds is a no-op.
 */
export const recipientHolderItem = (
  tenantId: string,
  municipalityCode: string,
  recipientNumber: string,
  personId: string,
) => ({
  ...keys.recipientNumberHolder(tenantId, municipalityCode, recipientNumber),
  entity: RECIPIENT_HOLDER_ENTITY,
  personId,
});

type NumberedPerson = Pick<Person, 'personId' | 'municipalityCode' | 'recipientNumber'>;

/** The holder item of the person's number, if they have one (seeds write it as it is). */
export const recipientHolderItems = (tenantId: string, person: NumberedPerson) =>
  person.recipientNumber
    ? [recipientHolderItem(tenantId, person.municipalityCode, person.recipientNumber, person.personId)]
    : [];

export const claimRecipientNumber = (tenantId: string, person: NumberedPerson): TransactItem[] =>
  recipientHolderItems(tenantId, person).map((item) => ({
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: 'attribute_not_exists(pk) OR personId = :me',
      ExpressionAttributeValues: { ':me': person.personId },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  }));

/** Gives the number back: deleted only while it is still this person's (a 409 to retry otherwise). */
export const releaseRecipientNumber = (tenantId: string, person: NumberedPerson): TransactItem[] =>
  person.recipientNumber
    ? [
        {
          Delete: {
            TableName: tableName(),
            Key: keys.recipientNumberHolder(tenantId, person.municipalityCode, person.recipientNumber),
            ConditionExpression: 'personId = :me',
            ExpressionAttributeValues: { ':me': person.personId },
          },
        },
      ]
    : [];

/** The person holding a number of a municipality in the tenant, if any (never shown to a caller). */
export const recipientNumberHolderOf = async (
  tenantId: string,
  municipalityCode: string,
  recipientNumber: string,
): Promise<string | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.recipientNumberHolder(tenantId, municipalityCode, recipientNumber),
      ConsistentRead: true,
    }),
  );
  return typeof Item?.personId === 'string' ? Item.personId : null;
};

/** Does the holder item of the person's number (as given) name this person? */
export const holdsRecipientNumber = async (tenantId: string, person: NumberedPerson): Promise<boolean> =>
  !!person.recipientNumber &&
  (await recipientNumberHolderOf(tenantId, person.municipalityCode, person.recipientNumber)) ===
    person.personId;

/**
 * What must be written beside a new person or a new case of a person: the case link, and the
 * recipient-number lookup of the case's office when the person has a number.
 */
export const personIndexItems = (
  tenantId: string,
  person: Pick<Person, 'personId' | 'recipientNumber'>,
  link: PersonCaseLink,
) => [
  personCaseItem(tenantId, person.personId, link),
  ...(person.recipientNumber
    ? [recipientNumberItem(tenantId, person.recipientNumber, link.officeId, person.personId)]
    : []),
];

/** The offices a person's lookup items belong to: one per office of the person's case links. */
export const officesOf = (links: readonly PersonCaseLink[]): string[] => [
  ...new Set(links.map((link) => link.officeId)),
];

export const consentItem = (tenantId: string, personId: string, consent: ConsentView) => ({
  ...keys.consent(tenantId, personId, consent.purpose),
  entity: 'consent',
  personId,
  ...consent,
});

const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, personId: _personId, ...rest } = item;
  return rest;
};

/**
 * Purposes once offered and no longer asked (ADR 0022): items stored before may carry them. They
 * still parse, so the person's file reads as before, and are left out of every view and check —
 * nothing uses them, so showing them would promise what the system does not do.
 */
const RETIRED_CONSENT_PURPOSES = ['statistics'] as const;
const StoredConsent = ConsentView.extend({
  purpose: z.enum([...CONSENT_PURPOSES, ...RETIRED_CONSENT_PURPOSES]),
});

/** The consents of purposes still offered; a malformed item still fails loudly. */
export const consentsInUse = (items: readonly Record<string, unknown>[]): ConsentView[] =>
  items.flatMap((item) => {
    const stored = StoredConsent.parse(withoutKeys(item));
    const current = ConsentView.safeParse(stored);
    return current.success ? [current.data] : [];
  });

/**
 * The `entity` of a merged record's tombstone (ADR 0025): the person item of the record folded into
 * another is replaced by one naming the kept record, with nothing personal; every other item of its
 * partition is gone.
 */
export const PERSON_MERGED_ENTITY = 'person_merged';

export interface PersonFile {
  person: Person;
  consents: ConsentView[];
  cases: PersonCaseLink[];
}

/** The person, their consents and their case links in one Query on the person's partition. */
export const readPersonFile = async (tenantId: string, personId: string): Promise<PersonFile | null> => {
  const { pk } = keys.person(tenantId, personId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ConsistentRead: true,
  });
  const sortKeyOf = (item: Record<string, unknown>) => (typeof item.sk === 'string' ? item.sk : '');
  const personRecord = items.find((item) => sortKeyOf(item) === keys.person(tenantId, personId).sk);
  // A record merged into another (ADR 0025) is no person any more: its id finds nothing.
  if (!personRecord || personRecord.entity === PERSON_MERGED_ENTITY) return null;
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, ...person } = personRecord;
  return {
    person: Person.parse(person),
    consents: consentsInUse(items.filter((item) => sortKeyOf(item).startsWith('CONSENT#'))),
    cases: items
      .filter((item) => sortKeyOf(item).startsWith('CASE#'))
      .map((item) => PersonCaseLink.parse(withoutKeys(item))),
  };
};

/** The record a merged person's id was folded into (ADR 0025), or null for any other id. */
export const mergedInto = async (tenantId: string, personId: string): Promise<string | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.person(tenantId, personId), ConsistentRead: true }),
  );
  return Item?.entity === PERSON_MERGED_ENTITY && typeof Item.mergedInto === 'string'
    ? Item.mergedInto
    : null;
};

/** Consent in force on a day: granted on or before it and not revoked. Anything else is no consent. */
export const consentInForce = (consent: ConsentView | null | undefined, onDate: string): boolean =>
  consent?.status === 'granted' && consent.grantedOn <= onDate;

/**
 * Fails closed: a missing, revoked, not-yet-granted or unreadable consent is no consent. Asked
 * before a record is shared with the core center or counted in the council's material.
 */
export const hasConsent = async (
  tenantId: string,
  personId: string,
  purpose: z.infer<typeof ConsentPurpose>,
  onDate: string,
): Promise<boolean> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.consent(tenantId, personId, purpose),
      ConsistentRead: true,
    }),
  );
  if (!Item) return false;
  const parsed = ConsentView.safeParse(withoutKeys(Item));
  return parsed.success && consentInForce(parsed.data, onDate);
};

/** The persons, of those given, whose consent to `purpose` is in force on the day (fails closed). */
export const personsWithConsent = async (
  tenantId: string,
  personIds: Iterable<string>,
  purpose: z.infer<typeof ConsentPurpose>,
  onDate: string,
): Promise<Set<string>> => {
  const unique = [...new Set(personIds)];
  const held = await Promise.all(unique.map((personId) => hasConsent(tenantId, personId, purpose, onDate)));
  return new Set(unique.filter((_, index) => held[index]));
};

/**
 * Written beside a record that relies on a consent (a case counted in the council's material): the
 * consent must still be granted, on or before `onDate`, and its version moves on, so a revocation
 * computed before this write fails at its version instead of leaving the new use behind (ADR 0022).
 * A failed check is a 409 to retry: the consent was revoked meanwhile.
 */
export const consentRelied = (
  tenantId: string,
  personId: string,
  purpose: z.infer<typeof ConsentPurpose>,
  onDate: string,
): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.consent(tenantId, personId, purpose),
    UpdateExpression: 'SET #version = #version + :one',
    ConditionExpression: '#status = :granted AND grantedOn <= :onDate',
    ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
    ExpressionAttributeValues: { ':granted': 'granted', ':onDate': onDate, ':one': 1 },
  },
});

/** Person ids holding a recipient number (normally one; numbers of two municipalities may collide). */
/** The persons holding the number with a case at this office: scoped in the key, before any read. */
export const findPersonIdsByRecipientNumber = async (
  tenantId: string,
  officeId: string,
  recipientNumber: string,
): Promise<string[]> => {
  const { pk, sk } = keys.recipientNumber(tenantId, recipientNumber, officeId);
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :office)',
      ExpressionAttributeValues: { ':pk': pk, ':office': sk },
      Limit: 20,
    }),
  );
  return (result.Items ?? []).map((item) => PersonId.parse(item.personId));
};

export interface UpdatePersonCommand {
  write: WriteContext;
  person: Person;
  expectedVersion: number;
  /** The person's cases with the new name copies; each is written only if unchanged since read. */
  cases: { record: CaseRecord; previous: CaseRecord }[];
  previousRecipientNumber: string | undefined;
  previousMunicipalityCode: string;
  /**
   * Whether the holder item of the previous number is this person's (read before the write): a
   * person stored before numbers had holders (ADR 0025) has none, and must not delete another's.
   */
  holdsPreviousNumber: boolean;
  /** The offices of the person's case links: the lookup items of a changed number move with it. */
  officeIds: readonly string[];
}

/**
 * A case rewritten as a side effect of another record's write. If it changed meanwhile the whole
 * write is a 409 to retry, not a 412: that ETag would name the case, not the record the caller sent.
 */
export const putCaseIfUnchanged = (record: CaseRecord, previous: CaseRecord): TransactItem[] =>
  caseWriteItems([{ record, previous, onStale: 'conflict' }]);

const deleteItem = (key: { pk: string; sk: string }): TransactItem => ({
  Delete: { TableName: tableName(), Key: key },
});

/**
 * The person and every copy of their name on their cases in one transaction: a case changed
 * meanwhile cancels the whole write (409), so no case keeps an old name.
 */
export const updatePerson = ({
  write,
  person,
  expectedVersion,
  cases,
  previousRecipientNumber,
  previousMunicipalityCode,
  holdsPreviousNumber,
  officeIds,
}: UpdatePersonCommand) => {
  const tenantId = write.ctx.tenantId;
  const recipientChanged = previousRecipientNumber !== person.recipientNumber;
  const holderChanged = recipientChanged || previousMunicipalityCode !== person.municipalityCode;
  const previous = {
    personId: person.personId,
    municipalityCode: previousMunicipalityCode,
    recipientNumber: previousRecipientNumber,
  };
  const items = [
    putIfVersion(personItem(tenantId, person), expectedVersion),
    ...(holderChanged && holdsPreviousNumber ? releaseRecipientNumber(tenantId, previous) : []),
    ...(holderChanged ? claimRecipientNumber(tenantId, person) : []),
    ...caseWriteItems(cases.map(({ record, previous }) => ({ record, previous, onStale: 'conflict' }))),
    ...(recipientChanged && previousRecipientNumber
      ? officeIds.map((officeId) =>
          deleteItem(keys.recipientNumber(tenantId, previousRecipientNumber, officeId, person.personId)),
        )
      : []),
    ...(recipientChanged && person.recipientNumber
      ? officeIds.map((officeId) =>
          putNew(recipientNumberItem(tenantId, person.recipientNumber ?? '', officeId, person.personId)),
        )
      : []),
  ];
  return writeTransaction(write, items, [
    { action: 'update', recordType: 'person', recordId: person.personId, recordOfficeId: write.ctx.officeId },
    ...cases.map(({ record }) => ({
      action: 'update' as const,
      recordType: 'case' as const,
      recordId: record.caseId,
      recordOfficeId: record.officeId,
    })),
  ]);
};

export interface SaveConsentCommand {
  write: WriteContext;
  personId: string;
  consent: ConsentView;
  /** null: the first consent of this purpose. */
  expectedVersion: number | null;
  idempotency: Idempotency | null;
  response: StoredResponse;
}

export const saveConsent = ({
  write,
  personId,
  consent,
  expectedVersion,
  idempotency,
  response,
}: SaveConsentCommand) => {
  const item = consentItem(write.ctx.tenantId, personId, consent);
  return writeTransaction(
    write,
    [expectedVersion === null ? putNew(item) : putIfVersion(item, expectedVersion)],
    [
      {
        action: expectedVersion === null ? 'create' : 'update',
        recordType: 'consent',
        recordId: `${personId}/${consent.purpose}`,
        recordOfficeId: write.ctx.officeId,
      },
    ],
    { idempotency, response },
  );
};

const NumberedPersonItem = z.object({ personId: PersonId, recipientNumber: z.string().optional() });

/**
 * The 受給者証番号 of some persons (the caseload list's page, its export), by person id: BatchGet of
 * their person items, the number only. A person without one is left out of the map.
 */
export const recipientNumbersOf = async (
  tenantId: string,
  personIds: readonly string[],
): Promise<Map<string, string>> => {
  const found = new Map<string, string>();
  const unique = [...new Set(personIds)];
  // BatchGet takes 100 keys per request.
  for (let start = 0; start < unique.length; start += 100) {
    let pending: Record<string, unknown>[] = unique
      .slice(start, start + 100)
      .map((personId) => ({ ...keys.person(tenantId, personId) }));
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt > 5) throw new Error('BatchGet kept unprocessed keys');
      const result = await db().send(
        new BatchGetCommand({
          RequestItems: {
            [tableName()]: { Keys: pending, ProjectionExpression: 'personId, recipientNumber' },
          },
        }),
      );
      for (const item of result.Responses?.[tableName()] ?? []) {
        const parsed = NumberedPersonItem.safeParse(item);
        if (parsed.success && parsed.data.recipientNumber) {
          found.set(parsed.data.personId, parsed.data.recipientNumber);
        }
      }
      pending = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    }
  }
  return found;
};
