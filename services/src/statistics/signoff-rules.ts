import type {
  Confirmation,
  FigureSeries,
  FiscalYearFigures,
  SignOffView,
  TenantContext,
} from '@kikan/shared';
import type { SignOffRecord, SnapshotRecord } from '../data/signoff-store.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../kernel/errors.ts';
import { seesOwnOfficeFiguresOnly } from '../policy/access-policy.ts';
import { fingerprintOf } from './fingerprint.ts';
import { figuresForOffice } from './office-scope.ts';

/**
 * The three steps of a fiscal year's sign-off (DOMAIN.md: office → core center → municipality) as
 * pure moves on the sign-off record. Each confirmation keeps a hash of the figures it confirmed, so
 * a figure that changes afterwards is seen and blocks the next step until confirmed again.
 */

/** An office that confirms its own figures. The core center's own office is not one: the core step covers it. */
export interface SignOffOffice {
  officeId: string;
  name: string;
}

export const officeFingerprint = (figures: FiscalYearFigures, officeId: string): string =>
  fingerprintOf(figuresForOffice(figures, officeId).indicators);

/**
 * Targets are the municipality's own input, not a figure the core center confirms: neither the
 * whole's nor a member municipality's count.
 */
export const tenantFingerprint = (figures: FiscalYearFigures): string =>
  fingerprintOf(
    figures.indicators.map(({ target: _target, achievementRate: _rate, byMunicipality, ...actual }) => ({
      ...actual,
      byMunicipality: byMunicipality.map(
        ({ target: _ownTarget, achievementRate: _ownRate, ...ownActual }) => ownActual,
      ),
    })),
  );

const nonZero = (value: number | null | undefined) => value !== null && value !== undefined && value !== 0;
const seriesHasFigures = (series: FigureSeries) =>
  nonZero(series.value) ||
  series.months.some(nonZero) ||
  nonZero(series.numerator) ||
  nonZero(series.denominator);

/** An office with nothing to count in the year has nothing to confirm. */
export const officeHasFigures = (figures: FiscalYearFigures, officeId: string): boolean =>
  figures.indicators.some((indicator) =>
    indicator.byOffice.some((series) => series.officeId === officeId && seriesHasFigures(series)),
  );

const next = (record: SignOffRecord, changes: Partial<SignOffRecord>): SignOffRecord => ({
  ...record,
  ...changes,
  version: record.version + 1,
});

const refuseWhenApproved = (record: SignOffRecord) => {
  if (record.status === 'approved') {
    throw new ConflictError(
      `第${record.currentVersion}版は承認済みです。数値を直す場合は市町村が訂正を開始してください`,
    );
  }
};

/**
 * An office confirms (again) its figures of the version being signed off. Confirming figures that
 * differ from what it confirmed before, after the core center's confirmation, sends the year back
 * to the offices: the core center confirmed other figures than these.
 */
export const confirmOffice = (
  record: SignOffRecord,
  offices: readonly SignOffOffice[],
  officeId: string,
  confirmation: Confirmation,
): SignOffRecord => {
  refuseWhenApproved(record);
  if (!offices.some((office) => office.officeId === officeId)) {
    throw new ConflictError('この事業所には確認する数値がありません');
  }
  const previous = record.offices[officeId];
  const reopens = record.status === 'core_confirmed' && previous?.fingerprint !== confirmation.fingerprint;
  return next(record, {
    offices: { ...record.offices, [officeId]: confirmation },
    ...(reopens ? { status: 'open' as const, core: null } : {}),
  });
};

/**
 * The core center records an office's confirmation for it, with the reason: the office confirmed on
 * paper, or had no activity in the year (refused when it has figures: then they need confirming).
 * It counts like the office's own and, like it, goes stale when the figures change.
 */
export const recordOfficeConfirmation = (
  record: SignOffRecord,
  offices: readonly SignOffOffice[],
  figures: FiscalYearFigures,
  officeId: string,
  confirmation: Omit<Confirmation, 'fingerprint'> & Required<Pick<Confirmation, 'recorded'>>,
): SignOffRecord => {
  if (!offices.some((office) => office.officeId === officeId)) {
    throw new NotFoundError('指定された事業所が見つかりません');
  }
  if (confirmation.recorded.basis === 'no_activity' && officeHasFigures(figures, officeId)) {
    throw new ConflictError(
      'この事業所には年度内の数値があります。活動なしではなく、事業所の確認（または書面での確認）を記録してください',
    );
  }
  return confirmOffice(record, offices, officeId, {
    ...confirmation,
    fingerprint: officeFingerprint(figures, officeId),
  });
};

const namesOf = (offices: readonly SignOffOffice[]) => offices.map((office) => office.name).join('、');

/** What still stops the core center: offices with figures that have not confirmed these figures. */
export const officeProblems = (
  record: SignOffRecord,
  offices: readonly SignOffOffice[],
  figures: FiscalYearFigures,
): string[] => {
  const withFigures = offices.filter((office) => officeHasFigures(figures, office.officeId));
  const unconfirmed = withFigures.filter((office) => !record.offices[office.officeId]);
  const changed = withFigures.filter((office) => {
    const confirmation = record.offices[office.officeId];
    return confirmation && confirmation.fingerprint !== officeFingerprint(figures, office.officeId);
  });
  return [
    ...(unconfirmed.length ? [`${namesOf(unconfirmed)}の確認が済んでいません`] : []),
    ...(changed.length ? [`${namesOf(changed)}の確認後に数値が変わりました`] : []),
  ];
};

export const confirmCore = (
  record: SignOffRecord,
  offices: readonly SignOffOffice[],
  figures: FiscalYearFigures,
  confirmation: Omit<Confirmation, 'fingerprint'>,
): SignOffRecord => {
  refuseWhenApproved(record);
  const problems = officeProblems(record, offices, figures);
  if (problems.length) throw new ConflictError(`${problems.join('。')}。`);
  return next(record, {
    status: 'core_confirmed',
    core: { ...confirmation, fingerprint: tenantFingerprint(figures) },
  });
};

export interface Approver {
  by: string;
  byName: string;
  at: string;
}

/**
 * A joint tenant's member approvals that still count: those given for the figures as they stand. A
 * change of the figures voids them: the core center confirms again and every member approves again.
 */
const standingMemberApprovals = (record: SignOffRecord, figures: FiscalYearFigures) => {
  const fingerprint = tenantFingerprint(figures);
  return Object.fromEntries(
    Object.entries(record.memberApprovals).filter(([, approval]) => approval.fingerprint === fingerprint),
  );
};

const isJoint = (figures: FiscalYearFigures) => figures.municipalities.length > 1;

const freeze = (record: SignOffRecord, figures: FiscalYearFigures, approver: Approver) => {
  const approval = {
    version: record.currentVersion,
    approvedAt: approver.at,
    approvedBy: approver.by,
    approvedByName: approver.byName,
    correctionReason: record.correctionReason,
  };
  return {
    record: next(record, { status: 'approved', approvals: [...record.approvals, approval] }),
    snapshot: { fiscalYear: record.fiscalYear, figures, ...approval },
  };
};

/**
 * The municipality approves the figures the core center confirmed, frozen as they stand now. In a
 * joint tenant each member municipality approves its own (`member`: the approving officer's
 * municipality, from their office) and the version is approved, and frozen, with the last of them.
 */
export const approve = (
  record: SignOffRecord,
  figures: FiscalYearFigures,
  approver: Approver,
  member: string | null = null,
): { record: SignOffRecord; snapshot?: SnapshotRecord } => {
  refuseWhenApproved(record);
  const joint = isJoint(figures);
  const memberName = figures.municipalities.find((municipality) => municipality.code === member)?.name;
  if (joint && !memberName) {
    throw new ForbiddenError(
      '承認は構成市町村の障害福祉担当課の職員が、自らの市町村の分として行います。所属事業所が構成市町村の担当課ではありません',
    );
  }
  if (record.status !== 'core_confirmed' || !record.core) {
    throw new ConflictError('基幹相談支援センターの確認が済んでいません');
  }
  const fingerprint = tenantFingerprint(figures);
  if (record.core.fingerprint !== fingerprint) {
    throw new ConflictError(
      '基幹相談支援センターの確認後に数値が変わりました。基幹相談支援センターに再確認を依頼してください',
    );
  }
  if (!joint || !member) return freeze(record, figures, approver);
  const standing = standingMemberApprovals(record, figures);
  if (standing[member]) {
    throw new ConflictError(`${memberName}は第${record.currentVersion}版を承認済みです`);
  }
  const memberApprovals = { ...standing, [member]: { ...approver, fingerprint } };
  const pending = figures.municipalities.filter((municipality) => !memberApprovals[municipality.code]);
  if (pending.length) return { record: next(record, { memberApprovals }) };
  return freeze({ ...record, memberApprovals }, figures, approver);
};

/** A correction is a new version signed off from the start; the approved one stays as it was. */
export const openCorrection = (record: SignOffRecord, reason: string): SignOffRecord => {
  if (record.status !== 'approved') {
    throw new ConflictError(
      record.approvals.length
        ? `訂正中の第${record.currentVersion}版があります。その確認と承認を進めてください`
        : '承認された版がないため、訂正を始められません',
    );
  }
  return next(record, {
    currentVersion: record.currentVersion + 1,
    status: 'open',
    offices: {},
    core: null,
    memberApprovals: {},
    correctionReason: reason,
  });
};

const memberApprovalsView = (
  record: SignOffRecord,
  figures: FiscalYearFigures,
  ctx: TenantContext,
  callerMunicipality: string | null,
) => {
  const standing =
    record.status === 'approved' ? record.memberApprovals : standingMemberApprovals(record, figures);
  return figures.municipalities.map(({ code, name }) => {
    const approval = standing[code];
    return {
      municipalityCode: code,
      name,
      approval: approval ? { by: approval.by, byName: approval.byName, at: approval.at } : null,
      callersOwn: ctx.role === 'municipal_officer' && code === callerMunicipality,
    };
  });
};

/** An office manager sees their own office's row only; every other reader sees every office. */
export const signOffView = (
  record: SignOffRecord,
  offices: readonly SignOffOffice[],
  figures: FiscalYearFigures,
  ctx: TenantContext,
  /** The municipality whose division the caller works at (signoff-state.ts). */
  callerMunicipality: string | null = null,
): SignOffView => ({
  fiscalYear: record.fiscalYear,
  currentVersion: record.currentVersion,
  status: record.status,
  offices: offices
    .filter((office) => !seesOwnOfficeFiguresOnly(ctx) || office.officeId === ctx.officeId)
    .map((office) => {
      const confirmation = record.offices[office.officeId] ?? null;
      return {
        officeId: office.officeId,
        officeName: office.name,
        confirmation,
        changedSinceConfirmation:
          confirmation !== null && confirmation.fingerprint !== officeFingerprint(figures, office.officeId),
      };
    }),
  core: record.core,
  coreChangedSinceConfirmation:
    record.core !== null && record.core.fingerprint !== tenantFingerprint(figures),
  ...(isJoint(figures)
    ? { memberApprovals: memberApprovalsView(record, figures, ctx, callerMunicipality) }
    : {}),
  approvedVersions: record.approvals.map(({ version, approvedAt, approvedByName, correctionReason }) => ({
    version,
    approvedAt,
    approvedByName,
    correctionReason,
  })),
  correctionReason: record.correctionReason,
  version: record.version,
});
