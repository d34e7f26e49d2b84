import { isOfficeStaff } from '@kikan/shared/access-policy';
import { randomUUID } from 'node:crypto';
import {
  TransferResult,
  dateOfReachingAge,
  membershipsOf,
  todayInJapan,
  type FieldError,
  type TenantContext,
  type TransferToAdultRequest,
} from '@kikan/shared';
import { withLastRecordDay, type CaseRecord } from '../data/case-store.ts';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { readPersonFile } from '../data/person-store.ts';
import { transferCase } from '../data/record-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { newCaseCode } from '../policy/case-code.ts';
import { toCaseView } from '../policy/case-view.ts';
import { endsBeforeLastRecord } from './case-changes.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { transferToAdultRoute } from '@kikan/shared/contracts/caseload';

/**
 * Seed 001: at 18 the child plan moves to an adult plan; the move is prepared from 17 years and
 * 6 months, reached by the same law as any age (dateOfReachingAge).
 */
export const transferRefusal = (child: CaseRecord, transferOn: string): string | null => {
  if (child.serviceKind !== 'child_plan_consultation') {
    return '障害児相談支援のケースだけが計画相談支援へ移行できます';
  }
  if (transferOn < dateOfReachingAge(child.birthDate, 17, 6)) {
    return '成人の計画相談支援への移行は17歳6か月から行えます';
  }
  return null;
};

/**
 * The day of the transfer is the child case's closing day: between its opening and today, and not
 * before its last record (ADR 0018).
 */
export const transferOnRefusal = (
  child: Pick<CaseRecord, 'openedOn' | 'lastRecordOn'>,
  transferOn: string,
  today: string,
): string | null => {
  if (transferOn > today || transferOn < child.openedOn) {
    return '移行日はケース開始日から今日までの日付にしてください';
  }
  if (endsBeforeLastRecord(child, transferOn)) {
    return `移行日は最後の記録日（${child.lastRecordOn}）以降にしてください`;
  }
  return null;
};

/** The receiving office must give adult plans; its specialist is named, the caller, or its manager. */
const receivingSpecialist = async (
  ctx: TenantContext,
  body: TransferToAdultRequest,
  child: CaseRecord,
  today: string,
) => {
  const [offices, users] = await Promise.all([listOffices(ctx.tenantId), listUsers(ctx.tenantId)]);
  const errors: FieldError[] = [];
  const target = offices.find((office) => office.officeId === body.targetOfficeId);
  if (target?.type !== 'plan_consultation') {
    errors.push({ field: 'body.targetOfficeId', message: '移行先は特定相談支援事業所を選んでください' });
  }
  if (body.serviceKind !== 'plan_consultation') {
    errors.push({ field: 'body.serviceKind', message: '移行後のサービス種別は計画相談支援です' });
  }
  const transferOnError = transferOnRefusal(child, body.transferOn, today);
  if (transferOnError) errors.push({ field: 'body.transferOn', message: transferOnError });
  // A part-timer (兼務, ADR 0033) whose second office is the receiving one is on its staff, with
  // that office's role.
  const staff = users.flatMap((user) =>
    membershipsOf(user)
      .filter((membership) => membership.officeId === body.targetOfficeId && isOfficeStaff(membership.role))
      .map((membership) => ({ userId: user.userId, role: membership.role })),
  );
  const chosen = body.specialistUserId
    ? staff.find((user) => user.userId === body.specialistUserId)
    : (staff.find((user) => user.userId === ctx.userId) ??
      staff.find((user) => user.role === 'office_manager') ??
      staff[0]);
  if (target && !chosen) {
    errors.push({ field: 'body.specialistUserId', message: '移行先の事業所の担当者を選んでください' });
  }
  if (errors.length || !chosen) throw new ValidationError(errors);
  return chosen.userId;
};

/** The adult case: same person, a fresh start at intake, linked back to the child case. */
export const adultCaseOf = (
  child: CaseRecord,
  body: TransferToAdultRequest,
  specialistUserId: string,
  userId: string,
  at: string,
): CaseRecord => ({
  caseId: randomUUID(),
  caseCode: newCaseCode(),
  tenantId: child.tenantId,
  officeId: body.targetOfficeId,
  personId: child.personId,
  personName: child.personName,
  personKana: child.personKana,
  birthDate: child.birthDate,
  ...(child.municipalityCode ? { municipalityCode: child.municipalityCode } : {}),
  specialistUserId,
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'intake',
  monitoringPeriodMonths: body.monitoringPeriodMonths,
  serviceUseStatus: 'not_started',
  openedOn: body.transferOn,
  lastRecordOn: body.transferOn,
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  previousCaseId: child.caseId,
  version: 1,
  createdAt: at,
  createdBy: userId,
  updatedAt: at,
  updatedBy: userId,
});

/** The post-evaluation of a transfer closure when the specialist wrote no note. */
const TRANSFER_EVALUATION = '18歳到達により障害児支援利用計画からサービス等利用計画へ移行';

/** Closes the child case and opens the adult case in one transaction, linked both ways. */
export const transferToAdult: GuardedOperation<typeof transferToAdultRoute, CaseRecord> = {
  authorize: (input) => writableCase(input, input.params.caseId),
  versionOf: (target) => target.version,
  run: async ({ ctx, body, idempotency, requestId, now }, target) => {
    const refusal = transferRefusal(requireOpen(target), body.transferOn);
    if (refusal) throw new ConflictError(refusal);
    const child = await withLastRecordDay(target);
    const [specialistUserId, personFile] = await Promise.all([
      receivingSpecialist(ctx, body, child, todayInJapan(now)),
      readPersonFile(ctx.tenantId, child.personId),
    ]);
    const at = now.toISOString();
    const adult = adultCaseOf(child, body, specialistUserId, ctx.userId, at);
    const closed: CaseRecord = {
      ...child,
      phase: 'closed',
      closedOn: body.transferOn,
      closureReason: 'life_stage_move',
      nextCaseId: adult.caseId,
      nextMonitoringDueOn: null,
      version: child.version + 1,
      updatedAt: at,
      updatedBy: ctx.userId,
    };
    const result: TransferResult = {
      closedCase: toCaseView(closed, 'full', now),
      newCaseId: adult.caseId,
      newCaseCode: adult.caseCode,
      newCaseOfficeId: adult.officeId,
    };
    const replayed = await transferCase({
      write: { ctx, requestId, now },
      idempotency,
      response: { status: 201, body: result },
      closed,
      previous: child,
      closure: {
        recordId: randomUUID(),
        caseId: child.caseId,
        from: child.phase,
        to: 'closed',
        changedOn: body.transferOn,
        closure: {
          closedOn: body.transferOn,
          reason: 'life_stage_move',
          postEvaluation: body.note || TRANSFER_EVALUATION,
        },
        createdAt: at,
        createdBy: ctx.userId,
      },
      opened: adult,
      recipientNumber: personFile?.person.recipientNumber,
    });
    return replayed ? TransferResult.parse(replayed.body) : result;
  },
};
