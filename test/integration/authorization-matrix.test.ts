import { ROUTES, routeKey } from '@kikan/services/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIMAWARI_CASE, PERSONAS, type Target } from '../support/personas.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';
import { deniedEntries, forbiddenWrites, type WriteObserver } from '../support/write-observer.ts';
import { MATRIX } from './matrix/index.ts';

/**
 * Every route × every role × {own office, other office, other tenant}. The expectation table is
 * keyed by route: a route added to the route table without a row here fails the first test.
 */

let api: TestApi;
let observer: WriteObserver;
beforeAll(async () => {
  api = await startTestApi({ observeWrites: true });
  if (!api.observer) throw new Error('the matrix needs the write observer');
  observer = api.observer;
});
afterAll(async () => {
  await api.stop();
});

describe('authorisation matrix', () => {
  it('has an expectation for every route of the route table, and no other', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  const targets: Target[] = ['ownOffice', 'otherOffice', 'otherTenant'];
  // Creates carry an Idempotency-Key as the portal sends it; other routes refuse one (400).
  const idempotentRoutes = new Set(ROUTES.filter((route) => route.idempotent).map(routeKey));
  for (const [key, expectation] of Object.entries(MATRIX)) {
    for (const persona of PERSONAS) {
      for (const target of targets) {
        it(`${key} as ${persona.role} ${persona.email} on ${target} → ${expectation.status(persona, target)}`, async () => {
          const headers = expectation.headers ? await expectation.headers(api, persona, target) : {};
          // Every write DynamoDB Local acknowledges from here on is this request's.
          observer.clear();
          const response = await api.call(expectation.method, expectation.path(persona, target), {
            as: persona.email,
            ...(expectation.body ? { body: expectation.body(persona) } : {}),
            headers: {
              ...(idempotentRoutes.has(key)
                ? {
                    'idempotency-key': `matrix-${key}-${persona.email}-${target}`
                      .replace(/[^A-Za-z0-9_-]/g, '-')
                      .slice(0, 128),
                  }
                : {}),
              ...headers,
            },
          });
          expect(response.status).toBe(expectation.status(persona, target));
          expect(response.headers.get('cache-control')).toBe('no-store');
          if (response.status >= 400) {
            // A refusal changes nothing; a request refused on a record that is not the caller's
            // leaves at most one `denied` audit entry (SECURITY.md row 15), and nothing else.
            expect(forbiddenWrites(observer.writes), 'a refused request wrote').toEqual([]);
            const denied = deniedEntries(observer.writes);
            expect(denied.length).toBeLessThanOrEqual(1);
            for (const item of denied) {
              // No content: who, what record, when — never the body that was refused.
              expect(Object.keys(item).filter((name) => /body|name|kana|note|text/i.test(name))).toEqual([]);
            }
          }
        });
      }
    }
  }

  it('sees on the wire the writes a request makes (the proof above could not pass by seeing nothing)', async () => {
    observer.clear();
    const response = await api.call('POST', '/api/cases', {
      as: 'sato@kibou.example',
      body: newCaseBody(),
      headers: { 'idempotency-key': 'matrix-observer-self-check' },
    });
    expect(response.status).toBe(201);
    expect(forbiddenWrites(observer.writes).join('\n')).toContain(response.json.caseId);
  });

  it('refuses every protected route without a token (401) and serves public ones', async () => {
    // The session routes are public, and without a session cookie there is no session (ADR 0037):
    // the case body is no sign-in (400), nothing to refresh or keep alive (401), a sign-out is a no-op.
    const withoutSession: Record<string, number> = {
      'POST /api/session': 400,
      'POST /api/session/refresh': 401,
      'POST /api/session/activity': 401,
    };
    for (const route of ROUTES) {
      const path = route.path.replace('{caseId}', HIMAWARI_CASE);
      const response = await api.call(route.method, path, route.body ? { body: newCaseBody() } : {});
      const expected = route.access === 'public' ? (withoutSession[routeKey(route)] ?? 200) : 401;
      expect(response.status, routeKey(route)).toBe(expected);
    }
  });
});

describe('what each role sees', () => {
  it('shows an office worker only their own office in the caseload, across every page', async () => {
    for (const persona of PERSONAS.filter((p) => p.role === 'specialist' || p.role === 'office_manager')) {
      const me = (await api.call('GET', '/api/me', { as: persona.email })).json;
      let cursor: string | null = null;
      let seen = 0;
      do {
        const query: string = cursor ? `?limit=10&cursor=${cursor}` : '?limit=10';
        const page = (await api.call('GET', `/api/cases${query}`, { as: persona.email })).json;
        for (const item of page.items) {
          expect(item.officeId).toBe(me.officeId);
          expect(item.visibility).toBe('full');
        }
        seen += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toBeGreaterThan(0);
    }
  });

  it('shows the core center every office of its own tenant, pseudonymised outside its own office', async () => {
    const offices = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
      const page = (await api.call('GET', `/api/cases${query}`, { as: 'takahashi@kibou.example' })).json;
      for (const item of page.items) {
        offices.add(item.officeId);
        expect(item.caseId).not.toMatch(/^demo-hokushin-/);
        // Cases shared with the core center (escalation, supervision request) open in full.
        if (item.officeId !== 'kibou-core' && !item.sharedWithCore) {
          expect(item.visibility).toBe('pseudonymised');
          expect(item).not.toHaveProperty('personName');
          expect(item).not.toHaveProperty('birthDate');
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect([...offices].sort()).toEqual(['aozora', 'himawari', 'kibou-core', 'midori']);
  });

  it("tells the caller their own tenant's member municipalities only", async () => {
    const hokushin = (await api.call('GET', '/api/me', { as: 'nakamura@hokushin.example' })).json;
    const kibou = (await api.call('GET', '/api/me', { as: 'sato@kibou.example' })).json;
    expect(hokushin.members.map((m: { code: string }) => m.code)).toEqual(['990011', '990012']);
    // The matrix's POST /api/tenant/members may have added members to 希望が丘市 already: its own, never 北信's.
    const kibouCodes = kibou.members.map((m: { code: string }) => m.code);
    expect(kibouCodes[0]).toBe('990001');
    expect(kibouCodes).not.toContain('990011');
    expect(kibouCodes).not.toContain('990012');
  });

  it("lists only the caller's tenant's offices", async () => {
    const kibou = (await api.call('GET', '/api/offices', { as: 'ito@kibou.example' })).json;
    const hokushin = (await api.call('GET', '/api/offices', { as: 'yamamoto@hokushin.example' })).json;
    expect(kibou.items.map((o: { officeId: string }) => o.officeId)).not.toContain('hokushin-sakura');
    expect(hokushin.items.map((o: { officeId: string }) => o.officeId).sort()).toEqual([
      'hokushin-city',
      'hokushin-core',
      'hokushin-sakura',
      'kawabe-town',
    ]);
  });

  it('refuses an office filter naming another office for an office worker', async () => {
    const response = await api.call('GET', '/api/cases?officeId=aozora', { as: 'sato@kibou.example' });
    expect(response.status).toBe(403);
  });

  it('refuses a cursor crafted to start in another tenant', async () => {
    const forged = Buffer.from(
      JSON.stringify({
        gsi1pk: 'T#hokushin#OFFICE#hokushin-sakura#CASES',
        gsi1sk: '',
        pk: 'T#hokushin#CASE#x',
        sk: 'CASE',
      }),
    ).toString('base64url');
    const response = await api.call('GET', `/api/cases?cursor=${forged}`, { as: 'sato@kibou.example' });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('query.cursor');
  });
});
