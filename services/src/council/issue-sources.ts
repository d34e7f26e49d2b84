import type { IssueSource, IssueSourceInput, TenantContext } from '@kikan/shared';
import { getDifficultyFile } from '../data/difficult-store.ts';
import { getCasesByIds, getMeeting } from '../data/record-store.ts';
import { getSupervision } from '../data/supervision-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { maySeeSupervision } from '../policy/access-policy.ts';
import { mayRaiseFromCase, raisesFromAnyCase } from '../policy/issue-access.ts';
import type { SourceRecords } from './issue-rules.ts';

/**
 * Reads what the sources name, in the caller's tenant. Office staff naming a case of another office
 * get the 404 of a case that does not exist, before anything else of it is read.
 */
export const readSourceRecords = async (
  ctx: TenantContext,
  sources: readonly IssueSourceInput[],
): Promise<SourceRecords> => {
  const found = await getCasesByIds(
    ctx.tenantId,
    sources.map((source) => source.caseId),
  );
  if (!raisesFromAnyCase(ctx)) {
    for (const source of sources) {
      const record = found.get(source.caseId);
      if (!record || !mayRaiseFromCase(ctx, record)) throw new NotFoundError();
    }
  }
  const known = sources.filter((source) => found.has(source.caseId));
  const meetingIds = known.filter((source) => source.kind === 'service_meeting');
  const difficult = [
    ...new Set(known.filter((source) => source.kind === 'difficult_case').map((s) => s.caseId)),
  ];
  const supervisionIds = [
    ...new Set(
      known.filter((source) => source.kind === 'supervision').map((source) => source.recordId ?? ''),
    ),
  ];
  const [meetings, files, supervisions] = await Promise.all([
    Promise.all(meetingIds.map((source) => getMeeting(ctx.tenantId, source.caseId, source.recordId ?? ''))),
    Promise.all(difficult.map((caseId) => getDifficultyFile(ctx.tenantId, caseId))),
    Promise.all(supervisionIds.map((supervisionId) => getSupervision(ctx.tenantId, supervisionId))),
  ]);
  return {
    cases: new Map(
      [...found].map(([caseId, record]) => [
        caseId,
        { officeId: record.officeId, personId: record.personId },
      ]),
    ),
    meetings: new Set(
      meetings.flatMap((meeting) => (meeting ? [`${meeting.caseId}#${meeting.recordId}`] : [])),
    ),
    difficultCases: new Set(files.flatMap((file, index) => (file ? [difficult[index] ?? ''] : []))),
    supervisions: new Map(
      supervisions.flatMap((supervision) =>
        supervision && maySeeSupervision(ctx, supervision)
          ? [[supervision.supervisionId, supervision.cases.map((linked) => linked.caseId)] as const]
          : [],
      ),
    ),
  };
};

/** The sources as stored: each with the office holding its case, for the core center's view. */
export const issueSourcesOf = (
  sources: readonly IssueSourceInput[],
  records: Pick<SourceRecords, 'cases'>,
): IssueSource[] =>
  sources.map((source) => ({
    kind: source.kind,
    caseId: source.caseId,
    ...(source.recordId !== undefined && source.kind !== 'difficult_case'
      ? { recordId: source.recordId }
      : {}),
    note: source.note,
    officeId: records.cases.get(source.caseId)?.officeId ?? '',
  }));
