import type { Person, TenantContext } from '@kikan/shared';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../kernel/errors.ts';
import type { CaseRecord } from './case-store.ts';
import { TOO_MANY_CASES_TO_MERGE, mergePersons } from './person-merge-store.ts';
import type { PersonFile } from './person-store.ts';

beforeAll(() => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  // Nothing listens here: a merge refused before it is sent never reaches it.
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
  vi.stubEnv('TABLE_NAME', 'test-table');
});

const ctx: TenantContext = {
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  userId: 'user_sato01',
  role: 'specialist',
} as TenantContext;

const person = (personId: string): Person => ({
  personId,
  name: '佐藤 花子',
  kana: 'サトウ ハナコ',
  birthDate: '1990-11-23',
  municipalityCode: '990001',
  disabilityCategories: [],
  supportLevel: '3',
  familySituation: '',
  version: 1,
  createdAt: '2026-04-01T01:00:00.000Z',
  updatedAt: '2026-04-01T01:00:00.000Z',
});

const caseOf = (index: number): CaseRecord => ({
  caseId: `case_${String(index).padStart(4, '0')}`,
  caseCode: `K-CASE${String(index).padStart(2, '0')}`,
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  personId: 'person_other',
  personName: '佐藤 花子',
  personKana: 'サトウ ハナコ',
  birthDate: '1990-11-23',
  municipalityCode: '990001',
  specialistUserId: 'user_sato01',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'closed',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2025-04-01',
  closedOn: '2025-06-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  version: 3,
  createdAt: '2025-04-01T01:00:00.000Z',
  createdBy: 'user_sato01',
  updatedAt: '2025-06-01T01:00:00.000Z',
  updatedBy: 'user_sato01',
});

describe('a merge and the 100-item limit of one transaction (ADR 0025)', () => {
  it('refuses a record with more cases than one transaction can move, whole, with a message saying so', async () => {
    const cases = Array.from({ length: 20 }, (_, index) => caseOf(index));
    const kept: PersonFile = { person: person('person_kept'), consents: [], cases: [] };
    const merged: PersonFile = {
      person: person('person_other'),
      consents: [],
      cases: cases.map((record) => ({ caseId: record.caseId, officeId: record.officeId })),
    };

    const refused = mergePersons({
      write: { ctx, requestId: 'req-1', now: new Date('2026-12-07T05:00:00Z') },
      kept,
      merged,
      person: { ...kept.person, version: 2 },
      consents: [],
      movedCases: cases.map((previous) => ({
        previous,
        record: { ...previous, personId: 'person_kept', version: previous.version + 1 },
      })),
      audit: {
        action: 'merge',
        recordType: 'person',
        recordId: 'person_kept',
        recordOfficeId: 'himawari',
        merge: {
          mergedPersonId: 'person_other',
          movedCaseIds: cases.map((record) => record.caseId),
          filled: [],
          before: { keptVersion: 1, mergedVersion: 1 },
          after: { keptVersion: 2 },
        },
      },
      create: { idempotency: null, response: { status: 200, body: {} } },
    });

    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toThrow(TOO_MANY_CASES_TO_MERGE);
  });
});
