import type { FiscalYearFigures, IndicatorFigures, TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { SignOffRecord, initialSignOff } from '../data/signoff-store.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../kernel/errors.ts';
import {
  approve,
  confirmCore,
  confirmOffice,
  recordOfficeConfirmation,
  officeFingerprint,
  officeHasFigures,
  openCorrection,
  signOffView,
  tenantFingerprint,
} from './signoff-rules.ts';

const empty = () => Array.from({ length: 12 }, () => null as number | null);
const monthsWith = (value: number) => empty().map((month, index) => (index < 3 ? value : month));

const indicator = (byOffice: Record<string, number>, target: number | null = null): IndicatorFigures => {
  const total = Object.values(byOffice).reduce((sum, value) => sum + value, 0);
  return {
    indicatorId: 'plan_consultation_users',
    group: 'consultation',
    label: '計画相談支援の利用者数',
    unit: '人/月',
    figureKind: 'count',
    direction: 'higher_is_better',
    aggregation: 'monthly_flow',
    pastYears: 'recounted',
    hasMonths: true,
    total: { value: total, months: monthsWith(total) },
    byMunicipality: [],
    byOffice: Object.entries(byOffice).map(([officeId, value]) => ({
      officeId,
      value,
      months: monthsWith(value),
    })),
    breakdown: [],
    target,
    achievementRate: target ? Math.round((total / target) * 1000) / 10 : null,
  };
};

const figures = (byOffice: Record<string, number>, target: number | null = null): FiscalYearFigures => ({
  fiscalYear: 2025,
  periodId: 'p7',
  periodLabel: '第7期',
  periodFiscalYears: [2024, 2025, 2026],
  definitionVersion: 1,
  months: [
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
  ],
  elapsedMonths: 12,
  computedAt: '2026-04-10T00:00:00.000Z',
  settings: { communityUserUnit: 'per_month', suppressionThreshold: 3 },
  municipalities: [{ code: '990001', name: '希望ヶ丘市' }],
  offices: Object.keys(byOffice).map((officeId) => ({
    officeId,
    name: officeId,
    municipalityCode: '990001',
  })),
  indicators: [indicator(byOffice, target)],
});

const OFFICES = [
  { officeId: 'himawari', name: 'ひまわり相談支援事業所' },
  { officeId: 'aozora', name: 'あおぞら相談支援事業所' },
  { officeId: 'midori', name: 'みどり相談支援事業所' },
];
const NOW = figures({ himawari: 10, aozora: 4, midori: 0 });
const stamp = (by: string) => ({ by, byName: by, at: '2026-04-10T01:00:00.000Z' });
const confirmationOf = (officeId: string, current = NOW) => ({
  ...stamp(`manager-${officeId}`),
  fingerprint: officeFingerprint(current, officeId),
});
const bothConfirmed = (): SignOffRecord =>
  confirmOffice(
    confirmOffice(initialSignOff(2025), OFFICES, 'himawari', confirmationOf('himawari')),
    OFFICES,
    'aozora',
    confirmationOf('aozora'),
  );
const coreConfirmed = () => confirmCore(bothConfirmed(), OFFICES, NOW, stamp('takahashi'));
const conflictMessage = (act: () => unknown): string => {
  try {
    act();
  } catch (error) {
    if (error instanceof ConflictError) return error.message;
    throw error;
  }
  throw new Error('expected a ConflictError');
};

describe('fingerprints', () => {
  it("change for an office when its own figures change, not when another office's do", () => {
    const changed = figures({ himawari: 10, aozora: 5, midori: 0 });
    expect(officeFingerprint(changed, 'himawari')).toBe(officeFingerprint(NOW, 'himawari'));
    expect(officeFingerprint(changed, 'aozora')).not.toBe(officeFingerprint(NOW, 'aozora'));
  });

  it('ignore the computation time and, for the tenant, the targets', () => {
    const later = {
      ...figures({ himawari: 10, aozora: 4, midori: 0 }, 20),
      computedAt: '2026-05-01T00:00:00.000Z',
    };
    expect(officeFingerprint(later, 'himawari')).toBe(officeFingerprint(NOW, 'himawari'));
    expect(tenantFingerprint(later)).toBe(tenantFingerprint(NOW));
  });

  it("ignore, for the tenant, a member municipality's targets too, and still see its actual", () => {
    const withMunicipality = (value: number, target?: number) => {
      const base = figures({ himawari: 10, aozora: 4, midori: 0 });
      const [only] = base.indicators;
      if (!only) throw new Error('expected an indicator');
      const series = { municipalityCode: '990001', value, months: monthsWith(value) };
      return {
        ...base,
        indicators: [
          {
            ...only,
            byMunicipality: [
              target === undefined ? series : { ...series, target, achievementRate: (value / target) * 100 },
            ],
          },
        ],
      };
    };
    // A snapshot frozen before municipalities had targets has neither field.
    expect(tenantFingerprint(withMunicipality(14, 20))).toBe(tenantFingerprint(withMunicipality(14)));
    expect(tenantFingerprint(withMunicipality(14, 20))).toBe(tenantFingerprint(withMunicipality(14, 10)));
    expect(tenantFingerprint(withMunicipality(13, 20))).not.toBe(tenantFingerprint(withMunicipality(14, 20)));
  });

  it('tell an office with figures from one with only zeros', () => {
    expect(officeHasFigures(NOW, 'himawari')).toBe(true);
    expect(officeHasFigures(NOW, 'midori')).toBe(false);
  });
});

describe('office confirmation', () => {
  it("records the office's confirmation and moves the item's version on", () => {
    const record = confirmOffice(initialSignOff(2025), OFFICES, 'aozora', confirmationOf('aozora'));
    expect(record.offices.aozora?.fingerprint).toBe(officeFingerprint(NOW, 'aozora'));
    expect(record.version).toBe(1);
    expect(record.status).toBe('open');
  });

  it('sends the year back to the offices when an office confirms other figures after the core center', () => {
    const changed = figures({ himawari: 10, aozora: 5, midori: 0 });
    const record = confirmOffice(coreConfirmed(), OFFICES, 'aozora', confirmationOf('aozora', changed));
    expect(record.status).toBe('open');
    expect(record.core).toBeNull();
  });

  it("keeps the core center's confirmation when an office confirms the same figures again", () => {
    const record = confirmOffice(coreConfirmed(), OFFICES, 'aozora', confirmationOf('aozora'));
    expect(record.status).toBe('core_confirmed');
  });

  it('is refused for an office that is not among the confirming offices', () => {
    expect(() =>
      confirmOffice(initialSignOff(2025), OFFICES, 'kibou-core', confirmationOf('kibou-core')),
    ).toThrow(ConflictError);
  });
});

describe("the core center's record of an office's confirmation (an office without a portal user)", () => {
  const recorded = (basis: 'paper' | 'no_activity', officeId = 'himawari', current = NOW) =>
    recordOfficeConfirmation(initialSignOff(2025), OFFICES, current, officeId, {
      ...stamp('takahashi'),
      recorded: { basis, reason: '確認書を受領' },
    });

  it("counts a paper confirmation as the office's own, keeping who recorded it and why", () => {
    const record = recorded('paper');
    expect(record.offices.himawari).toMatchObject({
      by: 'takahashi',
      fingerprint: officeFingerprint(NOW, 'himawari'),
      recorded: { basis: 'paper', reason: '確認書を受領' },
    });
    const withAozora = confirmOffice(record, OFFICES, 'aozora', confirmationOf('aozora'));
    expect(confirmCore(withAozora, OFFICES, NOW, stamp('takahashi')).status).toBe('core_confirmed');
  });

  it("goes stale like the office's own when the figures change afterwards", () => {
    const record = confirmOffice(recorded('paper'), OFFICES, 'aozora', confirmationOf('aozora'));
    const changed = figures({ himawari: 11, aozora: 4, midori: 0 });
    expect(conflictMessage(() => confirmCore(record, OFFICES, changed, stamp('takahashi')))).toContain(
      'ひまわり相談支援事業所の確認後に数値が変わりました',
    );
  });

  it('records "no activity" only for an office without figures in the year', () => {
    expect(recorded('no_activity', 'midori').offices.midori?.recorded?.basis).toBe('no_activity');
    expect(() => recorded('no_activity', 'himawari')).toThrow(ConflictError);
  });

  it('is a 404 for an office that is not among the confirming offices', () => {
    expect(() => recorded('paper', 'kibou-core')).toThrow(NotFoundError);
  });
});

describe('core confirmation', () => {
  it('names the offices with figures that have not confirmed, and not those without figures', () => {
    const record = confirmOffice(initialSignOff(2025), OFFICES, 'aozora', confirmationOf('aozora'));
    const message = conflictMessage(() => confirmCore(record, OFFICES, NOW, stamp('takahashi')));
    expect(message).toContain('ひまわり相談支援事業所の確認が済んでいません');
    expect(message).not.toContain('みどり');
  });

  it('names an office whose figures changed after it confirmed', () => {
    const changed = figures({ himawari: 10, aozora: 5, midori: 0 });
    const message = conflictMessage(() => confirmCore(bothConfirmed(), OFFICES, changed, stamp('takahashi')));
    expect(message).toContain('あおぞら相談支援事業所の確認後に数値が変わりました');
  });

  it("confirms the tenant's figures once every office with figures has confirmed them", () => {
    const record = coreConfirmed();
    expect(record.status).toBe('core_confirmed');
    expect(record.core?.fingerprint).toBe(tenantFingerprint(NOW));
  });
});

describe('approval', () => {
  it('is refused before the core center has confirmed', () => {
    expect(conflictMessage(() => approve(bothConfirmed(), NOW, stamp('ito')))).toBe(
      '基幹相談支援センターの確認が済んでいません',
    );
  });

  it('is refused when the figures changed after the core confirmation', () => {
    const changed = figures({ himawari: 11, aozora: 4, midori: 0 });
    expect(conflictMessage(() => approve(coreConfirmed(), changed, stamp('ito')))).toContain(
      '基幹相談支援センターの確認後に数値が変わりました',
    );
  });

  it('freezes the figures as they stand as the snapshot of the version and records it in the history', () => {
    const withTarget = figures({ himawari: 10, aozora: 4, midori: 0 }, 20);
    const { record, snapshot } = approve(coreConfirmed(), withTarget, stamp('ito'));
    expect(record.status).toBe('approved');
    expect(snapshot).toMatchObject({ fiscalYear: 2025, version: 1, approvedBy: 'ito', figures: withTarget });
    expect(record.approvals).toEqual([
      {
        version: 1,
        approvedAt: stamp('ito').at,
        approvedBy: 'ito',
        approvedByName: 'ito',
        correctionReason: null,
      },
    ]);
  });

  it('cannot approve a version twice', () => {
    const { record } = approve(coreConfirmed(), NOW, stamp('ito'));
    expect(() => approve(record, NOW, stamp('ito'))).toThrow(ConflictError);
  });
});

describe('correction', () => {
  it('opens the next version with the reason and no confirmations, keeping the approval history', () => {
    const { record: approved } = approve(coreConfirmed(), NOW, stamp('ito'));
    const record = openCorrection(approved, '事業所の計上漏れ');
    expect(record).toMatchObject({
      currentVersion: 2,
      status: 'open',
      offices: {},
      core: null,
      correctionReason: '事業所の計上漏れ',
    });
    expect(record.approvals).toEqual(approved.approvals);
  });

  it('is refused before any approval and while a correction is open', () => {
    expect(() => openCorrection(initialSignOff(2025), '理由')).toThrow(ConflictError);
    const { record: approved } = approve(coreConfirmed(), NOW, stamp('ito'));
    expect(() => openCorrection(openCorrection(approved, '一度目'), '二度目')).toThrow(ConflictError);
  });

  it("keeps the reason in the next approval's history entry", () => {
    const { record: approved } = approve(coreConfirmed(), NOW, stamp('ito'));
    const reopened = confirmOffice(
      confirmOffice(openCorrection(approved, '計上漏れ'), OFFICES, 'himawari', confirmationOf('himawari')),
      OFFICES,
      'aozora',
      confirmationOf('aozora'),
    );
    const { record } = approve(confirmCore(reopened, OFFICES, NOW, stamp('takahashi')), NOW, stamp('ito'));
    expect(record.approvals.map((approval) => [approval.version, approval.correctionReason])).toEqual([
      [1, null],
      [2, '計上漏れ'],
    ]);
  });
});

describe('the view', () => {
  const ctx = (role: TenantContext['role'], officeId: string): TenantContext => ({
    tenantId: 'kibougaoka',
    userId: 'user-x',
    role,
    officeId,
  });

  it("shows an office manager their own office's row only", () => {
    const view = signOffView(bothConfirmed(), OFFICES, NOW, ctx('office_manager', 'aozora'));
    expect(view.offices.map((row) => row.officeId)).toEqual(['aozora']);
  });

  it('shows the municipality every office and which changed since its confirmation', () => {
    const changed = figures({ himawari: 10, aozora: 5, midori: 0 });
    const view = signOffView(bothConfirmed(), OFFICES, changed, ctx('municipal_officer', 'kibou-city'));
    expect(view.offices.map((row) => [row.officeId, row.changedSinceConfirmation])).toEqual([
      ['himawari', false],
      ['aozora', true],
      ['midori', false],
    ]);
  });
});

describe("a joint tenant's approval, one per member municipality", () => {
  const HOKUSHIN = '990011';
  const KAWABE = '990012';
  const joint = (current: FiscalYearFigures): FiscalYearFigures => ({
    ...current,
    municipalities: [
      { code: HOKUSHIN, name: '北信市' },
      { code: KAWABE, name: '川辺町' },
    ],
  });
  const JOINT_NOW = joint(NOW);
  const officer: TenantContext = {
    tenantId: 'hokushin',
    userId: 'user-x',
    role: 'municipal_officer',
    officeId: 'hokushin-city',
  };
  const memberRows = (record: SignOffRecord, current = JOINT_NOW) =>
    signOffView(record, OFFICES, current, officer).memberApprovals?.map((row) => [
      row.name,
      row.approval?.byName ?? null,
    ]);
  const forbiddenMessage = (act: () => unknown): string => {
    try {
      act();
    } catch (error) {
      if (error instanceof ForbiddenError) return error.message;
      throw error;
    }
    throw new Error('expected a ForbiddenError');
  };

  it("keeps the core center's confirmation status after the first member's approval, with no snapshot", () => {
    const { record, snapshot } = approve(coreConfirmed(), JOINT_NOW, stamp('hokushin-ito'), HOKUSHIN);
    expect(record.status).toBe('core_confirmed');
    expect(snapshot).toBeUndefined();
    expect(record.approvals).toEqual([]);
    expect(memberRows(record)).toEqual([
      ['北信市', 'hokushin-ito'],
      ['川辺町', null],
    ]);
  });

  it("approves and freezes the version with the last member's approval", () => {
    const first = approve(coreConfirmed(), JOINT_NOW, stamp('hokushin-ito'), HOKUSHIN).record;
    const { record, snapshot } = approve(first, JOINT_NOW, stamp('kawabe-sato'), KAWABE);
    expect(record.status).toBe('approved');
    expect(snapshot).toMatchObject({ version: 1, approvedBy: 'kawabe-sato', figures: JOINT_NOW });
    expect(record.approvals.map((approval) => [approval.version, approval.approvedBy])).toEqual([
      [1, 'kawabe-sato'],
    ]);
    expect(memberRows(record)).toEqual([
      ['北信市', 'hokushin-ito'],
      ['川辺町', 'kawabe-sato'],
    ]);
  });

  it('refuses a second approval by the same member with 409', () => {
    const first = approve(coreConfirmed(), JOINT_NOW, stamp('hokushin-ito'), HOKUSHIN).record;
    expect(conflictMessage(() => approve(first, JOINT_NOW, stamp('hokushin-kato'), HOKUSHIN))).toBe(
      '北信市は第1版を承認済みです',
    );
  });

  it("refuses a caller whose office is not a member's municipal division with 403", () => {
    expect(forbiddenMessage(() => approve(coreConfirmed(), JOINT_NOW, stamp('x'), null))).toContain(
      '構成市町村の障害福祉担当課',
    );
    expect(() => approve(coreConfirmed(), JOINT_NOW, stamp('x'), '990001')).toThrow(ForbiddenError);
  });

  it("refuses approval when the figures changed, and voids the earlier member's approval of the old figures", () => {
    const first = approve(coreConfirmed(), JOINT_NOW, stamp('hokushin-ito'), HOKUSHIN).record;
    const changed = joint(figures({ himawari: 11, aozora: 4, midori: 0 }));
    expect(conflictMessage(() => approve(first, changed, stamp('kawabe-sato'), KAWABE))).toContain(
      '基幹相談支援センターの確認後に数値が変わりました',
    );
    expect(memberRows(first, changed)).toEqual([
      ['北信市', null],
      ['川辺町', null],
    ]);
    const reconfirmed = confirmCore(
      confirmOffice(first, OFFICES, 'himawari', confirmationOf('himawari', changed)),
      OFFICES,
      changed,
      stamp('takahashi'),
    );
    const { record, snapshot } = approve(reconfirmed, changed, stamp('kawabe-sato'), KAWABE);
    expect(record.status).toBe('core_confirmed');
    expect(snapshot).toBeUndefined();
    expect(Object.keys(record.memberApprovals)).toEqual([KAWABE]);
    expect(approve(record, changed, stamp('hokushin-ito'), HOKUSHIN).record.status).toBe('approved');
  });

  it("starts a correction's version with no member approvals", () => {
    const first = approve(coreConfirmed(), JOINT_NOW, stamp('hokushin-ito'), HOKUSHIN).record;
    const { record: approved } = approve(first, JOINT_NOW, stamp('kawabe-sato'), KAWABE);
    const record = openCorrection(approved, '計上漏れ');
    expect(record.memberApprovals).toEqual({});
    expect(memberRows(record)).toEqual([
      ['北信市', null],
      ['川辺町', null],
    ]);
  });

  it('marks the member the calling municipal officer approves for, and none for another role', () => {
    const own = (record: SignOffRecord, caller: TenantContext) =>
      signOffView(record, OFFICES, JOINT_NOW, caller, KAWABE).memberApprovals?.map((row) => row.callersOwn);
    expect(own(coreConfirmed(), officer)).toEqual([false, true]);
    expect(own(coreConfirmed(), { ...officer, role: 'core_supervisor' })).toEqual([false, false]);
  });

  it('lists no member approvals for a tenant of one municipality', () => {
    expect(signOffView(coreConfirmed(), OFFICES, NOW, officer).memberApprovals).toBeUndefined();
  });

  it('reads a sign-off item stored before member approvals as having none', () => {
    const { memberApprovals: _none, ...stored } = coreConfirmed();
    expect(SignOffRecord.parse(stored).memberApprovals).toEqual({});
  });
});
