/**
 * The one DynamoDB table: its attribute and index names, and every key the system writes.
 * Imported by infra (to create the table) and by the services' data layer (to build keys);
 * nothing else writes a key string.
 *
 * Every partition key — of the table and of every index — starts with `T#<tenantId>#`, so IAM's
 * `dynamodb:LeadingKeys` can confine a request's credentials to one tenant. The tenant registry
 * uses the reserved `T#_registry#`, which no tenant id can produce. Tenant ids cannot
 * contain `#` (see TENANT_ID_PATTERN), so one tenant's prefix is never a prefix of another's.
 */

export const TABLE_ATTRIBUTES = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttl: 'expiresAt',
} as const;

/**
 * Indexes, named after the access pattern they serve. Both project all attributes: list pages are
 * read in one Query without a second round trip per row.
 */
export const TABLE_INDEXES = {
  /** The cases of one office, by kana: an office's caseload page. */
  casesByOffice: { indexName: 'casesByOffice', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /**
   * The cases of the whole tenant, by office then pseudonymous case code: the core center's
   * cross-office lists, whose order must reveal nothing of a person (SECURITY.md row 23).
   */
  casesByTenant: { indexName: 'casesByTenant', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** Open cases of one office by next monitoring due date: due-this-month and overdue lists. Sparse. */
  casesByMonitoringDue: { indexName: 'casesByMonitoringDue', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
} as const;
export type TableIndex = (typeof TABLE_INDEXES)[keyof typeof TABLE_INDEXES];

export const TABLE_NAME_DEFAULT = 'kikan-local';

export const KEY_DELIMITER = '#';

export const CASE_RECORD_KINDS = [
  'DECISION',
  'PLAN',
  'ASSESSMENT',
  'MONITORING',
  'MEETING',
  'CONSULTATION',
  'PHASE',
  'DIFFICULTY',
  'SHARING',
  'SUBMISSION',
] as const;
export type CaseRecordKind = (typeof CASE_RECORD_KINDS)[number];

/** The kind of a record in a case partition from its sort key (`<KIND>#…`); null for anything else. */
export const caseRecordKindOf = (sortKey: unknown): CaseRecordKind | null => {
  if (typeof sortKey !== 'string') return null;
  const prefix = sortKey.split('#')[0];
  return CASE_RECORD_KINDS.find((kind) => kind === prefix) ?? null;
};

export const tenantKeyPrefix = (tenantId: string): string => `T#${tenantId}#`;

/** The pseudo-tenant of the tenant registry: not a valid tenant id (TENANT_ID_PATTERN has no `_`). */
export const REGISTRY_TENANT = '_registry';

export interface ItemKey {
  pk: string;
  sk: string;
}

const tenantPk = (tenantId: string, ...parts: string[]): string =>
  tenantKeyPrefix(tenantId) + parts.join('#');

/**
 * Access patterns and the keys that serve them:
 * - get the tenant profile                    → GetItem tenant()
 * - list a tenant's offices / get one         → Query pk = offices().pk / GetItem office()
 * - get a user                                 → GetItem user()
 * - get a person                               → GetItem person()
 * - get a case                                 → GetItem caseItem()
 * - list an office's cases by kana             → Query casesByOffice where gsi1pk = caseByOffice().gsi1pk
 * - list a tenant's cases by office and case   → Query casesByTenant where gsi2pk = caseByTenant().gsi2pk
 *   code (never by name: pseudonymised lists)     (begins_with(gsi2sk, '<officeId>#') for one office)
 * - an office's cases due for monitoring        → Query casesByMonitoringDue where gsi3pk = caseByDue().gsi3pk
 *                                                 and gsi3sk <= '<last day of month>#~'
 * - a case and every record of it (timeline)    → Query pk = caseItem().pk
 * - one record of a case                        → GetItem caseRecord()
 * - a person with their consents and case links → Query pk = person().pk (sk PERSON, CONSENT#…, CASE#…)
 * - the persons holding a recipient number at   → Query pk = recipientNumber().pk,
 *   one office (search: scoped before any read)   begins_with(sk, 'OFFICE#<officeId>#')
 * - the one holder of a recipient number       → conditional Put / GetItem recipientNumberHolder()
 *   (per member municipality; ADR 0025)
 * - the case (and person) a case code names    → GetItem caseCode()
 * - an office's open role assignments by due    → Query pk = openAssignment().pk (sk `<dueOn>#<id>`)
 * - an office's consultation counts of a month  → Query pk = consultationTally().pk,
 *   (national survey; ADR 0042)                   begins_with(sk, 'YYYY-MM-')
 * - replay an idempotent create                → GetItem idempotency()
 * - browse the audit log of one day            → Query pk = auditDay().pk
 * - get a ledger event (its version)            → GetItem ledgerEvent()
 * - a tenant's ledger events of a fiscal year   → Query pk = ledgerYear().pk (sk `<heldOn>#<eventId>`,
 *   by date; counts per kind / municipality)      a month with begins_with(sk, 'YYYY-MM'))
 * - an office's participation in a fiscal year  → Query pk = officeParticipation().pk (same sort key)
 * - the senior specialist roster                → Query pk = seniorSpecialist().pk / GetItem seniorSpecialist()
 * - a case's difficulty file and support meetings → Query pk = caseItem().pk, begins_with(sk, 'DIFFICULTY#')
 * - the difficult-case board by status          → Query pk = difficultBoard().pk, begins_with(sk, '<status>#')
 * - a supervision record                        → GetItem supervision()
 * - a tenant's / a specialist's supervisions    → Query pk = supervisionByTenant().pk / supervisionBySpecialist().pk
 * - every office's case counters (dashboard)   → Query pk = officeStats().pk (sk `OFFICE#<officeId>`)
 * - the tenant's people reaching 18 / 65 soon  → Query pk = lifeStageMilestone().pk
 *                                                 and sk between '<today>' and '<horizon>#~'
 * - a fiscal year's plan-indicator counters     → Query pk = caseStatistics().pk (sk `OFFICE#<officeId>`)
 * - the targets of a plan period               → GetItem statisticsTargets()
 * - the tenant's plan-period definitions        → Query pk = planPeriod().pk, begins_with(sk, 'PLANPERIOD#')
 * - a plan period's published versions          → Query pk = planPeriodVersion().pk, begins_with(sk, '<periodId>#')
 * - a year's evaluation texts up to a version   → Query pk = statisticsEvaluation().pk,
 *                                                 sk between 'EVALUATION#FY<y>#V' and the version's sk
 * - statistics settings of the tenant           → GetItem statisticsSettings()
 * - a fiscal year's sign-off state              → GetItem signOff()
 * - the approved versions of a fiscal year      → Query pk = figuresSnapshot().pk (sk `V<0001>`)
 * - get a regional issue (its version)        → GetItem regionalIssue()
 * - every regional issue of a tenant (list,     → Query pk = regionalIssue().pk (sk `ISSUE#<issueId>`;
 *   council pack, statistics export)              tens a year, filtered and sorted in code)
 * - the tenant's retention period               → GetItem retentionSettings()
 * - the cases on legal hold (sweep, admin list) → Query pk = legalHold().pk, begins_with(sk, 'HOLD#')
 * - every tenant (the retention sweeper only)   → Query pk = tenantRegistry().pk
 * - the one holder of a staff e-mail             → conditional Put / Delete userEmailHolder() (ADR 0033)
 * - a submission to the municipality (ADR 0043) → GetItem submission()
 * - a municipality's inbox of one month         → Query pk = municipalityInbox().pk (sk `<submittedAt>#<id>`)
 * - a case's submissions / a pending lock       → Query pk = caseItem().pk, begins_with(sk, 'SUBMISSION#')
 *                                                 / GetItem submissionLock()
 * - submissions awaiting a municipality         → GetItem submissionCounter()
 * - an office's returned submissions and the    → Query pk = officeSubmissionNews().pk
 *   decisions it received (notifications)
 * - a municipality's plan requests              → Query pk = planRequest().pk (ADR 0044)
 * - an office's open plan requests by due date  → Query pk = openPlanRequest().pk (sk `<dueOn>#<id>`)
 * - a municipality's self-plans                 → Query pk = municipalSelfPlan().pk / GetItem municipalSelfPlan()
 */
/**
 * Where a case sits in its office's kana index (casesByOffice): the reading, then the case id for
 * readings alike. Every kana order of the caseload list is this key's order, whether a page comes
 * from the index or from the office read whole, so both agree (a reading followed by a space sorts
 * before the same reading alone: ' ' is below '#').
 */
export const caseKanaSortKey = (kana: string, caseId: string): string => `${kana}#${caseId}`;

export const keys = {
  tenant: (tenantId: string): ItemKey => ({ pk: tenantPk(tenantId, 'TENANT'), sk: 'PROFILE' }),
  offices: (tenantId: string): Pick<ItemKey, 'pk'> => ({ pk: tenantPk(tenantId, 'OFFICES') }),
  office: (tenantId: string, officeId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICES'),
    sk: `OFFICE#${officeId}`,
  }),
  /**
   * The one holder of a 事業所番号 in a tenant: put with attribute_not_exists in the transaction
   * that adds the office (ADR 0031), as the recipient-number holder is. Never searched.
   */
  officeNumberHolder: (tenantId: string, officeNumber: string): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE_NUMBER', officeNumber),
    sk: 'HOLDER',
  }),
  /**
   * The one holder of a staff e-mail in a tenant (ADR 0033), keyed by the e-mail's SHA-256 digest
   * (an e-mail is personal data and stays out of keys): claimed before the sign-in identity is made,
   * completed with the user item. Never searched.
   */
  userEmailHolder: (tenantId: string, emailDigest: string): ItemKey => ({
    pk: tenantPk(tenantId, 'USER_EMAIL', emailDigest),
    sk: 'HOLDER',
  }),
  user: (tenantId: string, userId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'USERS'),
    sk: `USER#${userId}`,
  }),
  person: (tenantId: string, personId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'PERSON', personId),
    sk: 'PERSON',
  }),
  caseItem: (tenantId: string, caseId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'CASE', caseId),
    sk: 'CASE',
  }),
  caseByOffice: (tenantId: string, officeId: string, kana = '', caseId = '') => ({
    gsi1pk: tenantPk(tenantId, 'OFFICE', officeId, 'CASES'),
    gsi1sk: caseId ? caseKanaSortKey(kana, caseId) : '',
  }),
  caseByTenant: (tenantId: string, officeId = '', caseCode = '', caseId = '') => ({
    gsi2pk: tenantPk(tenantId, 'CASES'),
    gsi2sk: caseId ? `${officeId}#${caseCode}#${caseId}` : officeId ? `${officeId}#` : '',
  }),
  caseByDue: (tenantId: string, officeId: string, dueOn = '', caseId = '') => ({
    gsi3pk: tenantPk(tenantId, 'OFFICE', officeId, 'DUE'),
    gsi3sk: caseId ? `${dueOn}#${caseId}` : '',
  }),
  /** Records of a case share its partition: `<KIND>#<sort>` so a Query returns them in order. */
  caseRecord: (tenantId: string, caseId: string, kind: CaseRecordKind, sortPart: string): ItemKey => ({
    pk: tenantPk(tenantId, 'CASE', caseId),
    sk: `${kind}#${sortPart}`,
  }),
  consent: (tenantId: string, personId: string, purpose: string): ItemKey => ({
    pk: tenantPk(tenantId, 'PERSON', personId),
    sk: `CONSENT#${purpose}`,
  }),
  /** Which cases a person has, and at which office: person visibility and rewriting name copies. */
  personCase: (tenantId: string, personId: string, caseId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'PERSON', personId),
    sk: `CASE#${caseId}`,
  }),
  /**
   * 受給者証番号 → person, one item per office holding a case of the person, so a search needs no
   * scan and finds only its own office's (SECURITY.md row 23: another office's client costs the
   * same one empty Query as a number nobody holds).
   */
  recipientNumber: (tenantId: string, recipientNumber: string, officeId = '', personId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'RECIPIENT', recipientNumber),
    sk: personId ? `OFFICE#${officeId}#PERSON#${personId}` : officeId ? `OFFICE#${officeId}#` : '',
  }),
  /**
   * The one holder of a 受給者証番号 in a tenant, per member municipality (two municipalities'
   * numbers may collide): written with attribute_not_exists in the transaction that gives a person
   * the number, deleted in the one that takes it away (ADR 0025). Never searched: a search reads
   * the per-office lookup above.
   */
  recipientNumberHolder: (tenantId: string, municipalityCode: string, recipientNumber: string): ItemKey => ({
    pk: tenantPk(tenantId, 'RECIPIENT_HOLDER', municipalityCode, recipientNumber),
    sk: 'HOLDER',
  }),
  /**
   * ケース番号 → case and person: a lookup item written with every new case and deleted with it,
   * so the tenant admin's audit filter finds a person from the code an office quotes, without a scan.
   */
  caseCode: (tenantId: string, caseCode: string): ItemKey => ({
    pk: tenantPk(tenantId, 'CASECODE', caseCode),
    sk: 'CASE',
  }),
  /** One item per role assignment not yet done, written and deleted with its meeting. */
  openAssignment: (tenantId: string, officeId: string, dueOn = '', assignmentId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE', officeId, 'ASSIGNMENTS'),
    sk: assignmentId ? `${dueOn}#${assignmentId}` : '',
  }),
  anonymousConsultation: (
    tenantId: string,
    officeId: string,
    consultedOn: string,
    recordId: string,
  ): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE', officeId, 'ANONYMOUS'),
    sk: `${consultedOn}#${recordId}`,
  }),
  /**
   * What one consultation record counts for in its office's monthly survey figures (ADR 0042):
   * written with the record, holding no name and no text, so a month is one Query of the office.
   */
  consultationTally: (tenantId: string, officeId: string, consultedOn = '', recordId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE', officeId, 'CONSULTATIONS'),
    sk: recordId ? `${consultedOn}#${recordId}` : '',
  }),
  /**
   * One office's case counters (active cases, load per specialist, plans, self-plans, difficult
   * cases), updated in the transaction of every case write; one partition per tenant, so the
   * dashboard reads every office's in one Query.
   */
  officeStats: (tenantId: string, officeId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE_STATS'),
    sk: officeId ? `OFFICE#${officeId}` : '',
  }),
  /**
   * The day the person of an open case reaches a life-stage age, written and deleted with the case.
   * Date first, so the coming months of the whole tenant are one key range.
   */
  lifeStageMilestone: (tenantId: string, reachesOn = '', officeId = '', age = 0, caseId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'MILESTONES'),
    sk: caseId ? `${reachesOn}#${officeId}#${age}#${caseId}` : '',
  }),
  /** A file import's job (ADR 0034): in its office's partition, so another office's id finds nothing. */
  importJob: (tenantId: string, officeId: string, jobId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE', officeId, 'IMPORT'),
    sk: `JOB#${jobId}`,
  }),
  idempotency: (tenantId: string, userId: string, idempotencyKey: string): ItemKey => ({
    pk: tenantPk(tenantId, 'IDEMPOTENCY', userId, idempotencyKey),
    sk: 'IDEMPOTENCY',
  }),
  auditDay: (tenantId: string, day: string): Pick<ItemKey, 'pk'> => ({
    pk: tenantPk(tenantId, 'AUDIT', day),
  }),
  auditEntry: (tenantId: string, at: string, requestId: string, sequence: number): ItemKey => ({
    pk: tenantPk(tenantId, 'AUDIT', at.slice(0, 10)),
    sk: `${at}#${requestId}#${String(sequence).padStart(3, '0')}`,
  }),
  /** The event as recorded, by id: the item that holds its version and its linked case ids. */
  ledgerEvent: (tenantId: string, eventId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'LEDGER', 'EVENT', eventId),
    sk: 'EVENT',
  }),
  /**
   * A copy of the event in its fiscal year's partition, moved in the event's transaction when its
   * date changes year: a year's indicators are one Query, never a scan of every year.
   */
  ledgerYear: (tenantId: string, fiscalYear: number, heldOn = '', eventId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'LEDGER', `FY${fiscalYear}`),
    sk: eventId ? `${heldOn}#${eventId}` : '',
  }),
  /** A copy per office taking part, written with the event: the office's participation record. */
  officeParticipation: (
    tenantId: string,
    officeId: string,
    fiscalYear: number,
    heldOn = '',
    eventId = '',
  ): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE', officeId, 'PARTICIPATION', `FY${fiscalYear}`),
    sk: eventId ? `${heldOn}#${eventId}` : '',
  }),
  /** 主任相談支援専門員 of every office: tens of entries per tenant, read as one partition. */
  seniorSpecialist: (tenantId: string, seniorId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'SENIORS'),
    sk: seniorId ? `SENIOR#${seniorId}` : '',
  }),
  /**
   * One item per difficult case of the tenant, moved with its status: the board is a Query on a
   * small partition, never a read of every case. `<status>#<officeId>#<caseId>`.
   */
  difficultBoard: (tenantId: string, status = '', officeId = '', caseId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'DIFFICULT'),
    sk: caseId
      ? `${status}#${officeId}#${caseId}`
      : officeId
        ? `${status}#${officeId}#`
        : status
          ? `${status}#`
          : '',
  }),
  /**
   * 地域課題: one partition per tenant, the issue itself (sources, dated steps, sessions, outcome)
   * in one item, so the list and the council pack are one Query and a step is one conditional put.
   */
  regionalIssue: (tenantId: string, issueId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'REGIONAL_ISSUES'),
    sk: issueId ? `ISSUE#${issueId}` : '',
  }),
  /** A 計画案提出依頼 of one municipality (ADR 0044): its caseworker's list is one Query. */
  planRequest: (tenantId: string, municipalityCode: string, requestId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'PLAN_REQUESTS', municipalityCode),
    sk: requestId ? `REQUEST#${requestId}` : '',
  }),
  /**
   * An open request as the office's task, by due date: written with the request, deleted when it
   * is fulfilled or withdrawn, so the office's open requests are one Query of its own partition.
   */
  openPlanRequest: (tenantId: string, officeId: string, dueOn = '', requestId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE', officeId, 'PLAN_REQUESTS'),
    sk: requestId ? `${dueOn}#${requestId}` : '',
  }),
  /** A self-plan filed at one municipality, without an office (ADR 0044). */
  municipalSelfPlan: (tenantId: string, municipalityCode: string, selfPlanId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'SELF_PLANS', municipalityCode),
    sk: selfPlanId ? `SELFPLAN#${selfPlanId}` : '',
  }),
  supervision: (tenantId: string, supervisionId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'SUPERVISION', supervisionId),
    sk: 'SUPERVISION',
  }),
  /** Supervisions of the tenant by day held (the core center's list). */
  supervisionByTenant: (tenantId: string, heldOn = '', supervisionId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'SUPERVISIONS'),
    sk: supervisionId ? `${heldOn}#${supervisionId}` : '',
  }),
  /** Supervisions about one specialist by day held (their own list). */
  supervisionBySpecialist: (tenantId: string, userId: string, heldOn = '', supervisionId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'USER', userId, 'SUPERVISIONS'),
    sk: supervisionId ? `${heldOn}#${supervisionId}` : '',
  }),
  /**
   * One office's plan-indicator counters for one fiscal year (statistics-counters.ts), moved in the
   * transaction of every case write; a year's figures for the whole tenant are one Query.
   */
  caseStatistics: (tenantId: string, fiscalYear: number, officeId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS', `FY${fiscalYear}`),
    sk: officeId ? `OFFICE#${officeId}` : '',
  }),
  statisticsSettings: (tenantId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS'),
    sk: 'SETTINGS',
  }),
  /** 見込量 of one plan period, one versioned item (the officer edits the period's table at once). */
  statisticsTargets: (tenantId: string, periodId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS'),
    sk: `TARGETS#${periodId}`,
  }),
  /**
   * The tenant's current definition of a plan period's indicators (ADR 0030), one versioned item per
   * period beside the period's targets; each version published is also kept, never rewritten.
   */
  planPeriod: (tenantId: string, periodId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS'),
    sk: `PLANPERIOD#${periodId}`,
  }),
  planPeriodVersion: (tenantId: string, periodId: string, version = 0): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS', 'PLANPERIODS'),
    sk: version ? `${periodId}#V${String(version).padStart(4, '0')}` : `${periodId}#`,
  }),
  /**
   * 評価・課題 of a fiscal year kept with one version of its figures (V0001…, so they sort); without
   * a version, the prefix of every version's key.
   */
  statisticsEvaluation: (tenantId: string, fiscalYear: number, signOffVersion?: number): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS'),
    sk: `EVALUATION#FY${fiscalYear}#V${signOffVersion === undefined ? '' : String(signOffVersion).padStart(4, '0')}`,
  }),
  signOff: (tenantId: string, fiscalYear: number): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS'),
    sk: `SIGNOFF#FY${fiscalYear}`,
  }),
  /** An approved version of a fiscal year's figures: written once, never rewritten. */
  figuresSnapshot: (tenantId: string, fiscalYear: number, version = 0): ItemKey => ({
    pk: tenantPk(tenantId, 'STATISTICS', 'SNAPSHOTS', `FY${fiscalYear}`),
    sk: version ? `V${String(version).padStart(4, '0')}` : '',
  }),
  /** How many years a closed case is kept (ADR 0018); absent: the default. */
  retentionSettings: (tenantId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'RETENTION'),
    sk: 'SETTINGS',
  }),
  /** A case on legal hold: the sweep never deletes it. Beside the settings, so one Query lists all. */
  legalHold: (tenantId: string, caseId = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'RETENTION'),
    sk: `HOLD#${caseId}`,
  }),
  /** A submission to the municipality with its snapshot (ADR 0043): read by id, never listed. */
  submission: (tenantId: string, submissionId: string): ItemKey => ({
    pk: tenantPk(tenantId, 'SUBMISSION', submissionId),
    sk: 'SUBMISSION',
  }),
  /** The caseworker's inbox, one partition per municipality and month of submission (Japan). */
  municipalityInbox: (
    tenantId: string,
    municipalityCode: string,
    month: string,
    submittedAt = '',
    submissionId = '',
  ): ItemKey => ({
    pk: tenantPk(tenantId, 'MUNICIPALITY', municipalityCode, 'INBOX', month),
    sk: submissionId ? `${submittedAt}#${submissionId}` : '',
  }),
  /** A case's own copy of a submission's status, in its partition (the office's pages read it). */
  caseSubmission: (tenantId: string, caseId: string, submittedAt: string, submissionId: string): ItemKey =>
    keys.caseRecord(tenantId, caseId, 'SUBMISSION', `${submittedAt}#${submissionId}`),
  /** Exists while a document waits for the municipality's review: the draft is locked (ADR 0043). */
  submissionLock: (tenantId: string, caseId: string, documentId: string): ItemKey =>
    keys.caseRecord(tenantId, caseId, 'SUBMISSION', `LOCK#${documentId}`),
  /** How many submissions await review at one municipality (its caseworkers' notification). */
  submissionCounter: (tenantId: string, municipalityCode: string): ItemKey => ({
    pk: tenantPk(tenantId, 'MUNICIPALITY', municipalityCode, 'SUBMISSION_COUNTS'),
    sk: 'PENDING',
  }),
  /**
   * What the municipality sent an office back: one item per returned submission (deleted when the
   * document is submitted again) and per decision received (kept 30 days): one Query for its notifications.
   */
  officeSubmissionNews: (tenantId: string, officeId: string, sortPart = ''): ItemKey => ({
    pk: tenantPk(tenantId, 'OFFICE', officeId, 'SUBMISSION_NEWS'),
    sk: sortPart,
  }),
  /**
   * One item per tenant, written when the tenant is provisioned, read only by the retention sweeper.
   * It sits under the reserved prefix `T#_registry#`: `_` cannot occur in a tenant id, so no
   * tenant's credentials reach it, and the sweeper reads it with the same tenant data role (tagged
   * `_registry`) instead of any table access of its own (ADR 0018).
   */
  tenantRegistry: (tenantId = ''): ItemKey => ({
    pk: tenantPk(REGISTRY_TENANT, 'TENANTS'),
    sk: tenantId ? `TENANT#${tenantId}` : '',
  }),
} as const;

/** The case whose partition a partition key is, or null: the inverse of keys.caseItem().pk. */
export const caseIdOfPartition = (tenantId: string, pk: unknown): string | null => {
  const prefix = tenantPk(tenantId, 'CASE', '');
  const caseId = typeof pk === 'string' && pk.startsWith(prefix) ? pk.slice(prefix.length) : '';
  return caseId && !caseId.includes(KEY_DELIMITER) ? caseId : null;
};
