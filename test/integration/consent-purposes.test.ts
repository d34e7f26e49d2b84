import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 28: every consent purpose is enforced where its data flows, or not offered.
 * `council_anonymised` gates every link of a case to council material (a regional issue's sources,
 * a council or sub-committee session of the ledger); the `statistics` purpose is no longer offered
 * (ADR 0020).
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const NOW = new Date();
const TODAY = todayInJapan(NOW);
const COUNCIL_CONSENT = '協議会での匿名化した事例利用';

/** Demo cases (demo-data.ts: the n-th case is the n-th person's, its meeting `<case>-mtg-1`). */
const caseOf = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;
const personOf = (n: number) => `demo-kibougaoka-person-${String(n).padStart(3, '0')}`;
const meetingSource = (n: number) => ({
  kind: 'service_meeting',
  caseId: caseOf(n),
  recordId: `${caseOf(n)}-mtg-1`,
});

// ひまわり (sato@): 20 and 12 have no consent at all, 5 only the retired statistics one;
// 6, 14, 18 and 26 gave the council consent when their case opened (demo-records.ts).
// あおぞら: 42 gave it, 32 did not.
const NEVER_CONSENTED = 20;

const newKey = () => ({ 'idempotency-key': randomUUID() });

const raise = (as: string, sources: unknown[], raisedOn = TODAY) =>
  api.call('POST', '/api/regional-issues', {
    as,
    body: { title: '休日の移動支援が足りない', category: 'transport', raisedOn, sources },
    headers: newKey(),
  });

const consentCall = (n: number, action: 'grant' | 'revoke', body: Record<string, unknown>) =>
  api.call('POST', `/api/persons/${personOf(n)}/consents${action === 'revoke' ? '/revoke' : ''}`, {
    as: SATO,
    body,
    headers: newKey(),
  });
const revokeCouncil = (n: number) =>
  consentCall(n, 'revoke', { purpose: 'council_anonymised', revokedOn: TODAY });

describe('raising a regional issue needs the council consent of every source case', () => {
  it('refuses a case whose person never gave the council consent with a 409 naming the consent, and writes nothing', async () => {
    const before = await api.allItems();

    const response = await raise(SATO, [meetingSource(NEVER_CONSENTED)]);

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain(COUNCIL_CONSENT);
    expect(response.text).not.toContain(caseOf(NEVER_CONSENTED));
    expect(await api.allItems()).toEqual(before);
  });

  it('refuses a person who gave only the (retired) statistics consent', async () => {
    const response = await raise(SATO, [meetingSource(5)]);
    expect(response.status).toBe(409);
  });

  it('refuses a case whose council consent was revoked', async () => {
    expect((await revokeCouncil(14)).status).toBe(200);
    const before = await api.allItems();

    const response = await raise(SATO, [meetingSource(14)]);

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain(COUNCIL_CONSENT);
    expect(await api.allItems()).toEqual(before);
  });

  it('refuses a consent granted only after the raising day, and accepts it from that day', async () => {
    expect((await consentCall(12, 'grant', { purpose: 'council_anonymised', grantedOn: TODAY })).status).toBe(
      201,
    );

    const early = await raise(SATO, [meetingSource(12)], addDays(TODAY, -1));
    expect(early.status).toBe(409);

    const onTheDay = await raise(SATO, [meetingSource(12)], TODAY);
    expect(onTheDay.status).toBe(201);
    expect(onTheDay.json.caseCount).toBe(1);
  });

  it('binds the core center too, naming which source lacks the consent, and nothing is written', async () => {
    const before = await api.allItems();

    const response = await raise(TAKAHASHI, [meetingSource(42), meetingSource(32)]);

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain('2件目');
    expect(response.json.error.message).not.toContain('1件目');
    expect(await api.allItems()).toEqual(before);
    expect((await raise(TAKAHASHI, [meetingSource(42)])).status).toBe(201);
  });
});

describe('council and sub-committee sessions of the ledger link a case only with the council consent', () => {
  const sessionBody = (caseIds: string[], kind = 'council_session') => ({
    kind,
    heldOn: addDays(TODAY, -2),
    title: '協議会 全体会：事例検討',
    officeIds: ['himawari', 'kibou-core'],
    participantCount: 20,
    caseIds,
  });
  const createEvent = (body: unknown) =>
    api.call('POST', '/api/ledger/events', { as: TAKAHASHI, body, headers: newKey() });

  it('refuses a council session linking a case without the consent with a 409, and writes nothing', async () => {
    const before = await api.allItems();

    const response = await createEvent(sessionBody([caseOf(26), caseOf(NEVER_CONSENTED)]));

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain(COUNCIL_CONSENT);
    expect(await api.allItems()).toEqual(before);
    expect((await createEvent(sessionBody([caseOf(NEVER_CONSENTED)], 'subcommittee_session'))).status).toBe(
      409,
    );
  });

  it("links a core center's own case review (個別事例の支援内容の検証) without it: that is not the council", async () => {
    const response = await createEvent(sessionBody([caseOf(NEVER_CONSENTED)], 'case_review'));
    expect(response.status).toBe(201);
    expect(response.json.linkedCaseCount).toBe(1);
  });

  it('refuses a correction that adds a case without the consent', async () => {
    const created = await createEvent(sessionBody([caseOf(26)]));
    expect(created.status).toBe(201);

    const corrected = await api.call('PATCH', `/api/ledger/events/${created.json.eventId}`, {
      as: TAKAHASHI,
      body: { caseIds: [caseOf(26), caseOf(NEVER_CONSENTED)] },
      headers: { 'if-match': '"1"' },
    });

    expect(corrected.status).toBe(409);
    const read = await api.call('GET', `/api/ledger/events/${created.json.eventId}`, { as: TAKAHASHI });
    expect(read.json).toMatchObject({ version: 1, linkedCaseCount: 1 });
  });
});

describe('the statistics purpose is no longer offered', () => {
  it('refuses to grant it with a 400 naming body.purpose, and writes nothing', async () => {
    const before = await api.allItems();

    const response = await consentCall(NEVER_CONSENTED, 'grant', { purpose: 'statistics', grantedOn: TODAY });

    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'body.purpose',
    ]);
    expect(await api.allItems()).toEqual(before);
  });

  it('still reads a person with a statistics consent stored before, leaving it out of the consents shown', async () => {
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    await documents.send(
      new PutCommand({
        TableName: api.tableName,
        Item: {
          ...keys.consent('kibougaoka', personOf(NEVER_CONSENTED), 'statistics'),
          entity: 'consent',
          personId: personOf(NEVER_CONSENTED),
          purpose: 'statistics',
          status: 'granted',
          grantedOn: '2024-04-01',
          history: [{ event: 'granted', on: '2024-04-01', at: '2024-04-01T00:00:00.000Z', by: 'user-sato' }],
          version: 1,
          updatedAt: '2024-04-01T00:00:00.000Z',
        },
      }),
    );

    const person = await api.call('GET', `/api/persons/${personOf(NEVER_CONSENTED)}`, { as: SATO });

    expect(person.status).toBe(200);
    expect(person.json.consents.map((consent: { purpose: string }) => consent.purpose)).not.toContain(
      'statistics',
    );
    const granted = await consentCall(NEVER_CONSENTED, 'grant', {
      purpose: 'core_supervision',
      grantedOn: TODAY,
    });
    expect(granted.status).toBe(201);
  });
});
