import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ConsentView, Person } from '@kikan/shared';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ConflictError, RecipientNumberTakenError } from '../kernel/errors.ts';
import type { CaseRecord } from './case-store.ts';
import {
  claimRecipientNumber,
  consentInForce,
  consentRelied,
  consentsInUse,
  personIndexItems,
  putCaseIfUnchanged,
  releaseRecipientNumber,
} from './person-store.ts';
import { translateCancellation } from './transaction.ts';

beforeAll(() => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
  vi.stubEnv('TABLE_NAME', 'test-table');
});

const granted = (overrides: Partial<ConsentView> = {}): ConsentView => ({
  purpose: 'council_anonymised',
  status: 'granted',
  grantedOn: '2026-04-01',
  history: [{ event: 'granted', on: '2026-04-01', at: '2026-04-01T01:00:00.000Z', by: 'user_sato01' }],
  version: 1,
  updatedAt: '2026-04-01T01:00:00.000Z',
  ...overrides,
});

describe('consent in force (fails closed)', () => {
  it('holds from the day it was granted', () => {
    expect(consentInForce(granted(), '2026-04-01')).toBe(true);
    expect(consentInForce(granted(), '2026-11-22')).toBe(true);
  });

  it('does not hold before the day it was granted', () => {
    expect(consentInForce(granted(), '2026-03-31')).toBe(false);
  });

  it('does not hold once revoked, whatever day is asked about', () => {
    const revoked = granted({ status: 'revoked', revokedOn: '2026-10-01', version: 2 });
    expect(consentInForce(revoked, '2026-11-22')).toBe(false);
    expect(consentInForce(revoked, '2026-05-01')).toBe(false);
  });

  it('does not hold when there is no consent at all', () => {
    expect(consentInForce(null, '2026-11-22')).toBe(false);
    expect(consentInForce(undefined, '2026-11-22')).toBe(false);
  });
});

describe('consents stored under a purpose no longer offered (ADR 0022)', () => {
  const stored = (consent: Record<string, unknown>) => ({
    pk: 'T#kibougaoka#PERSON#person_7f3a9c',
    sk: `CONSENT#${String(consent.purpose)}`,
    entity: 'consent',
    personId: 'person_7f3a9c',
    ...consent,
  });

  it('reads a statistics consent of old without failing and leaves it out, keeping the others', () => {
    const consents = consentsInUse([stored({ ...granted(), purpose: 'statistics' }), stored(granted())]);
    expect(consents.map((consent) => consent.purpose)).toEqual(['council_anonymised']);
  });

  it('still fails on a consent item that is malformed, retired purpose or not', () => {
    expect(() => consentsInUse([stored({ ...granted(), purpose: 'statistics', status: 'maybe' })])).toThrow();
    expect(() => consentsInUse([stored({ ...granted(), purpose: 'marketing' })])).toThrow();
  });
});

describe('a write relying on a consent', () => {
  it('checks in its transaction that the consent is granted by the day, and moves its version on', () => {
    const { Update } = consentRelied('kibougaoka', 'person_7f3a9c', 'council_anonymised', '2026-06-01');
    expect(Update?.Key).toEqual({
      pk: 'T#kibougaoka#PERSON#person_7f3a9c',
      sk: 'CONSENT#council_anonymised',
    });
    expect(Update?.ConditionExpression).toBe('#status = :granted AND grantedOn <= :onDate');
    expect(Update?.ExpressionAttributeValues).toMatchObject({
      ':granted': 'granted',
      ':onDate': '2026-06-01',
    });
    expect(Update?.UpdateExpression).toBe('SET #version = #version + :one');
  });
});

const person = (recipientNumber?: string): Person => ({
  personId: 'person_7f3a9c',
  name: '佐藤 花子',
  kana: 'サトウ ハナコ',
  birthDate: '2008-11-23',
  municipalityCode: '990001',
  ...(recipientNumber ? { recipientNumber } : {}),
  disabilityCategories: [],
  supportLevel: 'not_assessed',
  familySituation: '',
  version: 1,
  createdAt: '2026-04-01T01:00:00.000Z',
  updatedAt: '2026-04-01T01:00:00.000Z',
});

describe('the items written beside a person', () => {
  it("links the case to the person and the recipient number, under the case's office, to the person", () => {
    const items = personIndexItems('kibougaoka', person('1234567890'), {
      caseId: 'case_0001',
      officeId: 'himawari',
    });
    expect(items).toEqual([
      expect.objectContaining({
        pk: 'T#kibougaoka#PERSON#person_7f3a9c',
        sk: 'CASE#case_0001',
        officeId: 'himawari',
      }),
      expect.objectContaining({
        pk: 'T#kibougaoka#RECIPIENT#1234567890',
        sk: 'OFFICE#himawari#PERSON#person_7f3a9c',
        officeId: 'himawari',
      }),
    ]);
  });

  it('writes no lookup for a person without a recipient number', () => {
    expect(
      personIndexItems('kibougaoka', person(), { caseId: 'case_0001', officeId: 'himawari' }),
    ).toHaveLength(1);
  });
});

describe('a case rewritten as a side effect', () => {
  const record: CaseRecord = {
    caseId: 'case_0001',
    caseCode: 'K-ABCDEF',
    tenantId: 'kibougaoka',
    officeId: 'himawari',
    personId: 'person_7f3a9c',
    personName: '佐藤 花子',
    personKana: 'サトウ ハナコ',
    birthDate: '2008-11-23',
    specialistUserId: 'user_sato01',
    serviceKind: 'child_plan_consultation',
    planAuthor: 'specialist',
    phase: 'monitoring',
    monitoringPeriodMonths: 3,
    serviceUseStatus: 'using',
    openedOn: '2025-04-01',
    sharedWithCore: false,
    nextMonitoringDueOn: null,
    version: 5,
    createdAt: '2025-04-01T01:00:00.000Z',
    createdBy: 'user_sato01',
    updatedAt: '2025-04-01T01:00:00.000Z',
    updatedBy: 'user_sato01',
  };

  it('is written only at the version read, without returning the case on a failed check', () => {
    const [casePut, ...beside] = putCaseIfUnchanged(
      { ...record, personName: '佐藤 はな子', version: 6 },
      record,
    );
    const Put = casePut?.Put;
    expect(beside).toEqual([]);
    expect(Put?.ConditionExpression).toBe('version = :expected');
    expect(Put?.ExpressionAttributeValues).toEqual({ ':expected': 5 });
    expect(Put?.ReturnValuesOnConditionCheckFailure).toBeUndefined();
  });

  it('turns a case changed meanwhile into a 409, not a 412 naming the case version', () => {
    const error = translateCancellation(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
  });
});

describe('one person, one record: the recipient number has one holder per municipality (ADR 0025)', () => {
  it('claims the number with a conditional write in the same transaction, keyed by municipality and number', () => {
    const [claim, ...more] = claimRecipientNumber('kibougaoka', person('1234567890'));
    expect(more).toEqual([]);
    expect(claim?.Put?.Item).toEqual(
      expect.objectContaining({
        pk: 'T#kibougaoka#RECIPIENT_HOLDER#990001#1234567890',
        sk: 'HOLDER',
        entity: 'recipient_holder',
        personId: 'person_7f3a9c',
      }),
    );
    expect(claim?.Put?.ConditionExpression).toBe('attribute_not_exists(pk) OR personId = :me');
    // The refusal must carry the holder, so the operation can say what the caller may know.
    expect(claim?.Put?.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  it('numbers of two member municipalities may collide: each has its own holder', () => {
    const a = claimRecipientNumber('kibougaoka', { ...person('1234567890'), municipalityCode: '012025' });
    const b = claimRecipientNumber('kibougaoka', { ...person('1234567890'), municipalityCode: '012033' });
    expect(a[0]?.Put?.Item?.pk).not.toBe(b[0]?.Put?.Item?.pk);
  });

  it('claims nothing for a person without a number', () => {
    expect(claimRecipientNumber('kibougaoka', person())).toEqual([]);
    expect(releaseRecipientNumber('kibougaoka', person())).toEqual([]);
  });

  it("frees a number only while its holder item is still this person's", () => {
    const [release] = releaseRecipientNumber('kibougaoka', person('1234567890'));
    expect(release?.Delete?.Key).toEqual({
      pk: 'T#kibougaoka#RECIPIENT_HOLDER#990001#1234567890',
      sk: 'HOLDER',
    });
    expect(release?.Delete?.ConditionExpression).toBe('personId = :me');
  });

  it('turns a refused claim into RecipientNumberTakenError carrying the holder, not a version mismatch', () => {
    const error = translateCancellation(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          {
            Code: 'ConditionalCheckFailed',
            Item: { entity: { S: 'recipient_holder' }, personId: { S: 'person_other' } },
          },
        ],
      }),
    );
    expect(error).toBeInstanceOf(RecipientNumberTakenError);
    expect((error as RecipientNumberTakenError).holderPersonId).toBe('person_other');
  });
});
