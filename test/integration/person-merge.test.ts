import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestApi, type ApiResponse, type TestApi } from '../support/test-api.ts';

/**
 * One person, one record (issue 14 point 10, ADR 0025): two records of one person are merged into
 * the one kept, in one transaction, audited; the other record's id then finds nothing, its cases
 * and its number are the kept person's, and the figures count what they counted before.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example'; // himawari
const SUZUKI = 'suzuki@kibou.example'; // aozora
const TENANT = 'kibougaoka';

const create = async (as: string, body: object) => {
  const response = await api.call('POST', '/api/cases', { as, body: { ...body, confirmNotDuplicate: true } });
  expect(response.status).toBe(201);
  return response.json as { caseId: string; caseCode: string; personId: string };
};
const personOf = (personId: string, as = SATO) => api.call('GET', `/api/persons/${personId}`, { as });
const merge = (
  as: string,
  keptId: string,
  ifMatch: number,
  body: { duplicatePersonId: string; duplicateVersion: number },
  idempotencyKey?: string,
) =>
  api.call('POST', `/api/persons/${keptId}/merge`, {
    as,
    body,
    headers: { 'if-match': `"${ifMatch}"`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
  });

/** Two records of one person at himawari: the second carries the number, the first none. */
const twoRecords = async (as = SATO) => {
  const body = newCaseBody();
  const { recipientNumber, ...withoutNumber } = body.person;
  const kept = await create(as, { ...body, person: { ...withoutNumber, familySituation: '' } });
  const other = await create(as, { ...newCaseBody(), person: { ...body.person, recipientNumber } });
  return { kept, other, recipientNumber };
};

const figures = async () =>
  (await api.allItems())
    .filter((item) =>
      ['office_stats', 'case_statistics', 'life_stage_milestone'].includes(String(item.entity)),
    )
    .map(({ version: _version, ...item }) => item)
    .sort((a, b) => `${String(a.pk)}${String(a.sk)}`.localeCompare(`${String(b.pk)}${String(b.sk)}`));
const errorOf = (response: ApiResponse) => {
  const { requestId: _requestId, ...error } = response.json.error;
  return error;
};

describe('merging two records of one person', () => {
  it('leaves one record with the cases of both, the number and what it lacked; the other id finds nothing; figures unchanged; one audit entry', async () => {
    const { kept, other, recipientNumber } = await twoRecords();
    const countedBefore = await figures();

    const merged = await merge(SATO, kept.personId, 1, {
      duplicatePersonId: other.personId,
      duplicateVersion: 1,
    });

    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({
      personId: kept.personId,
      recipientNumber,
      familySituation: '母と同居',
      version: 2,
    });
    expect([...merged.json.caseIds].sort()).toEqual([kept.caseId, other.caseId].sort());
    expect(merged.headers.get('etag')).toBe('"2"');

    // The merged id is a tombstone naming the kept record, and nothing else of it is left.
    expect((await personOf(other.personId)).status).toBe(404);
    expect(await api.queryPartition(keys.person(TENANT, other.personId).pk)).toEqual([
      expect.objectContaining({ entity: 'person_merged', mergedInto: kept.personId }),
    ]);
    // Its case names the kept person, so the case's person link still leads to one record.
    const movedCase = await api.call('GET', `/api/cases/${other.caseId}`, { as: SATO });
    expect(movedCase.json.personId).toBe(kept.personId);
    expect((await personOf(kept.personId)).json.recipientNumber).toBe(recipientNumber);

    // The number is the kept person's, once: its lookups and its holder name no one else.
    const lookups = await api.queryPartition(keys.recipientNumber(TENANT, recipientNumber).pk);
    expect(lookups.map((item) => item.personId)).toEqual([kept.personId]);
    expect(
      await api.queryPartition(keys.recipientNumberHolder(TENANT, '990001', recipientNumber).pk),
    ).toEqual([expect.objectContaining({ personId: kept.personId })]);
    const again = await api.call('POST', '/api/cases', {
      as: SUZUKI,
      body: { ...newCaseBody(), person: { ...newCaseBody().person, recipientNumber } },
    });
    expect(again.status).toBe(409);

    // Cases are counted as cases: the same two cases, the same municipality and birth date.
    expect(await figures()).toEqual(countedBefore);

    const audits = (await api.allItems()).filter(
      (item) => item.entity === 'audit' && item.action === 'merge',
    );
    expect(audits).toEqual([
      expect.objectContaining({
        actorRole: 'specialist',
        actorOfficeId: 'himawari',
        recordType: 'person',
        recordId: kept.personId,
        requestId: expect.any(String),
        merge: {
          mergedPersonId: other.personId,
          movedCaseIds: [other.caseId],
          filled: ['recipientNumber', 'familySituation'],
          before: { keptVersion: 1, mergedVersion: 1 },
          after: { keptVersion: 2 },
        },
      }),
    ]);
    expect(JSON.stringify(audits)).not.toContain(recipientNumber);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, merging once', async () => {
    const { kept, other } = await twoRecords();
    const body = { duplicatePersonId: other.personId, duplicateVersion: 1 };

    const first = await merge(SATO, kept.personId, 1, body, 'merge-retry-1');
    const retry = await merge(SATO, kept.personId, 1, body, 'merge-retry-1');

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.json).toEqual(first.json);
    const audits = (await api.allItems()).filter(
      (item) => item.action === 'merge' && item.recordId === kept.personId,
    );
    expect(audits).toHaveLength(1);
  });

  it('lets one of two concurrent merges into the same record at one version through; the other gets 412 and writes nothing', async () => {
    const { kept, other } = await twoRecords();
    const third = await create(SATO, {
      ...newCaseBody(),
      person: { ...newCaseBody().person, recipientNumber: undefined },
    });

    const [a, b] = await Promise.all([
      merge(SATO, kept.personId, 1, { duplicatePersonId: other.personId, duplicateVersion: 1 }),
      merge(SATO, kept.personId, 1, { duplicatePersonId: third.personId, duplicateVersion: 1 }),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const loser = a.status === 412 ? other : third;
    expect((a.status === 412 ? a : b).headers.get('etag')).toBe('"2"');
    expect((await personOf(loser.personId)).status).toBe(200);
    const stale = await merge(SATO, kept.personId, 1, {
      duplicatePersonId: loser.personId,
      duplicateVersion: 1,
    });
    expect(stale.status).toBe(412);
  });

  it('refuses records that differ in the birth date, naming it in Japanese, and writes nothing', async () => {
    const kept = await create(SATO, newCaseBody());
    const other = await create(SATO, {
      ...newCaseBody(),
      person: { ...newCaseBody().person, birthDate: '1990-05-11' },
    });
    const before = (await api.allItems()).length;

    const refused = await merge(SATO, kept.personId, 1, {
      duplicatePersonId: other.personId,
      duplicateVersion: 1,
    });

    expect(refused.status).toBe(409);
    expect(refused.json.error.fields).toEqual(
      expect.arrayContaining([
        { field: 'birthDate', message: expect.stringContaining('生年月日が異なります') },
        { field: 'recipientNumber', message: expect.stringContaining('受給者証番号が異なります') },
      ]),
    );
    expect((await api.allItems()).length).toBe(before);
  });

  it('refuses when the other record changed since it was compared (its version), writing nothing', async () => {
    const { kept, other } = await twoRecords();
    const before = (await api.allItems()).length;

    const refused = await merge(SATO, kept.personId, 1, {
      duplicatePersonId: other.personId,
      duplicateVersion: 2,
    });

    expect(refused.status).toBe(409);
    expect(refused.json.error.fields).toEqual([
      { field: 'body.duplicateVersion', message: expect.any(String) },
    ]);
    expect((await api.allItems()).length).toBe(before);
  });

  it('lets another office neither merge a record nor learn it exists: the 404 of an unknown id, either side of the merge', async () => {
    const { kept, other } = await twoRecords();
    const own = await create(SUZUKI, newCaseBody());
    const unknown = '00000000-0000-4000-8000-000000000000';

    const foreignKept = await merge(SUZUKI, kept.personId, 1, {
      duplicatePersonId: own.personId,
      duplicateVersion: 1,
    });
    const foreignOther = await merge(SUZUKI, own.personId, 1, {
      duplicatePersonId: other.personId,
      duplicateVersion: 1,
    });
    const unknownOther = await merge(SUZUKI, own.personId, 1, {
      duplicatePersonId: unknown,
      duplicateVersion: 1,
    });

    for (const response of [foreignKept, foreignOther, unknownOther]) expect(response.status).toBe(404);
    expect(errorOf(foreignKept)).toEqual(errorOf(unknownOther));
    expect(errorOf(foreignOther)).toEqual(errorOf(unknownOther));
    expect((await personOf(other.personId)).status).toBe(200);
    expect((await personOf(own.personId, SUZUKI)).json.caseIds).toEqual([own.caseId]);
  });
});
