import {
  addDays,
  fiscalYearMonths,
  fiscalYearOf,
  fiscalYearRange,
  todayInJapan,
  type FiguresView,
  type IndicatorFigures,
} from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SelfPlanRecord, selfPlanStatisticsCase } from '../../services/src/data/self-plan-store.ts';
import { parseCounterName, statisticsCellsOf } from '../../services/src/data/statistics-counters.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Self-plans filed at the municipality (ADR 0044). The rule under test: a self-plan the caseworker
 * registers counts in the self-plan rate and in のぞまないセルフプラン exactly as an office's self-plan
 * case with the same decision does — one counting path (statistics-counters.ts), so registering N
 * self-plans moves each figure by exactly N — and it is part of the tenant's and its municipality's
 * totals though no office's figures hold it.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const KATO = 'kato@kibou.example';
const HAYASHI = 'hayashi@kawabe.example';
const ITO = 'ito@kibou.example';
const TODAY = todayInJapan();
const FISCAL_YEAR = fiscalYearOf(TODAY);
const MONTH_INDEX = fiscalYearMonths(FISCAL_YEAR).indexOf(TODAY.slice(0, 7));
const YEAR = fiscalYearRange(FISCAL_YEAR);

let keyCount = 0;
const selfPlanBody = (overrides: Record<string, unknown> = {}) => ({
  person: {
    name: '市役 花子',
    kana: 'シヤク ハナコ',
    birthDate: '1985-07-01',
    recipientNumber: String(5550000000 + keyCount),
  },
  serviceKind: 'plan_consultation',
  selfPlanReason: 'no_office_available',
  filedOn: YEAR.start,
  decision: { validFrom: YEAR.start, validTo: YEAR.end },
  ...overrides,
});
const register = (as: string, body: unknown) =>
  api.call('POST', '/api/self-plans', {
    as,
    body,
    headers: { 'idempotency-key': `self-plan-${String(keyCount++)}` },
  });
const fieldsOf = (json: { error?: { fields?: { field: string }[] } }) =>
  (json.error?.fields ?? []).map((entry) => entry.field).sort();

const figures = async (): Promise<FiguresView> => {
  const response = await api.call('GET', `/api/statistics/figures?fiscalYear=${FISCAL_YEAR}`, { as: ITO });
  expect(response.status, response.text).toBe(200);
  return response.json as FiguresView;
};
const indicatorOf = (view: FiguresView, indicatorId: string): IndicatorFigures => {
  const found = view.figures.indicators.find((indicator) => indicator.indicatorId === indicatorId);
  if (!found) throw new Error(`no indicator ${indicatorId}`);
  return found;
};
const unwantedThisMonth = (indicator: IndicatorFigures) => indicator.total.months[MONTH_INDEX] ?? 0;

describe('self-plans filed at the municipality', () => {
  it('move the self-plan rate and のぞまないセルフプラン by exactly the self-plans registered (one counting path)', async () => {
    const before = await figures();
    const unwanted = await register(KATO, selfPlanBody());
    expect(unwanted.status, unwanted.text).toBe(201);
    expect(unwanted.json).toMatchObject({ municipalityCode: '990001', version: 1 });
    const wished = await register(KATO, selfPlanBody({ selfPlanReason: 'person_wish' }));
    expect(wished.status).toBe(201);
    const after = await figures();

    const rateBefore = indicatorOf(before, 'self_plan_rate').total;
    const rateAfter = indicatorOf(after, 'self_plan_rate').total;
    if ((after.figures.completeMonths ?? 0) > 0) {
      // The last complete month: both self-plans are decided and self-plans there.
      expect(rateAfter.numerator).toBe((rateBefore.numerator ?? 0) + 2);
      expect(rateAfter.denominator).toBe((rateBefore.denominator ?? 0) + 2);
    }
    expect(unwantedThisMonth(indicatorOf(after, 'unwanted_self_plans'))).toBe(
      unwantedThisMonth(indicatorOf(before, 'unwanted_self_plans')) + 1,
    );
  });

  it("are in the tenant's and the municipality's totals, and in no office's figures", async () => {
    const view = await figures();
    const unwanted = indicatorOf(view, 'unwanted_self_plans');
    const total = unwantedThisMonth(unwanted);
    const byMunicipality = unwanted.byMunicipality.reduce(
      (sum, row) => sum + (row.months[MONTH_INDEX] ?? 0),
      0,
    );
    const byOffice = unwanted.byOffice.reduce((sum, row) => sum + (row.months[MONTH_INDEX] ?? 0), 0);
    // Totals equal the sum of the municipalities; the offices' sum leaves out what was filed at the
    // municipality (no office holds it): exactly the 1 registered above with this reason.
    expect(total).toBe(byMunicipality);
    expect(total - byOffice).toBe(1);
    expect(unwanted.byOffice.map((row) => row.officeId)).not.toContain('kibou-city');
  });

  it('refuse a future filing day, a decision ending before it starts and a missing name (400 naming the fields)', async () => {
    const response = await register(
      KATO,
      selfPlanBody({
        person: { ...selfPlanBody().person, name: '' },
        filedOn: addDays(TODAY, 1),
        decision: { validFrom: YEAR.end, validTo: YEAR.start },
      }),
    );
    expect(response.status).toBe(400);
    expect(fieldsOf(response.json)).toEqual(['body.person.name']);
    const dates = await register(
      KATO,
      selfPlanBody({ filedOn: addDays(TODAY, 1), decision: { validFrom: YEAR.end, validTo: YEAR.start } }),
    );
    expect(dates.status).toBe(400);
    expect(fieldsOf(dates.json)).toEqual(['body.decision.validTo', 'body.filedOn']);
    const municipality = await register(KATO, { ...selfPlanBody(), municipalityCode: '990012' });
    expect(municipality.status).toBe(400);
  });

  it('cannot be registered, listed or opened by office staff, the core center or the municipal officer (403)', async () => {
    const created = await register(KATO, selfPlanBody());
    for (const as of ['sato@kibou.example', 'tanaka@kibou.example', 'takahashi@kibou.example', ITO]) {
      expect((await register(as, selfPlanBody())).status, as).toBe(403);
      expect((await api.call('GET', '/api/self-plans', { as })).status, as).toBe(403);
      expect(
        (await api.call('GET', `/api/self-plans/${String(created.json.selfPlanId)}`, { as })).status,
        as,
      ).toBe(403);
    }
  });

  it("are another tenant's caseworker's to find nowhere (404), and the list is the caller's municipality's", async () => {
    const created = await register(KATO, selfPlanBody());
    expect(
      (await api.call('GET', `/api/self-plans/${String(created.json.selfPlanId)}`, { as: HAYASHI })).status,
    ).toBe(404);
    const theirs = await api.call('GET', '/api/self-plans', { as: HAYASHI });
    expect(theirs.status).toBe(200);
    expect(theirs.json.items).toEqual([]);
    const mine = await api.call('GET', '/api/self-plans', { as: KATO });
    expect(mine.json.items.map((item: { selfPlanId: string }) => item.selfPlanId)).toContain(
      created.json.selfPlanId,
    );
  });

  it('write one audit entry per opening', async () => {
    const created = await register(KATO, selfPlanBody());
    const id = String(created.json.selfPlanId);
    const reads = async () =>
      (await api.allItems()).filter(
        (item) => item.entity === 'audit' && item.recordId === id && item.action === 'read',
      ).length;
    expect(await reads()).toBe(0);
    expect((await api.call('GET', `/api/self-plans/${id}`, { as: KATO })).status).toBe(200);
    expect((await api.call('GET', `/api/self-plans/${id}`, { as: KATO })).status).toBe(200);
    expect(await reads()).toBe(2);
    const entry = (await api.allItems()).find((item) => item.entity === 'audit' && item.recordId === id);
    expect(JSON.stringify(entry)).not.toContain('市役');
  });

  it('are corrected at the version read, and the figures follow the correction', async () => {
    const created = await register(KATO, selfPlanBody());
    const id = String(created.json.selfPlanId);
    const before = unwantedThisMonth(indicatorOf(await figures(), 'unwanted_self_plans'));
    const corrected = { ...selfPlanBody(), selfPlanReason: 'family_wish' };
    const path = `/api/self-plans/${id}`;
    expect((await api.call('PUT', path, { as: KATO, body: corrected })).status).toBe(428);
    expect(
      (await api.call('PUT', path, { as: KATO, body: corrected, headers: { 'if-match': '"5"' } })).status,
    ).toBe(412);
    const response = await api.call('PUT', path, {
      as: KATO,
      body: corrected,
      headers: { 'if-match': '"1"' },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ version: 2, selfPlanReason: 'family_wish' });
    expect(unwantedThisMonth(indicatorOf(await figures(), 'unwanted_self_plans'))).toBe(before - 1);
  });

  it("leave the division's counters equal to a recount of the stored self-plans (one counting path)", async () => {
    const items = await api.allItems();
    const records = items
      .filter((item) => item.entity === 'municipal_self_plan' && item.tenantId === 'kibougaoka')
      .map(({ pk: _pk, sk: _sk, entity: _entity, ...record }) => SelfPlanRecord.parse(record));
    expect(records.length).toBeGreaterThan(0);
    const expected = Object.fromEntries(
      statisticsCellsOf(records.map(selfPlanStatisticsCase)).map((cell) => [
        `${cell.fiscalYear}/${cell.officeId}`,
        cell.counters,
      ]),
    );
    const stored = Object.fromEntries(
      items
        .filter((item) => item.entity === 'case_statistics' && item.officeId === 'kibou-city')
        .flatMap((item) => {
          const counters = Object.fromEntries(
            Object.entries(item).filter(
              ([name, value]) => parseCounterName(name) && typeof value === 'number' && value !== 0,
            ),
          );
          return Object.keys(counters).length ? [[`${String(item.fiscalYear)}/kibou-city`, counters]] : [];
        }),
    );
    expect(stored).toEqual(expected);
  });
});
