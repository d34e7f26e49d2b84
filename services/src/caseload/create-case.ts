import { randomUUID } from 'node:crypto';
import { CaseView, ageOn, todayInJapan, type FieldError } from '@kikan/shared';
import { createCase as storeCase, findLikelyDuplicateCases, type CaseRecord } from '../data/case-store.ts';
import { getDirectoryEntries } from '../data/directory-store.ts';
import { claimRecipientNumber, personIndexItems } from '../data/person-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { caseCreationOffice } from '../policy/access-policy.ts';
import { isCaseWorker } from '@kikan/shared/access-policy';
import { newCaseCode } from '../policy/case-code.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { createCaseRoute } from '@kikan/shared/contracts/caseload';
import { likelyDuplicateRefusal, explainHeldNumber } from './one-person.ts';

/**
 * The target is the caller's own office: new cases open there and nowhere else. One person, one
 * record (ADR 0025): a person with the same kana and birth date at this office is shown first and
 * needs `confirmNotDuplicate`; a 受給者証番号 held in the tenant is refused by the write itself.
 */
export const createCase: GuardedOperation<typeof createCaseRoute, string> = {
  authorize: async ({ ctx }) => caseCreationOffice(ctx),
  run: async ({ ctx, body, idempotency, requestId, now }, officeId) => {
    const specialistUserId = body.specialistUserId ?? ctx.userId;
    const { tenant, user: specialist } = await getDirectoryEntries(ctx.tenantId, officeId, specialistUserId);

    const today = todayInJapan(now);
    const errors: FieldError[] = [];
    if (!tenant?.members.some((member) => member.code === body.person.municipalityCode)) {
      errors.push({ field: 'body.person.municipalityCode', message: 'このテナントの市町村を選んでください' });
    }
    if (!specialist || specialist.officeId !== officeId || !isCaseWorker(specialist.role)) {
      errors.push({ field: 'body.specialistUserId', message: 'この事業所の担当者を選んでください' });
    }
    if (body.person.birthDate > today) {
      errors.push({ field: 'body.person.birthDate', message: '生年月日に未来の日付は指定できません' });
    }
    if (body.openedOn > today) {
      errors.push({ field: 'body.openedOn', message: '開始日に未来の日付は指定できません' });
    }
    if (body.openedOn < body.person.birthDate) {
      errors.push({ field: 'body.openedOn', message: '開始日は生年月日より後の日付にしてください' });
    }
    // 障害児相談支援 is for children: at 18 the plan moves to 計画相談支援 (seed 001).
    if (body.serviceKind === 'child_plan_consultation' && ageOn(body.person.birthDate, body.openedOn) >= 18) {
      errors.push({
        field: 'body.serviceKind',
        message: '18歳以上の方は障害児相談支援ではなく計画相談支援になります',
      });
    }
    if (errors.length) throw new ValidationError(errors);

    if (!body.confirmNotDuplicate) {
      const duplicates = await findLikelyDuplicateCases(ctx.tenantId, officeId, body.person);
      if (duplicates.length) throw likelyDuplicateRefusal(duplicates);
    }

    const at = now.toISOString();
    const person = { ...body.person, personId: randomUUID(), version: 1, createdAt: at, updatedAt: at };
    const record: CaseRecord = {
      caseId: randomUUID(),
      caseCode: newCaseCode(),
      tenantId: ctx.tenantId,
      officeId,
      personId: person.personId,
      personName: person.name,
      personKana: person.kana,
      birthDate: person.birthDate,
      municipalityCode: person.municipalityCode,
      specialistUserId,
      serviceKind: body.serviceKind,
      planAuthor: body.planAuthor,
      ...(body.planAuthor === 'self_plan' && body.selfPlanReason
        ? { selfPlanReason: body.selfPlanReason }
        : {}),
      phase: 'intake',
      monitoringPeriodMonths: body.monitoringPeriodMonths,
      serviceUseStatus: body.serviceUseStatus,
      openedOn: body.openedOn,
      lastRecordOn: body.openedOn,
      sharedWithCore: false,
      nextMonitoringDueOn: null,
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
      updatedBy: ctx.userId,
    };
    const view = toCaseView(record, 'full', now);
    const replay = await storeCase({
      write: { ctx, requestId, now },
      record,
      person,
      personIndexItems: personIndexItems(ctx.tenantId, person, { caseId: record.caseId, officeId }),
      recipientClaim: claimRecipientNumber(ctx.tenantId, person),
      idempotency,
      response: { status: 201, body: view },
    }).catch(
      explainHeldNumber(ctx.tenantId, officeId, person.recipientNumber, 'body.person.recipientNumber'),
    );
    return replay ? CaseView.parse(replay.body) : view;
  },
};
