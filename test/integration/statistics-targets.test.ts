import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeItems } from '../../services/local/seed.ts';
import { localClient } from '../../services/local/table.ts';
import { userItem } from '../../services/src/data/directory-store.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/** 見込量 and the tenant's statistics settings: versioned tables the municipality edits with If-Match. */

let api: TestApi;
/**
 * 北信 (共同設置: 北信市 990011 and 川辺町 990012) has no municipal officer in the demo; this file
 * gives it one, at the core center's office, the only office the joint tenant has for it.
 */
const HOKUSHIN_OFFICER = {
  userId: 'user-test-hokushin-officer',
  officeId: 'hokushin-core',
  displayName: '試験 北信市担当',
  tenantId: 'hokushin',
  email: 'user-test-officer@hokushin.example',
  role: 'municipal_officer' as const,
  senior: false,
};
let hokushinToken = '';
beforeAll(async () => {
  api = await startTestApi();
  const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  await writeItems(documents, api.tableName, [userItem(HOKUSHIN_OFFICER)]);
  hokushinToken = await api.stack.issuer.mint(HOKUSHIN_OFFICER);
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
      byMunicipality: {},
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

describe('targets (見込量) per member municipality of a joint tenant', () => {
  const HOKUSHIN_TARGETS = '/api/statistics/targets/p7';
  const asOfficer = (method: string, path: string, body?: unknown, ifMatch?: string) =>
    api.call(method, path, {
      token: hokushinToken,
      ...(body === undefined ? {} : { body }),
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });
  const usersOf = async () =>
    (await asOfficer('GET', '/api/statistics/figures?fiscalYear=2025')).json.figures.indicators.find(
      (indicator: { indicatorId: string }) => indicator.indicatorId === 'plan_consultation_users',
    );

  it("saves each municipality's table beside the whole's under one version, and reads them back", async () => {
    const current = await asOfficer('GET', HOKUSHIN_TARGETS);
    expect(current.status).toBe(200);
    const version = current.headers.get('etag') ?? '"0"';
    const saved = await asOfficer(
      'PUT',
      HOKUSHIN_TARGETS,
      {
        byMunicipality: {
          '990011': { plan_consultation_users: { '2025': 4, '2026': 5 } },
          '990012': { plan_consultation_users: { '2025': 2 } },
        },
      },
      version,
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe(`"${Number(JSON.parse(version)) + 1}"`);

    const read = await asOfficer('GET', HOKUSHIN_TARGETS);
    expect(read.json.byMunicipality).toEqual({
      '990011': { plan_consultation_users: { '2025': 4, '2026': 5 } },
      '990012': { plan_consultation_users: { '2025': 2 } },
    });
    // The whole's table is not touched by a request that names only municipalities.
    expect(read.json.targets).toEqual(current.json.targets);
  });

  it("gives each municipality's figures its own target and achievement rate", async () => {
    const users = await usersOf();
    const kawabe = users.byMunicipality.find(
      (series: { municipalityCode: string }) => series.municipalityCode === '990012',
    );
    const hokushin = users.byMunicipality.find(
      (series: { municipalityCode: string }) => series.municipalityCode === '990011',
    );
    expect(hokushin.target).toBe(4);
    expect(kawabe.target).toBe(2);
    expect(kawabe.achievementRate).toBe(
      kawabe.value === null ? null : Math.round((kawabe.value / 2) * 100 * 10) / 10,
    );
  });

  it('refuses a municipality that is not a member, naming the field, and a stale version', async () => {
    const current = await asOfficer('GET', HOKUSHIN_TARGETS);
    const version = current.headers.get('etag') ?? '"0"';
    const outsider = await asOfficer(
      'PUT',
      HOKUSHIN_TARGETS,
      { byMunicipality: { '990001': { plan_consultation_users: { '2025': 9 } } } },
      version,
    );
    expect(outsider.status).toBe(400);
    expect(outsider.json.error.fields).toEqual([
      { field: 'body.byMunicipality.990001', message: 'この市町村は共同設置の構成市町村ではありません' },
    ]);

    const stale = await asOfficer(
      'PUT',
      HOKUSHIN_TARGETS,
      { byMunicipality: { '990012': { plan_consultation_users: { '2025': null } } } },
      `"${Number(JSON.parse(version)) - 1}"`,
    );
    expect(stale.status).toBe(412);
    expect((await asOfficer('GET', HOKUSHIN_TARGETS)).json.byMunicipality['990012']).toEqual({
      plan_consultation_users: { '2025': 2 },
    });
  });

  it("clears a municipality's target with null, dropping a municipality left without any", async () => {
    const current = await asOfficer('GET', HOKUSHIN_TARGETS);
    const cleared = await asOfficer(
      'PUT',
      HOKUSHIN_TARGETS,
      { byMunicipality: { '990012': { plan_consultation_users: { '2025': null } } } },
      current.headers.get('etag') ?? '"0"',
    );
    expect(cleared.status).toBe(200);
    expect(Object.keys(cleared.json.byMunicipality)).toEqual(['990011']);
    const kawabe = (await usersOf()).byMunicipality.find(
      (series: { municipalityCode: string }) => series.municipalityCode === '990012',
    );
    expect(kawabe.target).toBeNull();
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
