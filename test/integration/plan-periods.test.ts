import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultPlanPeriod,
  fiscalYearOf,
  keys,
  todayInJapan,
  type IndicatorFigures,
  type PlanPeriod,
  type PlanPeriodDefinition,
} from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { run } from '../../services/ops/publish-plan-period.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Indicator definitions are data per plan period and tenant (issue 14 point 6, ADR 0030): seeded
 * with the tenant, readable by the municipality, replaced by publishing a new version without a
 * deploy — the figures as they stand follow it at once, an approved version keeps what it was
 * approved with, and a tenant reports one period while it plans the next.
 */

let api: TestApi;
let documents: DynamoDBDocumentClient;
let directory = '';
beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  directory = mkdtempSync(join(tmpdir(), 'kikan-plan-periods-'));
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

const ITO = 'ito@kibou.example';
const SATO = 'sato@kibou.example';
const CURRENT = fiscalYearOf(todayInJapan());
const PREVIOUS = CURRENT - 1;
const p7 = defaultPlanPeriod('p7');

const definitionFile = (name: string, definition: PlanPeriodDefinition): string => {
  const file = join(directory, name);
  writeFileSync(file, JSON.stringify(definition));
  return file;
};

const publish = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [...argv, '--endpoint', api.stack.dynamoDbEndpoint],
    { TABLE_NAME: api.tableName },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    new Date('2027-03-01T00:00:00.000Z'),
  );
  return { code, out, err };
};

const periods = async (as = ITO): Promise<PlanPeriod[]> => {
  const response = await api.call('GET', '/api/statistics/plan-periods', { as });
  expect(response.status).toBe(200);
  return response.json.periods as PlanPeriod[];
};

const indicatorOf = async (fiscalYear: number, indicatorId: string, version?: number) => {
  const query = `fiscalYear=${fiscalYear}${version ? `&version=${version}` : ''}`;
  const response = await api.call('GET', `/api/statistics/figures?${query}`, { as: ITO });
  expect(response.status).toBe(200);
  return {
    definitionVersion: response.json.figures.definitionVersion as number,
    indicator: (response.json.figures.indicators as IndicatorFigures[]).find(
      (candidate) => candidate.indicatorId === indicatorId,
    ),
  };
};

const { version: _version, publishedAt: _publishedAt, ...p7Definition } = p7;
/** What a revised 告示 might change: a label, and an indicator no longer reported. */
const revisedP7: PlanPeriodDefinition = {
  ...p7Definition,
  basis: `${p7.basis}（令和9年改正）`,
  indicators: p7Definition.indicators
    .filter((indicator) => indicator.indicatorId !== 'collaboration')
    .map((indicator) =>
      indicator.indicatorId === 'plan_consultation_users'
        ? { ...indicator, label: '計画相談支援の利用者数（実人数）' }
        : indicator,
    ),
};

describe('plan-period definitions as data', () => {
  it('are seeded with the tenant as version 1 of 第7期 and 第8期, readable by the municipality and by office staff', async () => {
    const seeded = await periods();
    expect(
      seeded.map((period) => [period.periodId, period.label, period.fiscalYears, period.version]),
    ).toEqual([
      ['p7', '第7期', [2024, 2025, 2026], 1],
      ['p8', '第8期', [2027, 2028, 2029], 1],
    ]);
    const unwanted = seeded[1]?.indicators.find(
      (indicator) => indicator.indicatorId === 'unwanted_self_plans',
    );
    expect(unwanted).toMatchObject({ hasTarget: true, defaultTarget: 0, direction: 'lower_is_better' });
    expect((await periods(SATO)).map((period) => period.periodId)).toEqual(['p7', 'p8']);
  });

  it('a new version is published without a deploy: the figures as they stand follow it, an approved version keeps its own', async () => {
    const approvedBefore = await indicatorOf(PREVIOUS, 'plan_consultation_users', 1);
    expect(approvedBefore.indicator?.label).toBe('計画相談支援の利用者数');

    const dry = await publish([definitionFile('p7-dry.json', revisedP7), 'kibougaoka', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out[0]).toMatch(
      /would_publish\s+kibougaoka p7 v2 .*~plan_consultation_users\(label\) -collaboration/,
    );
    expect((await periods())[0]?.version).toBe(1);

    const published = await publish([definitionFile('p7.json', revisedP7), 'kibougaoka']);
    expect(published.code).toBe(0);
    expect(published.out[0]).toMatch(/published\s+kibougaoka p7 v2/);
    const [current] = await periods();
    expect(current).toMatchObject({
      version: 2,
      publishedAt: '2027-03-01T00:00:00.000Z',
      basis: revisedP7.basis,
    });

    // Both versions are kept: the first as seeded, the second as published.
    const versions = await api.queryPartition(keys.planPeriodVersion('kibougaoka', 'p7').pk);
    expect(
      versions.filter((item) => String(item.sk).startsWith('p7#')).map((item) => [item.sk, item.version]),
    ).toEqual([
      ['p7#V0001', 1],
      ['p7#V0002', 2],
    ]);

    if (p7.fiscalYears.includes(CURRENT)) {
      const live = await indicatorOf(CURRENT, 'plan_consultation_users');
      expect(live.definitionVersion).toBe(2);
      expect(live.indicator?.label).toBe('計画相談支援の利用者数（実人数）');
      expect((await indicatorOf(CURRENT, 'collaboration')).indicator).toBeUndefined();
    }
    const approvedAfter = await indicatorOf(PREVIOUS, 'plan_consultation_users', 1);
    expect(approvedAfter.indicator?.label).toBe('計画相談支援の利用者数');
    expect(approvedAfter.definitionVersion).toBe(approvedBefore.definitionVersion);
    expect((await indicatorOf(PREVIOUS, 'collaboration', 1)).indicator).toBeDefined();

    const again = await publish([definitionFile('p7-again.json', revisedP7), 'kibougaoka']);
    expect(again.code).toBe(0);
    expect(again.out[0]).toMatch(/unchanged\s+kibougaoka p7 v2/);
  });

  it('the tenant reports 第7期 and plans a period it did not have: 見込量 of an unknown period are a 404 until it is published', async () => {
    expect((await api.call('GET', '/api/statistics/targets/p9', { as: ITO })).status).toBe(404);
    const p9: PlanPeriodDefinition = {
      ...defaultPlanPeriod('p8'),
      periodId: 'p9',
      label: '第9期',
      fiscalYears: [2030, 2031, 2032],
      basis: '第9期の基本指針',
    };
    const { version: _v, publishedAt: _p, ...p9Definition } = p9 as PlanPeriod;
    const published = await publish([definitionFile('p9.json', p9Definition), 'kibougaoka']);
    expect(published.code).toBe(0);
    expect((await periods()).map((period) => [period.periodId, period.version])).toEqual([
      ['p7', 2],
      ['p8', 1],
      ['p9', 1],
    ]);
    const targets = await api.call('GET', '/api/statistics/targets/p9', { as: ITO });
    expect(targets.status).toBe(200);
    const saved = await api.call('PUT', '/api/statistics/targets/p9', {
      as: ITO,
      body: { targets: { unwanted_self_plans: { '2030': 1 } } },
      headers: { 'if-match': '"0"' },
    });
    expect(saved.status).toBe(200);
    expect((await api.call('GET', '/api/statistics/targets/p7', { as: ITO })).status).toBe(200);
  });

  it('refuses a period whose years overlap another, and a file that is not a definition, writing nothing', async () => {
    const before = await api.queryPartition(keys.planPeriodVersion('kibougaoka', 'p7').pk);
    const overlapping = {
      ...p7Definition,
      periodId: 'p10',
      label: '第10期',
      fiscalYears: [2026, 2027, 2028],
    };
    const refused = await publish([
      definitionFile('p10.json', overlapping as PlanPeriodDefinition),
      'kibougaoka',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.out[0]).toMatch(/refused\s+kibougaoka p10\s+its fiscal years overlap 第7期/);
    const broken = await publish([
      definitionFile('broken.json', { ...p7Definition, fiscalYears: [2024, 2025, 2027] }),
      'kibougaoka',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toMatch(/fiscalYears: 計画期間は連続する3か年度です/);
    expect(await api.queryPartition(keys.planPeriodVersion('kibougaoka', 'p7').pk)).toEqual(before);
    expect((await periods()).map((period) => period.periodId)).toEqual(['p7', 'p8', 'p9']);
  });

  it("a tenant with no definitions stored (provisioned before they were data) reads the product's defaults as version 0", async () => {
    for (const periodId of ['p7', 'p8']) {
      await documents.send(
        new DeleteCommand({ TableName: api.tableName, Key: keys.planPeriod('hokushin', periodId) }),
      );
    }
    const response = await api.call('GET', '/api/statistics/plan-periods', {
      as: 'nakamura@hokushin.example',
    });
    expect(response.status).toBe(200);
    expect(
      (response.json.periods as PlanPeriod[]).map((period) => [period.periodId, period.version]),
    ).toEqual([
      ['p7', 0],
      ['p8', 0],
    ]);
  });

  it('--print-default prints a definition the publisher accepts', async () => {
    const out: string[] = [];
    const code = await run(['--print-default', 'p8'], {}, { out: (line) => out.push(line), err: () => {} });
    expect(code).toBe(0);
    const printed = JSON.parse(out.join('\n')) as PlanPeriodDefinition;
    expect(printed.periodId).toBe('p8');
    expect(printed).not.toHaveProperty('version');
  });
});
