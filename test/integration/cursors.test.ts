import { randomUUID } from 'node:crypto';
import { keys, todayInJapan } from '@kikan/shared';
import { ROUTES, routeKey } from '@kikan/services/routes';
import { instrumentClients } from '@kikan/services/data/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md rows 22 and 23: a pagination cursor tells the client nothing (no key attribute, no
 * personal value, no date) and opens only for the request it continues; a list that may hold
 * pseudonymised cases is ordered by nothing personal; a search by another office's client costs
 * exactly what a number nobody holds costs.
 */
let api: TestApi;
/** Every DynamoDB command the handlers send, with the partition it names (in-process). */
const commands: { name: string; partition: string }[] = [];

beforeAll(async () => {
  api = await startTestApi();
  instrumentClients({
    middleware: (next, context) => async (args) => {
      const input = args.input as {
        Key?: { pk?: unknown };
        ExpressionAttributeValues?: Record<string, unknown>;
      };
      const partition = String(input.Key?.pk ?? input.ExpressionAttributeValues?.[':pk'] ?? '');
      commands.push({ name: String(context.commandName), partition });
      return next(args);
    },
    options: { step: 'initialize', name: 'cursorTestCommands' },
  });
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const NAKAMURA = 'nakamura@hokushin.example';
const ADMIN = 'admin@kibou.example';
const KATO = 'kato@kibou.example';
const TODAY = todayInJapan();
const FISCAL_YEAR = Number(TODAY.slice(0, 4)) - (Number(TODAY.slice(5, 7)) < 4 ? 1 : 0);

const everyDemoCase = [...demoCases('kibougaoka', new Date()), ...demoCases('hokushin', new Date())];
/** What no cursor may hold: every seeded name, kana (with and without its space), birth date and number. */
const PERSONAL_VALUES = [
  ...new Set(
    everyDemoCase.flatMap(({ person }) => [
      person.name,
      person.kana,
      person.kana.replace(/\s/g, ''),
      person.birthDate,
      person.recipientNumber ?? '',
    ]),
  ),
].filter((value) => value.length >= 4);
/**
 * What a DynamoDB key in a cursor looked like: attribute names, key prefixes, ids. Each is long or
 * odd enough (quotes, '#') that random ciphertext cannot hold it by chance.
 */
const KEY_MARKERS = [
  '"pk"',
  '"sk"',
  '"gsi1',
  '"gsi2',
  '"gsi3',
  'T#kibougaoka',
  'T#hokushin',
  '#CASE',
  'demo-',
];
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

interface ListCall {
  as: string;
  path: string;
}

const himawariCases = everyDemoCase
  .filter(({ record }) => record.officeId === 'himawari')
  .map(({ record }) => record.caseId);

/**
 * How to reach a second page of every route that pages. Built against the route table: a route
 * with a `cursor` query and no entry here fails the suite, so a new list cannot skip this check.
 */
const LIST_CALLS: Record<string, ListCall[]> = {
  'GET /api/cases': [
    { as: SATO, path: '/api/cases' },
    { as: TAKAHASHI, path: '/api/cases' },
    { as: TAKAHASHI, path: '/api/cases?officeId=himawari' },
  ],
  'GET /api/cases/{caseId}/plans': [{ as: SATO, path: '/api/cases/{caseWithPlans}/plans' }],
  'GET /api/cases/{caseId}/assessments': [{ as: SATO, path: '/api/cases/{caseWithAssessments}/assessments' }],
  'GET /api/assignments/open': [{ as: SATO, path: '/api/assignments/open?scope=office' }],
  'GET /api/cases/search': [
    { as: SATO, path: `/api/cases/search?q=${encodeURIComponent('ア')}` },
    { as: SATO, path: `/api/cases/search?q=${encodeURIComponent('青木')}` },
  ],
  'GET /api/dashboard/offices/{officeId}/cases': [
    'active',
    'overdue',
    'due',
    'nearing18',
    'nearing65',
    'withoutPlan',
  ].map((figure) => ({ as: TAKAHASHI, path: `/api/dashboard/offices/himawari/cases?figure=${figure}` })),
  'GET /api/difficult-cases': [{ as: TAKAHASHI, path: '/api/difficult-cases' }],
  'GET /api/supervisions': [{ as: TAKAHASHI, path: '/api/supervisions' }],
  'GET /api/ledger/events': [{ as: TAKAHASHI, path: `/api/ledger/events?fiscalYear=${FISCAL_YEAR}` }],
  'GET /api/audit': [{ as: ADMIN, path: `/api/audit?from=${TODAY}&to=${TODAY}` }],
  'GET /api/submissions': [{ as: KATO, path: `/api/submissions?month=${TODAY.slice(0, 7)}` }],
};

const withQuery = (path: string, extra: string) => `${path}${path.includes('?') ? '&' : '?'}${extra}`;

/** A ひまわり case with two plan versions or more (found through the API: the demo writes plans). */
let caseWithPlans = '';
let caseWithAssessments = '';
beforeAll(async () => {
  for (const caseId of himawariCases) {
    const plans = await api.call('GET', `/api/cases/${caseId}/plans?limit=1`, { as: SATO });
    if (plans.json?.nextCursor) {
      caseWithPlans = caseId;
      break;
    }
  }
  // The demo gives a case one assessment at most: a re-assessment makes the second page.
  caseWithAssessments =
    everyDemoCase.find(({ record }) => record.officeId === 'himawari' && record.phase === 'monitoring')
      ?.record.caseId ?? '';
  for (const wishes of ['一人で通所したい', '友だちと遊びたい']) {
    const created = await api.call('POST', `/api/cases/${caseWithAssessments}/assessments`, {
      as: SATO,
      body: { personWishes: wishes },
    });
    expect(created.status).toBe(201);
  }
  // Two 計画案 submitted to 希望が丘市 this month: the caseworker's inbox has a second page.
  const submitted = everyDemoCase
    .filter(({ record }) => record.officeId === 'himawari' && record.phase !== 'closed')
    .slice(0, 2)
    .map(({ record }) => record.caseId);
  for (const caseId of submitted) {
    const plan = await api.call('POST', `/api/cases/${caseId}/plans`, {
      as: SATO,
      body: { personWishes: '家で暮らしたい' },
    });
    expect(plan.status).toBe(201);
    const submission = await api.call('POST', `/api/cases/${caseId}/submissions`, {
      as: SATO,
      body: { document: 'plan', planVersion: plan.json.planVersion },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(submission.status).toBe(201);
  }
  // Full reads leave audit entries: today's log has pages to walk.
  for (const caseId of himawariCases.slice(0, 3)) await api.call('GET', `/api/cases/${caseId}`, { as: SATO });
});

/** Up to `pages` pages of one item each: every cursor the walk was given. */
const cursorsOf = async ({ as, path: template }: ListCall, pages = 6): Promise<string[]> => {
  const path = template
    .replace('{caseWithPlans}', caseWithPlans)
    .replace('{caseWithAssessments}', caseWithAssessments);
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    const response: ApiResponse = await api.call(
      'GET',
      withQuery(path, `limit=1${cursor ? `&cursor=${cursor}` : ''}`),
      { as },
    );
    expect(response.status, `${as} ${path}`).toBe(200);
    cursor = response.json.nextCursor;
    if (!cursor) break;
    cursors.push(cursor);
  }
  return cursors;
};

const pagedRoutes = ROUTES.filter((route) => {
  const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && 'cursor' in shape;
}).map(routeKey);

describe('pagination cursors carry nothing readable (SECURITY.md row 22)', () => {
  it('has a call for every route that pages', () => {
    expect(Object.keys(LIST_CALLS).sort()).toEqual([...pagedRoutes].sort());
  });

  it.each(Object.entries(LIST_CALLS))(
    '%s: no cursor decodes to a key attribute, a personal value or a date',
    async (_route, calls) => {
      const cursors = (await Promise.all(calls.map((call) => cursorsOf(call)))).flat();
      expect(cursors.length, 'the demo gives each list a second page').toBeGreaterThan(0);

      for (const cursor of cursors) {
        const bytes = Buffer.from(cursor, 'base64url');
        for (const text of [
          cursor,
          bytes.toString('utf8'),
          bytes.toString('latin1'),
          bytes.toString('utf16le'),
        ]) {
          for (const marker of KEY_MARKERS) expect(text).not.toContain(marker);
          for (const value of PERSONAL_VALUES) expect(text).not.toContain(value);
          expect(text).not.toMatch(ISO_DATE);
        }
        expect(() => JSON.parse(bytes.toString('utf8'))).toThrow();
      }
    },
  );
});

describe('a cursor opens only for the request it continues (SECURITY.md row 22)', () => {
  const firstCursor = async (call: ListCall) => {
    const [cursor] = await cursorsOf(call, 2);
    if (!cursor) throw new Error(`no second page for ${call.path}`);
    return cursor;
  };
  const refusedWith = async (as: string, path: string, cursor: string) => {
    const response = await api.call('GET', withQuery(path, `limit=1&cursor=${cursor}`), { as });
    expect(response.status, `${as} ${path}`).toBe(400);
    expect(response.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'query.cursor',
    ]);
    expect(response.text).not.toMatch(ISO_DATE);
  };

  it('refuses a cursor of another query on the same route (office, search text, status, figure)', async () => {
    const himawari = await firstCursor({ as: TAKAHASHI, path: '/api/cases?officeId=himawari' });
    await refusedWith(TAKAHASHI, '/api/cases?officeId=aozora', himawari);
    await refusedWith(TAKAHASHI, '/api/cases', himawari);

    const kana = await firstCursor({ as: SATO, path: `/api/cases/search?q=${encodeURIComponent('ア')}` });
    await refusedWith(SATO, `/api/cases/search?q=${encodeURIComponent('サ')}`, kana);

    const board = await firstCursor({ as: TAKAHASHI, path: '/api/difficult-cases' });
    await refusedWith(TAKAHASHI, '/api/difficult-cases?status=accepted', board);

    const overdue = await firstCursor({
      as: TAKAHASHI,
      path: '/api/dashboard/offices/himawari/cases?figure=active',
    });
    await refusedWith(TAKAHASHI, '/api/dashboard/offices/aozora/cases?figure=active', overdue);
    await refusedWith(TAKAHASHI, '/api/dashboard/offices/himawari/cases?figure=withoutPlan', overdue);
  });

  it('refuses a cursor of another route, another user, another office and another tenant', async () => {
    const satoCases = await firstCursor({ as: SATO, path: '/api/cases' });
    await refusedWith(SATO, `/api/cases/search?q=${encodeURIComponent('ア')}`, satoCases);
    await refusedWith(SUZUKI, '/api/cases', satoCases);
    await refusedWith('tanaka@kibou.example', '/api/cases', satoCases);

    const coreCases = await firstCursor({ as: TAKAHASHI, path: '/api/cases' });
    await refusedWith(NAKAMURA, '/api/cases', coreCases);
  });

  it("refuses a raw key in a cursor, even one in the caller's partition outside the query's range (was a 500)", async () => {
    const crafted = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const outOfRange = crafted({
      gsi2pk: keys.caseByTenant('kibougaoka').gsi2pk,
      gsi2sk: 'zzzz#K-0#x',
      pk: keys.caseItem('kibougaoka', 'x').pk,
      sk: 'CASE',
    });
    await refusedWith(TAKAHASHI, '/api/cases?officeId=aozora', outOfRange);
    await refusedWith(
      TAKAHASHI,
      '/api/dashboard/offices/himawari/cases?figure=overdue',
      crafted({
        gsi3pk: keys.caseByDue('kibougaoka', 'himawari').gsi3pk,
        gsi3sk: '9999-12-31#x',
        pk: 'x',
        sk: 'CASE',
      }),
    );
    await refusedWith(
      TAKAHASHI,
      '/api/difficult-cases?status=flagged',
      crafted({ pk: keys.difficultBoard('kibougaoka').pk, sk: 'closed#himawari#x' }),
    );
  });
});

describe('pseudonymised lists reveal nothing by their order (SECURITY.md row 23)', () => {
  const itemsOf = async (as: string, path: string) => {
    const items: { caseCode: string; visibility: string }[] = [];
    let cursor: string | null = null;
    do {
      const response: ApiResponse = await api.call(
        'GET',
        withQuery(path, `limit=100${cursor ? `&cursor=${cursor}` : ''}`),
        {
          as,
        },
      );
      expect(response.status).toBe(200);
      items.push(...response.json.items);
      cursor = response.json.nextCursor;
    } while (cursor);
    return items;
  };
  const inCodeOrder = (items: { caseCode: string }[]) =>
    items
      .map((item) => item.caseCode)
      .every((code, index, codes) => index === 0 || (codes[index - 1] ?? '') <= code);

  it("lists another office's cases to the core center by case code, not by kana", async () => {
    const items = await itemsOf(TAKAHASHI, '/api/cases?officeId=himawari');
    const byKana = everyDemoCase
      .filter(({ record }) => record.officeId === 'himawari')
      .sort((a, b) => (a.person.kana < b.person.kana ? -1 : 1))
      .map(({ record }) => record.caseCode);

    expect(items.some((item) => item.visibility === 'pseudonymised')).toBe(true);
    expect(inCodeOrder(items)).toBe(true);
    expect(items.map((item) => item.caseCode)).not.toEqual(byKana);
  });

  it.each(['active', 'withoutPlan', 'nearing18', 'nearing65'])(
    'orders the dashboard figure %s by case code, never by kana or birth date',
    async (figure) => {
      const offices = ['himawari', 'aozora', 'midori'];
      for (const office of offices) {
        const items = await itemsOf(TAKAHASHI, `/api/dashboard/offices/${office}/cases?figure=${figure}`);
        expect(inCodeOrder(items), `${office} ${figure}`).toBe(true);
      }
    },
  );
});

describe('search by recipient number is scoped before any read (SECURITY.md row 23)', () => {
  const foreign = everyDemoCase.find(({ record }) => record.officeId === 'aozora')?.person;
  const own = everyDemoCase.find(({ record }) => record.officeId === 'himawari')?.person;

  const commandsOfSearch = async (number: string) => {
    commands.length = 0;
    const response = await api.call('GET', `/api/cases/search?q=${number}`, { as: SATO });
    expect(response.status).toBe(200);
    // The session check reads the caller's own directory entry beside every request.
    return {
      items: response.json.items,
      sent: commands.filter((command) => !command.partition.includes('#USERS')),
    };
  };

  it("reads no person of another office's client: the same one empty lookup as a number nobody holds", async () => {
    if (!foreign?.recipientNumber || !own?.recipientNumber) throw new Error('demo persons have numbers');

    const other = await commandsOfSearch(foreign.recipientNumber);
    const unused = await commandsOfSearch('1111111111');
    const mine = await commandsOfSearch(own.recipientNumber);

    expect(other.items).toEqual([]);
    expect(other.sent.map((command) => command.name)).toEqual(unused.sent.map((command) => command.name));
    expect(other.sent.some((command) => command.partition.includes('#PERSON#'))).toBe(false);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.sent.some((command) => command.partition.includes('#PERSON#'))).toBe(true);
  });
});
