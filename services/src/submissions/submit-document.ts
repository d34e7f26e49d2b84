import { randomUUID } from 'node:crypto';
import { Monitoring, Submission, todayInJapan, type Plan, type SubmittedDocument } from '@kikan/shared';
import type { submitDocumentRoute } from '@kikan/shared/contracts/submissions';
import type { CaseRecord } from '../data/case-store.ts';
import { getOffice, getUser } from '../data/directory-store.ts';
import { readPersonFile } from '../data/person-store.ts';
import { getPlan, planItem } from '../data/record-store.ts';
import {
  findMonitoring,
  listCaseSubmissions,
  submissionView,
  writeNewSubmission,
  type StoredSubmission,
} from '../data/submission-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { ConflictError, NotFoundError } from '../kernel/errors.ts';
import { readWritableCase } from '../caseload/writable-case.ts';
import { requireOpen } from '../caseload/record-access.ts';
import { planDraftSubmitted } from './plan-draft-submitted.ts';

const keyOf = ({ pk, sk }: { pk: string; sk: string }) => ({ pk, sk });

interface Target {
  record: CaseRecord;
  content: SubmittedDocument;
}

const documentIdOf = (content: SubmittedDocument): string =>
  content.document === 'plan' ? content.plan.recordId : content.monitoring.recordId;

const kindOf = (content: SubmittedDocument): StoredSubmission['kind'] => {
  if (content.document === 'monitoring') return 'monitoring_report';
  return content.plan.status === 'draft' ? 'plan_draft' : 'plan_final';
};

const planOf = (plan: Plan | null): SubmittedDocument => {
  if (!plan) throw new NotFoundError();
  return { document: 'plan', plan };
};

/**
 * The office submits one document of its case to the person's municipality (ADR 0043): a snapshot
 * of the document and of the person as the paper form shows them, so later edits never reach the
 * caseworker. A document waiting for review, or already accepted, is not submitted twice.
 */
export const submitDocument: GuardedOperation<typeof submitDocumentRoute, Target> = {
  authorize: async ({ ctx, params, body }) => {
    const record = requireOpen(await readWritableCase(ctx, params.caseId));
    if (body.document === 'plan') {
      return { record, content: planOf(await getPlan(ctx.tenantId, record.caseId, body.planVersion)) };
    }
    const monitoring = await findMonitoring(ctx.tenantId, record.caseId, body.recordId);
    if (!monitoring) throw new NotFoundError();
    return { record, content: { document: 'monitoring', monitoring: Monitoring.parse(monitoring) } };
  },
  run: async ({ ctx, idempotency, requestId, now }, { record, content }) => {
    const documentId = documentIdOf(content);
    const [file, office, author, earlier] = await Promise.all([
      readPersonFile(ctx.tenantId, record.personId),
      getOffice(ctx.tenantId, record.officeId),
      getUser(ctx.tenantId, record.specialistUserId),
      listCaseSubmissions(ctx.tenantId, record.caseId),
    ]);
    if (!file) throw new NotFoundError();
    const sameDocument = earlier.filter((submission) => submission.documentId === documentId);
    if (sameDocument.some((submission) => submission.status === 'submitted')) {
      throw new ConflictError('この書類は市町村へ提出済みで、受付を待っています');
    }
    if (sameDocument.some((submission) => submission.status === 'accepted')) {
      throw new ConflictError('この書類は市町村が受理済みです');
    }
    const { person } = file;
    const submittedAt = now.toISOString();
    const stored: StoredSubmission = {
      submissionId: randomUUID(),
      caseId: record.caseId,
      officeId: record.officeId,
      municipalityCode: person.municipalityCode,
      kind: kindOf(content),
      documentId,
      ...(content.document === 'plan' ? { planVersion: content.plan.planVersion } : {}),
      status: 'submitted',
      submittedAt,
      submittedBy: ctx.userId,
      version: 1,
      snapshot: {
        person: {
          name: person.name,
          kana: person.kana,
          birthDate: person.birthDate,
          ...(person.recipientNumber === undefined ? {} : { recipientNumber: person.recipientNumber }),
          supportLevel: person.supportLevel,
        },
        officeName: office?.name ?? '',
        ...(author ? { authorName: author.displayName } : {}),
        monitoringPeriodMonths: record.monitoringPeriodMonths,
        content,
      },
      personId: person.personId,
      specialistUserId: record.specialistUserId,
      month: todayInJapan(now).slice(0, 7),
    };
    const response = submissionView(stored);
    const alongside =
      stored.kind === 'plan_draft' && stored.planVersion !== undefined
        ? await planDraftSubmitted(
            { ctx, requestId, now },
            {
              caseId: record.caseId,
              officeId: record.officeId,
              municipalityCode: stored.municipalityCode,
              submissionId: stored.submissionId,
              planVersion: stored.planVersion,
              submittedAt,
            },
          )
        : { items: [], audits: [], count: 0 };
    const replayed = await writeNewSubmission({
      write: { ctx, requestId, now },
      stored,
      caseRecord: record,
      earlierReturned: sameDocument.filter((submission) => submission.status === 'returned'),
      alongside,
      ...(content.document === 'plan'
        ? { documentAt: { key: keyOf(planItem(ctx.tenantId, content.plan)), version: content.plan.version } }
        : {}),
      create: { idempotency, response: { status: 201, body: response } },
    });
    return replayed ? Submission.parse(replayed.body) : response;
  },
};
