import { Person, PersonView, planPersonMerge } from '@kikan/shared';
import type { PersonMergeEvent } from '../data/audit.ts';
import { mergePersons as storeMerge } from '../data/person-merge-store.ts';
import { mergedInto, type PersonFile } from '../data/person-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { explainHeldNumber } from './one-person.ts';
import { toPersonView, writablePersonFile } from './person-access.ts';
import type { mergePersonsRoute } from '@kikan/shared/contracts/caseload';

export const DUPLICATE_CHANGED_MESSAGE =
  'もう一方の記録が比較した後に変更されました。読み込み直して、もう一度確かめてください';
export const RECORDS_DIFFER_MESSAGE = '2つの記録の内容が食い違うため、統合できません';

export const ALREADY_MERGED_MESSAGE = 'この記録はすでにこの利用者の記録に統合されています';

interface MergeTarget {
  kept: PersonFile;
  /** Null when the other record is already merged into the kept one: only a retry's replay answers. */
  merged: PersonFile | null;
}

/**
 * One person, one record (ADR 0025): the caller folds another record of the same person into the
 * one it keeps. Both must be records the caller may change — a person with an open case at the
 * caller's office — or the answer is the 404 of a person that does not exist (a denial audited).
 * The kept record wins (shared/person-merge.ts); facts that cannot both be true refuse with what
 * differs. The other record's cases, wherever they are, then name the kept person, as a change of
 * the person rewrites the name copies on every one of its open cases.
 */
export const mergePersons: GuardedOperation<typeof mergePersonsRoute, MergeTarget> = {
  authorize: async ({ ctx, params, body }) => {
    if (body.duplicatePersonId === params.personId) {
      throw new ValidationError([
        {
          field: 'body.duplicatePersonId',
          message: '同じ記録どうしは統合できません。別の記録を選んでください',
        },
      ]);
    }
    const kept = await writablePersonFile(ctx, params.personId);
    // A retry of a merge that went through finds the other record merged into this one: the caller
    // may act on the kept record, so the stored answer (or a 409) is theirs to have.
    if ((await mergedInto(ctx.tenantId, body.duplicatePersonId)) === kept.person.personId) {
      return { kept, merged: null };
    }
    const merged = await writablePersonFile(ctx, body.duplicatePersonId);
    return { kept, merged };
  },
  versionOf: ({ kept }) => kept.person.version,
  run: async ({ ctx, body, idempotency, requestId, now }, { kept, merged }) => {
    if (!merged)
      throw new ConflictError(ALREADY_MERGED_MESSAGE, [
        { field: 'body.duplicatePersonId', message: ALREADY_MERGED_MESSAGE },
      ]);
    if (merged.person.version !== body.duplicateVersion) {
      throw new ConflictError(DUPLICATE_CHANGED_MESSAGE, [
        { field: 'body.duplicateVersion', message: DUPLICATE_CHANGED_MESSAGE },
      ]);
    }
    const outcome = planPersonMerge(kept, merged);
    if (!outcome.ok) throw new ConflictError(RECORDS_DIFFER_MESSAGE, outcome.conflicts);
    const { plan } = outcome;

    const at = now.toISOString();
    const person = Person.parse({
      ...kept.person,
      ...plan.person,
      version: kept.person.version + 1,
      updatedAt: at,
    });
    const cases = await getCasesByIds(
      ctx.tenantId,
      merged.cases.map((link) => link.caseId),
      true,
    );
    // A closed case keeps the person as they were when it ended (update-person.ts); it names the
    // kept person all the same, so its file still leads to the one record.
    const movedCases = [...cases.values()].map((previous) => ({
      previous,
      record: {
        ...previous,
        personId: person.personId,
        ...(previous.phase === 'closed'
          ? {}
          : {
              personName: person.name,
              personKana: person.kana,
              birthDate: person.birthDate,
              municipalityCode: person.municipalityCode,
            }),
        version: previous.version + 1,
        updatedAt: at,
        updatedBy: ctx.userId,
      },
    }));
    const view = toPersonView(
      { person, consents: plan.consents, cases: [...kept.cases, ...merged.cases] },
      ctx,
    );
    const audit: PersonMergeEvent = {
      action: 'merge',
      recordType: 'person',
      recordId: person.personId,
      recordOfficeId: ctx.officeId,
      merge: {
        mergedPersonId: merged.person.personId,
        movedCaseIds: movedCases.map(({ record }) => record.caseId),
        filled: plan.filled,
        before: { keptVersion: kept.person.version, mergedVersion: merged.person.version },
        after: { keptVersion: person.version },
      },
    };
    const replay = await storeMerge({
      write: { ctx, requestId, now },
      kept,
      merged,
      person,
      consents: plan.consents,
      movedCases,
      audit,
      create: { idempotency, response: { status: 200, body: view } },
    }).catch(explainHeldNumber(ctx.tenantId, ctx.officeId, person.recipientNumber, 'body.duplicatePersonId'));
    return replay ? PersonView.parse(replay.body) : view;
  },
};
