import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestApi, type ApiResponse, type TestApi } from '../support/test-api.ts';

/**
 * One person, one record (issue 14 point 10, ADR 0025): a 受給者証番号 of a member municipality has
 * one holder in the tenant, enforced by the write; a person with the same kana and birth date at
 * the caller's office is shown before saving and needs an explicit confirmation.
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
const KOBAYASHI = 'kobayashi@kibou.example'; // midori
const YAMAMOTO = 'yamamoto@hokushin.example'; // hokushin-sakura

type Body = ReturnType<typeof newCaseBody>;
const withPerson = (body: Body, person: Partial<Body['person']>): Body => ({
  ...body,
  person: { ...body.person, ...person },
});
const create = (as: string, body: unknown) => api.call('POST', '/api/cases', { as, body });
const holderOf = (municipalityCode: string, recipientNumber: string) =>
  api.queryPartition(keys.recipientNumberHolder('kibougaoka', municipalityCode, recipientNumber).pk);
/** The error body without its request id: what two refusals must have in common. */
const refusalOf = (response: ApiResponse) => {
  const { requestId: _requestId, ...error } = response.json.error;
  return error;
};

describe('a recipient number is held once in a tenant', () => {
  it('refuses the same number twice at one office with a 409 naming the field and the own case, writing nothing', async () => {
    const first = await create(SATO, newCaseBody());
    expect(first.status).toBe(201);
    const taken = withPerson(newCaseBody(), { recipientNumber: (await personOf(first)).recipientNumber });
    const before = (await api.allItems()).length;

    const refused = await create(SATO, taken);

    expect(refused.status).toBe(409);
    expect(refused.json.error.fields).toEqual([
      { field: 'body.person.recipientNumber', message: expect.stringContaining(first.json.caseCode) },
    ]);
    expect((await api.allItems()).length).toBe(before);
  });

  it('answers another office with one neutral 409, the same whichever office holds the number, naming no office, person or case', async () => {
    const atHimawari = await create(SATO, newCaseBody());
    const atMidori = await create(KOBAYASHI, newCaseBody());
    expect([atHimawari.status, atMidori.status]).toEqual([201, 201]);
    const held = [await personOf(atHimawari, SATO), await personOf(atMidori, KOBAYASHI)];
    const before = (await api.allItems()).length;

    const fromAozora: ApiResponse[] = [];
    for (const person of held) {
      fromAozora.push(
        await create(SUZUKI, withPerson(newCaseBody(), { recipientNumber: person.recipientNumber })),
      );
    }

    for (const response of fromAozora) {
      expect(response.status).toBe(409);
      expect(response.json.error.fields).toEqual([
        { field: 'body.person.recipientNumber', message: response.json.error.message },
      ]);
    }
    // The same body for a number held at himawari as for one held at midori: nothing tells them apart.
    const [fromHimawari, fromMidori] = fromAozora;
    if (!fromHimawari || !fromMidori) throw new Error('two refusals expected');
    expect(refusalOf(fromHimawari)).toEqual(refusalOf(fromMidori));
    for (const [index, created] of [atHimawari, atMidori].entries()) {
      const text = fromAozora[index]?.text ?? '';
      const person = held[index];
      if (!person) throw new Error('a held person expected');
      for (const secret of [
        created.json.caseCode,
        created.json.caseId,
        created.json.personId,
        created.json.officeId,
        person.name,
        person.kana,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect((await api.allItems()).length).toBe(before);
  });

  it('lets exactly one of two concurrent creates with the same number through (the conditional write decides)', async () => {
    const recipientNumber = '7770000001';
    const [a, b] = await Promise.all([
      create(SATO, withPerson(newCaseBody(), { recipientNumber })),
      create(SUZUKI, withPerson(newCaseBody(), { recipientNumber })),
    ]);

    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const holders = await holderOf('990001', recipientNumber);
    expect(holders).toHaveLength(1);
    const winner = a.status === 201 ? a : b;
    expect(holders[0]).toMatchObject({ personId: winner.json.personId });
    expect(await api.queryPartition(keys.recipientNumber('kibougaoka', recipientNumber).pk)).toHaveLength(1);
  });

  it('keeps numbers of two member municipalities apart: the same digits in each are two holders', async () => {
    const recipientNumber = '7770000002';
    const body = (municipalityCode: string) =>
      withPerson(newCaseBody(), { recipientNumber, municipalityCode });
    expect((await create(YAMAMOTO, body('990011'))).status).toBe(201);
    expect((await create(YAMAMOTO, body('990012'))).status).toBe(201);
    expect((await create(YAMAMOTO, body('990012'))).status).toBe(409);
  });

  it('frees the old number when a person gets another, and refuses a number held by someone else', async () => {
    const created = await create(SATO, newCaseBody());
    const person = await personOf(created);
    const oldNumber = person.recipientNumber;
    const newNumber = '7770000003';

    const changed = await api.call('PATCH', `/api/persons/${person.personId}`, {
      as: SATO,
      headers: { 'if-match': `"${person.version}"` },
      body: { recipientNumber: newNumber },
    });

    expect(changed.status).toBe(200);
    expect(await holderOf('990001', oldNumber)).toEqual([]);
    expect(await holderOf('990001', newNumber)).toMatchObject([{ personId: person.personId }]);
    const reused = await create(SUZUKI, withPerson(newCaseBody(), { recipientNumber: oldNumber }));
    expect(reused.status).toBe(201);

    const other = await create(SATO, newCaseBody());
    const otherPerson = await personOf(other);
    const refused = await api.call('PATCH', `/api/persons/${otherPerson.personId}`, {
      as: SATO,
      headers: { 'if-match': `"${otherPerson.version}"` },
      body: { recipientNumber: oldNumber },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.fields).toEqual([
      { field: 'body.recipientNumber', message: expect.any(String) },
    ]);
    expect(refused.text).not.toContain(reused.json.caseCode);
    expect((await personOf(other)).recipientNumber).toBe(otherPerson.recipientNumber);
  });
});

describe('a likely duplicate (same kana and birth date) at the own office', () => {
  it('is shown with a 409 until the user confirms it is another person, then the case is created', async () => {
    const first = await create(SATO, newCaseBody());
    expect(first.status).toBe(201);
    const existing = await personOf(first);
    // Spaced differently and with another number: the reading and the birth date decide.
    const sameReading = withPerson(newCaseBody(), {
      kana: existing.kana.replace(' ', '　'),
      birthDate: existing.birthDate,
    });
    const before = (await api.allItems()).length;

    const shown = await create(SATO, sameReading);

    expect(shown.status).toBe(409);
    expect(shown.json.error.fields).toEqual([
      { field: 'body.confirmNotDuplicate', message: expect.stringContaining(first.json.caseCode) },
    ]);
    expect(shown.json.error.likelyDuplicates).toEqual([
      { caseId: first.json.caseId, caseCode: first.json.caseCode },
    ]);
    expect((await api.allItems()).length).toBe(before);

    const confirmed = await create(SATO, { ...sameReading, confirmNotDuplicate: true });
    expect(confirmed.status).toBe(201);
  });

  it("is looked for at the caller's office only: another office's person of the same kana and birth date is not shown", async () => {
    const atHimawari = await create(SATO, newCaseBody());
    const existing = await personOf(atHimawari);
    const atAozora = await create(
      SUZUKI,
      withPerson(newCaseBody(), { kana: existing.kana, birthDate: existing.birthDate }),
    );
    expect(atAozora.status).toBe(201);
    expect(atAozora.text).not.toContain(atHimawari.json.caseCode);
  });
});

async function personOf(created: ApiResponse, as = SATO) {
  const response = await api.call('GET', `/api/persons/${created.json.personId}`, { as });
  expect(response.status).toBe(200);
  return response.json as {
    personId: string;
    name: string;
    kana: string;
    birthDate: string;
    recipientNumber: string;
    version: number;
  };
}
