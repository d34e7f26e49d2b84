import { randomUUID } from 'node:crypto';
import { PlanRequestView, todayInJapan, type FieldError } from '@kikan/shared';
import type { createPlanRequestRoute } from '@kikan/shared/contracts/municipality';
import { getCasesByIds } from '../data/case-store.ts';
import { getOffice } from '../data/directory-store.ts';
import { findPersonIdsByRecipientNumber, readPersonFile } from '../data/person-store.ts';
import { createPlanRequest as storeRequest, type PlanRequestRecord } from '../data/plan-request-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { ValidationError } from '../kernel/errors.ts';
import { callerMunicipality, type CallerMunicipality } from './caller-municipality.ts';
import { planRequestViewOf } from './plan-request-view.ts';

/** Offices that write サービス等利用計画・障害児支援利用計画: only they are asked for a 計画案. */
const PLAN_OFFICE_TYPES = new Set(['plan_consultation', 'child_plan_consultation']);

/**
 * One refusal for a number the office does not hold and for one of another municipality: either
 * way the caller learns only whether this office holds an open case of a person of their own
 * municipality with this number, which the municipality knows from the 計画相談支援依頼届出書 (ADR 0044).
 */
const NO_SUCH_PERSON: FieldError = {
  field: 'body.recipientNumber',
  message: 'この事業所に、この市町村の受給者証番号の方の利用中のケースはありません',
};

/** The open case at the office of the person of the municipality holding the number, or null. */
const caseOfNumber = async (
  tenantId: string,
  officeId: string,
  recipientNumber: string,
  municipalityCode: string,
): Promise<string | null> => {
  const personIds = await findPersonIdsByRecipientNumber(tenantId, officeId, recipientNumber);
  const files = await Promise.all(personIds.map((personId) => readPersonFile(tenantId, personId)));
  const caseIds = files
    .filter((file) => file?.person.municipalityCode === municipalityCode)
    .flatMap((file) => file?.cases ?? [])
    .filter((link) => link.officeId === officeId)
    .map((link) => link.caseId);
  const cases = caseIds.length ? await getCasesByIds(tenantId, caseIds) : [];
  const open = cases
    .filter((record) => record.phase !== 'closed' && record.officeId === officeId)
    .sort((a, b) => b.openedOn.localeCompare(a.openedOn));
  return open[0]?.caseId ?? null;
};

export const createPlanRequest: GuardedOperation<typeof createPlanRequestRoute, CallerMunicipality> = {
  authorize: async ({ ctx }) => callerMunicipality(ctx),
  run: async ({ ctx, body, idempotency, requestId, now }, municipality) => {
    const today = todayInJapan(now);
    const errors: FieldError[] = [];
    if (body.dueOn < today)
      errors.push({ field: 'body.dueOn', message: '提出期限は今日以降の日付にしてください' });
    const office = await getOffice(ctx.tenantId, body.officeId);
    if (!office || !PLAN_OFFICE_TYPES.has(office.type)) {
      errors.push({ field: 'body.officeId', message: '計画を作成する事業所を選んでください' });
    }
    if (errors.length) throw new ValidationError(errors);
    const caseId = await caseOfNumber(
      ctx.tenantId,
      body.officeId,
      body.recipientNumber,
      municipality.municipalityCode,
    );
    if (!caseId || !office) throw new ValidationError([NO_SUCH_PERSON]);

    const at = now.toISOString();
    const request: PlanRequestRecord = {
      requestId: randomUUID(),
      municipalityCode: municipality.municipalityCode,
      officeId: body.officeId,
      caseId,
      recipientNumber: body.recipientNumber,
      dueOn: body.dueOn,
      note: body.note,
      status: 'open',
      requestedOn: today,
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
      updatedBy: ctx.userId,
    };
    const view = planRequestViewOf(request, office.name);
    const replay = await storeRequest({ ctx, requestId, now }, request, {
      idempotency,
      response: { status: 201, body: view },
    });
    return replay ? PlanRequestView.parse(replay.body) : view;
  },
};
