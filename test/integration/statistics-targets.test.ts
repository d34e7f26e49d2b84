import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/** 見込量 and the tenant's statistics settings: versioned tables the municipality edits with If-Match. */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const ITO = 'ito@kibou.example';
const ADMIN = 'admin@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
/** 第8期: the demo sets 第7期's targets, so the round trip starts from an empty table here. */
const TARGETS = '/api/statistics/targets/p8';
const P7_TARGETS = '/api/statistics/targets/p7';
const SETTINGS = '/api/statistics/settings';

const put = (path: string, body: unknown, ifMatch?: string, as = ITO) =>
  api.call('PUT', path, { as, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

describe('targets (見込量)', () => {
  it('starts as an empty table at version 0', async () => {
    const response = await api.call('GET', TARGETS, { as: ITO });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      periodId: 'p8',
      targets: {},
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    expect(response.headers.get('etag')).toBe('"0"');
  });

  it('saves targets and reads them back, the core center included', async () => {
    const saved = await put(
      TARGETS,
      { targets: { plan_consultation_users: { '2027': 90, '2028': 100 }, self_plan_rate: { '2028': 15 } } },
      '"0"',
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');

    const read = await api.call('GET', TARGETS, { as: TAKAHASHI });
    expect(read.json).toMatchObject({
      version: 1,
      updatedBy: 'user-ito',
      targets: { plan_consultation_users: { '2027': 90, '2028': 100 }, self_plan_rate: { '2028': 15 } },
    });
  });

  it('removes a target given as null and keeps the ones not named', async () => {
    const saved = await put(TARGETS, { targets: { self_plan_rate: { '2028': null } } }, '"1"');
    expect(saved.status).toBe(200);
    expect(saved.json.targets).toEqual({ plan_consultation_users: { '2027': 90, '2028': 100 } });
  });

  it('refuses a stale version (412) and a missing If-Match (428), changing nothing', async () => {
    const stale = await put(TARGETS, { targets: { plan_consultation_users: { '2029': 1 } } }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect((await put(TARGETS, { targets: {} })).status).toBe(428);
    expect((await api.call('GET', TARGETS, { as: ITO })).json.targets).toEqual({
      plan_consultation_users: { '2027': 90, '2028': 100 },
    });
  });

  it('lets only one of two editors saving from the same version win', async () => {
    const statuses = await Promise.all(
      [110, 120].map(
        async (value) =>
          (await put(TARGETS, { targets: { plan_consultation_users: { '2029': value } } }, '"2"')).status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 412]);
    expect((await api.call('GET', TARGETS, { as: ITO })).json.version).toBe(3);
  });

  it('refuses an unknown indicator, one without a target and a year outside the period, by field', async () => {
    const response = await put(
      TARGETS,
      {
        targets: {
          no_such_indicator: { '2028': 1 },
          load_per_specialist: { '2028': 30 },
          plan_consultation_users: { '2026': 100 },
        },
      },
      '"3"',
    );
    expect(response.status).toBe(400);
    const fields = response.json.error.fields as { field: string; message: string }[];
    expect(fields.map((field) => field.field).sort()).toEqual([
      'body.targets.load_per_specialist.2028',
      'body.targets.no_such_indicator.2028',
      'body.targets.plan_consultation_users.2026',
    ]);
    expect(fields.find((field) => field.field === 'body.targets.no_such_indicator.2028')?.message).toBe(
      '第8期の計画にない指標です',
    );
  });

  it('puts the target and the achievement rate (actual ÷ target, %) into the live figures', async () => {
    const figures = async () =>
      (await api.call('GET', '/api/statistics/figures?fiscalYear=2025', { as: ITO })).json.figures;
    const actual = (await figures()).indicators.find(
      (indicator: { indicatorId: string }) => indicator.indicatorId === 'plan_consultation_users',
    ).total.value as number;
    expect(actual).toBeGreaterThan(0);
    const target = 8;
    const current = await api.call('GET', P7_TARGETS, { as: ITO });
    const saved = await put(
      P7_TARGETS,
      { targets: { plan_consultation_users: { '2025': target } } },
      current.headers.get('etag') ?? '"0"',
    );
    expect(saved.status).toBe(200);

    const indicator = (await figures()).indicators.find(
      (candidate: { indicatorId: string }) => candidate.indicatorId === 'plan_consultation_users',
    );
    expect(indicator.target).toBe(target);
    expect(indicator.achievementRate).toBe(Math.round((actual / target) * 100 * 10) / 10);
  });
});

describe('statistics settings', () => {
  it('starts with the defaults at version 0', async () => {
    const response = await api.call('GET', SETTINGS, { as: ADMIN });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ communityUserUnit: 'per_month', suppressionThreshold: 3, version: 0 });
  });

  it('saves per-year counting of community users, which the live figures follow', async () => {
    const saved = await put(
      SETTINGS,
      { communityUserUnit: 'per_year', suppressionThreshold: 5 },
      '"0"',
      ADMIN,
    );
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ communityUserUnit: 'per_year', suppressionThreshold: 5, version: 1 });

    const figures = (await api.call('GET', '/api/statistics/figures?fiscalYear=2025', { as: ITO })).json
      .figures;
    expect(figures.settings).toEqual({ communityUserUnit: 'per_year', suppressionThreshold: 5 });
    expect(
      figures.indicators.find(
        (indicator: { indicatorId: string }) => indicator.indicatorId === 'community_transition_users',
      ).unit,
    ).toBe('人/年');
  });

  it('refuses a stale version and a threshold below 2', async () => {
    expect(
      (await put(SETTINGS, { communityUserUnit: 'per_month', suppressionThreshold: 3 }, '"0"')).status,
    ).toBe(412);
    const invalid = await put(SETTINGS, { communityUserUnit: 'per_month', suppressionThreshold: 1 }, '"1"');
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.fields[0]).toEqual({
      field: 'body.suppressionThreshold',
      message: '秘匿の基準は2以上で入力してください',
    });
    expect((await api.call('GET', SETTINGS, { as: ITO })).json.version).toBe(1);
  });
});
