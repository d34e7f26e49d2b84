import { defaultPlanPeriod } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { definitionRows, versionLabelOf } from './definitions-view.ts';

describe('the definitions page (ADR 0030)', () => {
  it('reads each definition in Japanese: direction, what the year is made of, past years and the 見込量 rule', () => {
    const rows = definitionRows(defaultPlanPeriod('p8'));
    expect(rows.find((row) => row.indicatorId === 'self_plan_rate')).toMatchObject({
      group: '相談支援の利用',
      direction: '低いほど良い',
      aggregation: '年度末時点',
      target: '市町村が設定',
    });
    expect(rows.find((row) => row.indicatorId === 'unwanted_self_plans')?.target).toBe(
      '市町村が設定（未設定の年度は0）',
    );
    expect(rows.find((row) => row.indicatorId === 'load_per_specialist')).toMatchObject({
      target: 'なし（参考値）',
      pastYears: '現在の値のみ（過去年度は記録なし）',
    });
  });

  it('says which version the tenant has: a default, the one seeded with it, or one published on a day', () => {
    const p7 = defaultPlanPeriod('p7');
    expect(versionLabelOf(p7)).toBe('製品の既定の定義（この自治体用には未登録）');
    expect(versionLabelOf({ ...p7, version: 1 })).toBe('第1版（利用開始時の定義）');
    expect(versionLabelOf({ ...p7, version: 2, publishedAt: '2027-02-28T15:30:00.000Z' })).toBe(
      '第2版（令和9年3月1日公開）',
    );
  });
});
