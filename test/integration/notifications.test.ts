import {
  todayInJapan,
  lastDayOfMonth,
  fiscalYearOf,
  NotificationList,
  type Notification,
} from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentClients } from '../../services/src/data/client.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * GET /api/notifications (ADR 0038): per role, what the user must act on, as counts equal to the
 * totals of the pages the links open, counted from the caller's own scope only, in a few requests.
 */

let api: TestApi;
const requests: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  instrumentClients({
    middleware: (next, context) => async (args) => {
      requests.push(String(context.commandName));
      return next(args);
    },
    options: { step: 'initialize', name: 'notificationsTestRequestCount' },
  });
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const KOBAYASHI = 'kobayashi@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const ITO = 'ito@kibou.example';
const ADMIN = 'admin@kibou.example';
const YAMAMOTO = 'yamamoto@hokushin.example';
const NAKAMURA = 'nakamura@hokushin.example';
const OGAWA = 'ogawa@hokushin.example';

const TODAY = todayInJapan();
const CURRENT_YEAR = fiscalYearOf(TODAY);

const load = async (as: string) => {
  requests.length = 0;
  const response = await api.call('GET', '/api/notifications', { as });
  expect(response.status).toBe(200);
  return { list: NotificationList.parse(response.json), requests: [...requests] };
};

const countOf = (list: NotificationList, kind: Notification['kind']) =>
  list.items.find((item) => item.kind === kind)?.count ?? 0;

const kindsOf = (list: NotificationList) => list.items.map((item) => item.kind);

/** The total the caseload list shows for the link's filters (its own drill-down). */
const caseListTotal = async (as: string, path: string) => {
  const query = path.split('?')[1] ?? '';
  const response = await api.call('GET', `/api/cases?${query}`, { as });
  expect(response.status).toBe(200);
  return response.json.total as number;
};

/** Open cases of one office (and one specialist) due before today / through the month, from the raw items. */
const recount = async (tenantId: string, officeId: string, userId?: string) => {
  const monthEnd = lastDayOfMonth(TODAY.slice(0, 7));
  const open = (await api.allItems()).filter(
    (item) =>
      item.entity === 'case' &&
      item.tenantId === tenantId &&
      item.officeId === officeId &&
      item.phase !== 'closed' &&
      (userId === undefined || item.specialistUserId === userId),
  );
  const due = open
    .map((item) => item.nextMonitoringDueOn)
    .filter((day): day is string => typeof day === 'string');
  return {
    overdue: due.filter((day) => day < TODAY).length,
    dueThisMonth: due.filter((day) => day >= TODAY && day <= monthEnd).length,
  };
};

const meOf = async (as: string) =>
  (await api.call('GET', '/api/me', { as })).json as { userId: string; officeId: string; tenantId: string };

describe('notifications of case workers', () => {
  it("a specialist's monitoring and renewal counts equal their own lists and a recount of their own cases", async ({
    annotate,
  }) => {
    for (const as of [SATO, SUZUKI, KOBAYASHI, YAMAMOTO]) {
      const { list, requests: made } = await load(as);
      const me = await meOf(as);
      const byKind = new Map(list.items.map((item) => [item.kind, item]));
      for (const kind of ['monitoring_overdue', 'monitoring_due'] as const) {
        const item = byKind.get(kind);
        const due = kind === 'monitoring_overdue' ? 'overdue' : 'due_this_month';
        const total = await caseListTotal(as, `/cases?assigned=me&due=${due}`);
        expect(item?.count ?? 0, `${as} ${kind}`).toBe(total);
        if (item) expect(item.path).toBe(`/cases?assigned=me&due=${due}`);
      }
      const raw = await recount(me.tenantId, me.officeId, me.userId);
      expect(countOf(list, 'monitoring_overdue')).toBe(raw.overdue);
      expect(countOf(list, 'monitoring_due')).toBe(raw.dueThisMonth);
      const renewals = (await api.call('GET', '/api/renewals?scope=mine', { as })).json;
      expect(countOf(list, 'decision_ending')).toBe(renewals.ending.length);
      expect(countOf(list, 'decision_expired')).toBe(renewals.expired.length);
      if (as === SATO) {
        // Session check, the specialist's own cases (one Query), the directory entries, the sign-offs,
        // the office's submission news (one Query, ADR 0043), the office's open plan requests (one
        // Query; ADR 0044) and, when there are any, their cases.
        expect(made.length).toBeLessThanOrEqual(7);
        const message = `DynamoDB requests per GET /api/notifications (specialist, 数値確認者): ${made.length}`;
        console.log(message);
        await annotate(message);
      }
    }
  });

  it('the demo has something to tell: overdue first, every item a count with a link and no personal value', async () => {
    const lists = await Promise.all([SATO, SUZUKI, TANAKA, KOBAYASHI, YAMAMOTO].map(load));
    const all = lists.flatMap(({ list }) => list.items);
    expect(all.some((item) => item.kind === 'monitoring_overdue')).toBe(true);
    expect(all.some((item) => item.kind === 'decision_ending' || item.kind === 'decision_expired')).toBe(
      true,
    );
    for (const { list } of lists) {
      const severities = list.items.map((item) => item.severity);
      expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'high' ? -1 : 1)));
      for (const item of list.items) {
        expect(Object.keys(item).sort()).toEqual(
          ['count', 'kind', 'path', 'severity', 'title', ...(item.fiscalYear ? ['fiscalYear'] : [])].sort(),
        );
        expect(item.count).toBeGreaterThan(0);
      }
    }
  });

  it("an office manager's counts are the office's: its lists' totals and a recount of that office only", async ({
    annotate,
  }) => {
    const { list, requests: made } = await load(TANAKA);
    const me = await meOf(TANAKA);
    expect(countOf(list, 'monitoring_overdue')).toBe(await caseListTotal(TANAKA, '/cases?due=overdue'));
    expect(countOf(list, 'monitoring_due')).toBe(await caseListTotal(TANAKA, '/cases?due=due_this_month'));
    const raw = await recount(me.tenantId, me.officeId);
    expect(countOf(list, 'monitoring_overdue')).toBe(raw.overdue);
    expect(countOf(list, 'monitoring_due')).toBe(raw.dueThisMonth);
    const renewals = (await api.call('GET', '/api/renewals?scope=office', { as: TANAKA })).json;
    expect(countOf(list, 'decision_ending')).toBe(renewals.ending.length);
    expect(countOf(list, 'decision_expired')).toBe(renewals.expired.length);
    // Session check, the office's counters (one GetItem), the two years' sign-offs (one BatchGet),
    // the office's submission news (one Query, ADR 0043), its open plan requests (one Query; ADR 0044).
    expect(made.length).toBe(5);
    const message = `DynamoDB requests per GET /api/notifications (office manager): ${made.length}`;
    console.log(message);
    await annotate(message);
  });

  it("the sign-off asks each office that has not confirmed this year's started sign-off, not the one that has", async () => {
    const tanaka = (await load(TANAKA)).list;
    const kobayashi = (await load(KOBAYASHI)).list;
    const sato = (await load(SATO)).list;
    const suzuki = (await load(SUZUKI)).list;
    const asked = (list: NotificationList) =>
      list.items.filter((item) => item.kind === 'signoff_office_confirmation').map((item) => item.fiscalYear);
    // The demo: last year approved; this year confirmed by ひまわり only (sato is its 数値確認者).
    expect(asked(tanaka)).toEqual([CURRENT_YEAR]);
    expect(asked(kobayashi)).toEqual([CURRENT_YEAR]);
    expect(asked(sato)).toEqual([]);
    // suzuki is no 数値確認者: the manager of あおぞら confirms.
    expect(asked(suzuki)).toEqual([]);
    expect(tanaka.items.find((item) => item.kind === 'signoff_office_confirmation')?.path).toBe(
      `/statistics?fy=${CURRENT_YEAR}#signoff-title`,
    );
  });
});

describe('notifications of the core center, the municipality and the tenant admin', () => {
  it("the core center's difficult-case counts equal the board's columns and its overdue reviews", async ({
    annotate,
  }) => {
    const { list, requests: made } = await load(TAKAHASHI);
    const columnTotal = async (status: string) => {
      let total = 0;
      let cursor: string | null = null;
      do {
        const query: string = `status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await api.call('GET', `/api/difficult-cases?${query}`, { as: TAKAHASHI });
        expect(response.status).toBe(200);
        total += response.json.items.length;
        cursor = response.json.nextCursor;
      } while (cursor);
      return total;
    };
    expect(countOf(list, 'difficulty_escalated')).toBe(await columnTotal('escalated'));
    expect(countOf(list, 'difficulty_closing_proposed')).toBe(await columnTotal('closing_proposed'));
    const overdue = (await api.call('GET', '/api/difficult-cases/reviews/overdue', { as: TAKAHASHI })).json;
    expect(overdue.truncated).toBe(false);
    expect(countOf(list, 'difficulty_review_overdue')).toBe(overdue.items.length);
    expect(kindsOf(list).some((kind) => kind.startsWith('monitoring_'))).toBe(false);
    expect(
      list.items.filter((item) => item.kind === 'signoff_core_confirmation').map((item) => item.fiscalYear),
    ).toEqual([CURRENT_YEAR]);
    // Session check, the difficult-case board (one Query), the sign-offs (one BatchGet).
    expect(made.length).toBe(3);
    const message = `DynamoDB requests per GET /api/notifications (core supervisor): ${made.length}`;
    console.log(message);
    await annotate(message);
  });

  it("the other tenant's core center counts its own board only", async () => {
    const { list } = await load(NAKAMURA);
    const overdue = (await api.call('GET', '/api/difficult-cases/reviews/overdue', { as: NAKAMURA })).json;
    expect(countOf(list, 'difficulty_review_overdue')).toBe(overdue.items.length);
    // 北信圏域 never signed off last year (the demo seeds no sign-off there): from April it is due,
    // first at its offices and the core center; the municipalities wait for the core center.
    expect(
      list.items.filter((item) => item.kind === 'signoff_core_confirmation').map((item) => item.fiscalYear),
    ).toEqual([CURRENT_YEAR - 1]);
    expect(kindsOf((await load(OGAWA)).list)).toEqual([]);
  });

  it('the municipality is asked to approve once the core center has confirmed, each member of a joint tenant for its own part', async () => {
    expect((await load(ITO)).list.items).toEqual([]);
    expect((await load(OGAWA)).list.items).toEqual([]);
    // Every office of 希望が丘市 confirms this year, then the core center: the municipality approves.
    for (const as of [TANAKA, KOBAYASHI]) {
      const response = await api.call('POST', `/api/statistics/signoff/${CURRENT_YEAR}/office-confirmation`, {
        as,
      });
      expect(response.status, response.text).toBe(200);
    }
    expect(kindsOf((await load(TANAKA)).list)).not.toContain('signoff_office_confirmation');
    const core = await api.call('POST', `/api/statistics/signoff/${CURRENT_YEAR}/core-confirmation`, {
      as: TAKAHASHI,
    });
    expect(core.status, core.text).toBe(200);
    expect(kindsOf((await load(TAKAHASHI)).list)).not.toContain('signoff_core_confirmation');
    const ito = (await load(ITO)).list;
    expect(ito.items).toEqual([
      expect.objectContaining({
        kind: 'signoff_approval',
        count: 1,
        fiscalYear: CURRENT_YEAR,
        severity: 'normal',
      }),
    ]);
    expect(ito.items[0]?.title).toMatch(/^令和\d+年度の実績値の承認/);
    // Another tenant's municipality is told nothing of it.
    expect((await load(OGAWA)).list.items).toEqual([]);
  });

  it('the tenant admin has nothing to act on here', async () => {
    expect((await load(ADMIN)).list.items).toEqual([]);
  });
});
