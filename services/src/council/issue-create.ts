import { randomUUID } from 'node:crypto';
import { RegionalIssueResponse, todayInJapan } from '@kikan/shared';
import { personsWithConsent } from '../data/person-store.ts';
import { createRegionalIssue as storeIssue, type RegionalIssueRecord } from '../data/regional-issue-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import { callersOwnScope, type GuardedOperation } from '../http/route.ts';
import { casesWithoutCouncilConsent, issueWithoutConsentMessage } from '../consent/council-consent.ts';
import type { createRegionalIssueRoute } from '@kikan/shared/contracts/council';
import { viewFor } from '../policy/issue-access.ts';
import { raisedOnProblems, sourceProblems } from './issue-rules.ts';
import { issueSourcesOf, readSourceRecords } from './issue-sources.ts';

/**
 * Raised once, from the records that showed the gap; the raising office follows it from then on.
 * Each source case is counted in the council's material, so its person's council consent must be
 * in force on the raising day (409 otherwise), and still be when the issue is written.
 */
export const createRegionalIssue: GuardedOperation<typeof createRegionalIssueRoute, void> = {
  authorize: callersOwnScope,
  run: async ({ ctx, body, idempotency, requestId, now }) => {
    const records = await readSourceRecords(ctx, body.sources);
    const errors = [
      ...raisedOnProblems(body.raisedOn, todayInJapan(now)),
      ...sourceProblems(body.sources, records),
    ];
    if (errors.length) throw new ValidationError(errors);
    const personOfCase = new Map([...records.cases].map(([caseId, { personId }]) => [caseId, personId]));
    const consenting = await personsWithConsent(
      ctx.tenantId,
      personOfCase.values(),
      'council_anonymised',
      body.raisedOn,
    );
    const caseIds = body.sources.map((source) => source.caseId);
    const missing = casesWithoutCouncilConsent(caseIds, personOfCase, consenting);
    if (missing.length) throw new ConflictError(issueWithoutConsentMessage(missing));
    const at = now.toISOString();
    const issue: RegionalIssueRecord = {
      issueId: randomUUID(),
      title: body.title,
      category: body.category,
      description: body.description,
      status: 'raised',
      raisedOn: body.raisedOn,
      sources: issueSourcesOf(body.sources, records),
      history: [{ status: 'raised', on: body.raisedOn, note: '', at, by: ctx.userId }],
      sessions: [],
      raisedByOfficeId: ctx.officeId,
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
      updatedBy: ctx.userId,
    };
    const view = viewFor(ctx, issue);
    const replayed = await storeIssue({
      write: { ctx, requestId, now },
      issue,
      consentsOf: [...consenting],
      create: { idempotency, response: { status: 201, body: view } },
    });
    return replayed ? RegionalIssueResponse.parse(replayed.body) : view;
  },
};
