import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConsentView, addDays, fiscalYearOf, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRegionalIssues } from '../../services/local/demo-council.ts';
import { localClient } from '../../services/local/table.ts';
import { revokeCouncilConsent } from '../../services/src/data/council-consent-store.ts';
import { ConflictError } from '../../services/src/kernel/errors.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 28: every consent purpose is enforced where its data flows, or not offered.
 * `council_anonymised` gates every link of a case to council material (a regional issue's sources,
 * a council or sub-committee session of the ledger) and its revocation unlinks the case; the
 * `statistics` purpose is no longer offered (ADR 0022).
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const ITO = 'ito@kibou.example';
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

const issueAs = (as: string, issueId: string) => api.call('GET', `/api/regional-issues/${issueId}`, { as });

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

describe('revoking the council consent hides the case from the issues raised earlier', () => {
  /** A demo issue raised (by ひまわり) from case 18 and another case, before this test. */
  const demoIssue = demoRegionalIssues('kibougaoka', NOW).find((issue) =>
    issue.sources.some((source) => source.caseId === caseOf(18)),
  );

  it('leaves the municipal officer, the raising office and the core center counting and seeing one case fewer', async () => {
    const issueId = demoIssue?.issueId ?? '-';
    const caseCount = new Set(demoIssue?.sources.map((source) => source.caseId)).size;
    expect(caseCount).toBeGreaterThan(1);
    const listed = async () =>
      (await api.call('GET', '/api/regional-issues', { as: ITO })).json.items.find(
        (item: { issueId: string }) => item.issueId === issueId,
      );
    expect((await issueAs(ITO, issueId)).json.caseCount).toBe(caseCount);
    expect((await listed()).caseCount).toBe(caseCount);

    expect((await revokeCouncil(18)).status).toBe(200);

    const municipal = await issueAs(ITO, issueId);
    expect(municipal.status).toBe(200);
    expect(municipal.json).toMatchObject({ view: 'council', caseCount: caseCount - 1 });
    expect((await listed()).caseCount).toBe(caseCount - 1);
    expect((await issueAs(SATO, issueId)).json.caseCount).toBe(caseCount - 1);
    const core = await issueAs(TAKAHASHI, issueId);
    expect(core.json.view).toBe('full');
    expect(core.json.sources.map((source: { caseId: string }) => source.caseId)).not.toContain(caseOf(18));
    expect(core.json.sources.length).toBeGreaterThan(0);
  });

  it('does not bring the case back when the person consents again', async () => {
    const issueId = demoIssue?.issueId ?? '-';
    const caseCount = (await issueAs(ITO, issueId)).json.caseCount;

    expect((await consentCall(18, 'grant', { purpose: 'council_anonymised', grantedOn: TODAY })).status).toBe(
      201,
    );

    expect((await issueAs(ITO, issueId)).json.caseCount).toBe(caseCount);
  });

  it('hides an issue raised today from the case as well, leaving the issue itself in place', async () => {
    const raised = await raise(SATO, [meetingSource(6)]);
    expect(raised.status).toBe(201);
    expect(raised.json.caseCount).toBe(1);

    expect((await revokeCouncil(6)).status).toBe(200);

    const municipal = await issueAs(ITO, raised.json.issueId);
    expect(municipal.status).toBe(200);
    expect(municipal.json).toMatchObject({
      caseCount: 0,
      meetingCount: 0,
      sourceCounts: { service_meeting: 0, difficult_case: 0, supervision: 0 },
    });
    const audits = (await api.allItems()).filter(
      (item) =>
        item.entity === 'audit' &&
        item.recordType === 'regional_issue' &&
        item.recordId === raised.json.issueId,
    );
    expect(audits.map((item) => item.action).sort()).toEqual(['create', 'update']);
  });
});

describe('a revocation racing a new link', () => {
  it('fails (409) when computed before the link, writing nothing, instead of leaving the link behind', async () => {
    const key = keys.consent('kibougaoka', personOf(54), 'council_anonymised');
    const storedConsent = async () => {
      const item = (await api.queryPartition(key.pk)).find((candidate) => candidate.sk === key.sk) ?? {};
      const { pk: _pk, sk: _sk, entity: _entity, personId: _personId, ...consent } = item;
      return ConsentView.parse(consent);
    };
    const readBeforeTheLink = await storedConsent();
    const raised = await raise(TANAKA, [meetingSource(54)]);
    expect(raised.status).toBe(201);
    const before = await api.allItems();

    const stale = revokeCouncilConsent({
      write: {
        ctx: { tenantId: 'kibougaoka', role: 'specialist', officeId: 'aozora', userId: 'user-tanaka' },
        requestId: randomUUID(),
        now: new Date(),
      },
      personId: personOf(54),
      consent: {
        ...readBeforeTheLink,
        status: 'revoked',
        revokedOn: TODAY,
        version: readBeforeTheLink.version + 1,
      },
      expectedVersion: readBeforeTheLink.version,
      issues: [],
      events: [],
      idempotency: null,
      response: { status: 200, body: {} },
    });

    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    expect(await api.allItems()).toEqual(before);
    expect((await storedConsent()).status).toBe('granted');
    const retried = await api.call('POST', `/api/persons/${personOf(54)}/consents/revoke`, {
      as: TANAKA,
      body: { purpose: 'council_anonymised', revokedOn: TODAY },
      headers: newKey(),
    });
    expect(retried.status).toBe(200);
    expect((await issueAs(ITO, raised.json.issueId)).json.caseCount).toBe(0);
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

  it('unlinks the case from the session when the consent is revoked: the event and every copy count one fewer', async () => {
    const created = await createEvent({ ...sessionBody([caseOf(26)]), title: '部会：撤回の確認' });
    expect(created.status).toBe(201);
    const eventId = created.json.eventId;

    expect((await revokeCouncil(26)).status).toBe(200);

    const read = await api.call('GET', `/api/ledger/events/${eventId}`, { as: TAKAHASHI });
    expect(read.json.linkedCaseCount).toBe(0);
    const stored = (await api.allItems()).filter(
      (item) => item.eventId === eventId && item.entity !== 'idempotency',
    );
    expect(stored.find((item) => item.entity === 'ledger_event')?.caseIds).toEqual([]);
    const copies = stored.filter((item) => item.entity !== 'ledger_event');
    expect(copies.length).toBeGreaterThan(1);
    expect(copies.every((copy) => copy.linkedCaseCount === 0)).toBe(true);
    const year = await api.queryPartition(keys.ledgerYear('kibougaoka', fiscalYearOf(addDays(TODAY, -2))).pk);
    expect(year.find((item) => item.eventId === eventId)?.linkedCaseCount).toBe(0);
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
