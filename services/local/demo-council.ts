import {
  addDays,
  fiscalYearOf,
  todayInJapan,
  type IssueOutcome,
  type IssueSource,
  type IssueStep,
  type RegionalIssueCategory,
  type RegionalIssueStatus,
} from '@kikan/shared';
import type { LedgerEventRecord } from '../src/data/ledger-store.ts';
import { regionalIssueItem, type RegionalIssueRecord } from '../src/data/regional-issue-store.ts';
import { demoCases } from './demo-data.ts';
import { demoSupervisions, withDemoDifficulty } from './demo-difficult.ts';
import { demoLedgerEvents } from './demo-ledger.ts';
import { demoRecords } from './demo-records.ts';

/**
 * Fictional regional issues (地域課題) for the demo tenants, at every status, raised from demo
 * meetings' unsolved items, difficult cases and supervisions that exist in the other demo modules
 * and taken to the demo ledger's council and sub-committee sessions. Dates follow those sessions
 * (the previous fiscal year in full, this one up to today), so every step is dated in order and
 * none is after today. Deterministic for a given day.
 */

interface DemoSources {
  /** Meetings with an unsolved item, by words of that item. */
  meetingsAbout: (words: string, officeId?: string) => IssueSource[];
  /** Difficult cases with a difficulty category holding `category`. */
  difficultCases: (category: string, officeId?: string) => IssueSource[];
  /** The cases linked to a supervision whose topics hold `words`. */
  supervisionSources: (words: string) => IssueSource[];
}

const sourcesOf = (tenantId: string, now: Date): DemoSources => {
  const cases = withDemoDifficulty(demoCases(tenantId, now));
  const { meetings } = demoRecords(tenantId, now, cases);
  const officeOf = new Map(cases.map(({ record }) => [record.caseId, record.officeId]));
  return {
    meetingsAbout: (words, officeId) =>
      meetings
        .filter(({ meeting }) => meeting.unsolvedItems.some((item) => item.includes(words)))
        .filter((entry) => officeId === undefined || entry.officeId === officeId)
        .map(({ officeId: holder, meeting }) => ({
          kind: 'service_meeting',
          caseId: meeting.caseId,
          recordId: meeting.recordId,
          note: meeting.unsolvedItems.join('／'),
          officeId: holder,
        })),
    difficultCases: (category, officeId) =>
      cases
        .filter(({ record }) => record.difficulty?.categories.some((kind) => kind.includes(category)))
        .filter(({ record }) => officeId === undefined || record.officeId === officeId)
        .map(({ record }) => ({
          kind: 'difficult_case',
          caseId: record.caseId,
          note: '',
          officeId: record.officeId,
        })),
    supervisionSources: (words) =>
      demoSupervisions(tenantId, now, cases)
        .filter((supervision) => supervision.topics.some((topic) => topic.includes(words)))
        .flatMap((supervision) =>
          supervision.cases.map((linked) => ({
            kind: 'supervision' as const,
            caseId: linked.caseId,
            recordId: supervision.supervisionId,
            note: supervision.topics.join('／'),
            officeId: officeOf.get(linked.caseId) ?? linked.officeId,
          })),
        ),
  };
};

interface IssueSpec {
  title: string;
  category: RegionalIssueCategory;
  description: string;
  raisedOn: string;
  raisedBy: { userId: string; officeId: string };
  sources: IssueSource[];
  /** Steps after raising, each on a date (a session's, when `session` is given it is linked too). */
  steps: { status: RegionalIssueStatus; on: string; note?: string; session?: LedgerEventRecord }[];
  outcome?: Omit<IssueOutcome, 'at' | 'by'>;
}

const issueOf = (tenantId: string, spec: IssueSpec, index: number, at: string): RegionalIssueRecord => {
  const by = spec.raisedBy.userId;
  const history: IssueStep[] = [
    { status: 'raised', on: spec.raisedOn, note: '', at, by },
    ...spec.steps.map((step) => ({ status: step.status, on: step.on, note: step.note ?? '', at, by })),
  ];
  const sessions = spec.steps.flatMap(({ session }) =>
    session
      ? [
          {
            eventId: session.eventId,
            kind: session.kind,
            heldOn: session.heldOn,
            title: session.title,
            at,
            by,
          },
        ]
      : [],
  );
  return {
    issueId: `demo-${tenantId}-issue-${String(index + 1).padStart(2, '0')}`,
    title: spec.title,
    category: spec.category,
    description: spec.description,
    status: history.at(-1)?.status ?? 'raised',
    raisedOn: spec.raisedOn,
    sources: spec.sources,
    history,
    sessions,
    ...(spec.outcome ? { outcome: { ...spec.outcome, at, by } } : {}),
    raisedByOfficeId: spec.raisedBy.officeId,
    version: history.length + sessions.length + (spec.outcome ? 1 : 0),
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
};

const sessionsOf = (tenantId: string, now: Date) => {
  const events = demoLedgerEvents(tenantId, now).filter(
    (event) => event.kind === 'council_session' || event.kind === 'subcommittee_session',
  );
  const previous = fiscalYearOf(todayInJapan(now)) - 1;
  /** The previous fiscal year's session whose title holds `words`, n-th of them: it always exists. */
  const last = (words: string, nth: number) => {
    const found = events.filter(
      (event) => fiscalYearOf(event.heldOn) === previous && event.title.includes(words),
    );
    const event = found[nth];
    if (!event) throw new Error(`no demo session ${words} #${nth} in ${tenantId}`);
    return event;
  };
  const current = (words: string) =>
    events.filter((event) => fiscalYearOf(event.heldOn) === previous + 1 && event.title.includes(words));
  return { last, current };
};

const KIBOU_CORE = { userId: 'user-takahashi', officeId: 'kibou-core' };
const HIMAWARI = { userId: 'user-sato', officeId: 'himawari' };
const AOZORA = { userId: 'user-tanaka', officeId: 'aozora' };

const kibougaokaSpecs = (now: Date): IssueSpec[] => {
  const today = todayInJapan(now);
  const sources = sourcesOf('kibougaoka', now);
  const { last, current } = sessionsOf('kibougaoka', now);
  const lifeFirst = last('地域移行', 0);
  const councilSecond = last('全体会', 1);
  const councilThird = last('全体会', 2);
  const childrenSecond = last('こども部会', 1);
  const childrenFourth = last('こども部会', 3);
  const lifeThird = last('地域移行', 2);
  const lifeFourth = last('地域移行', 3);
  const childrenNow = current('こども部会').at(-1);
  const specs: IssueSpec[] = [
    {
      title: '家族の急病時に使える短期入所が足りない',
      category: 'short_stay',
      description:
        '家族が急に入院したときに受け入れ先が見つからない事例が複数の事業所で続いている。市内の短期入所は空床が少なく、緊急時の受け入れの仕組みがない。',
      raisedOn: addDays(lifeFirst.heldOn, -21),
      raisedBy: KIBOU_CORE,
      sources: [
        ...sources.meetingsAbout('短期入所').slice(0, 4),
        ...sources.difficultCases('eighty_fifty').slice(0, 1),
      ],
      steps: [
        {
          status: 'under_discussion',
          on: lifeFirst.heldOn,
          note: '部会で各事業所の状況を共有',
          session: lifeFirst,
        },
        {
          status: 'proposal',
          on: councilSecond.heldOn,
          note: '緊急時の空床確保を全体会に提言',
          session: councilSecond,
        },
        {
          status: 'action',
          on: councilThird.heldOn,
          note: '市が空床確保の上乗せ補助を決定',
          session: councilThird,
        },
      ],
      outcome: {
        actionKind: 'extended_hours',
        note: '市内2か所の短期入所で緊急時の空床を確保し、夜間の受け入れ時間を延長した。',
        planRevisionNote: '第8期計画で短期入所の見込量を上方修正',
        recordedOn: councilThird.heldOn,
      },
    },
    {
      title: '医療的ケアに対応した放課後等デイサービスがない',
      category: 'medical_care_day_service',
      description:
        '医療的ケアが必要な子どもが放課後を過ごせる場が市内になく、家族が就労を続けられない。看護職員の確保が課題。',
      raisedOn: addDays(childrenSecond.heldOn, -30),
      raisedBy: KIBOU_CORE,
      sources: sources.meetingsAbout('医療的ケア').slice(0, 3),
      steps: [
        { status: 'under_discussion', on: childrenSecond.heldOn, session: childrenSecond },
        {
          status: 'proposal',
          on: childrenFourth.heldOn,
          note: '看護職員の配置への補助を提言',
          session: childrenFourth,
        },
        { status: 'carried_over', on: councilThird.heldOn, note: '予算化の見通しが立たず次年度に継続' },
        ...(childrenNow && childrenNow.heldOn >= councilThird.heldOn
          ? [{ status: 'under_discussion' as const, on: childrenNow.heldOn, session: childrenNow }]
          : []),
      ],
    },
    {
      title: '休日に使える移動支援の事業所が足りない',
      category: 'transport',
      description: '休日の外出に使える移動支援の事業所が少なく、利用が平日に偏っている。',
      raisedOn: addDays(today, -40),
      raisedBy: HIMAWARI,
      sources: sources.meetingsAbout('移動支援', HIMAWARI.officeId).slice(0, 2),
      steps: [],
    },
    {
      title: '退院後に体験利用できるグループホームが少ない',
      category: 'group_home',
      description: '精神科病院からの地域移行で、退院前に体験利用できるグループホームの枠が少ない。',
      raisedOn: addDays(lifeThird.heldOn, -14),
      raisedBy: KIBOU_CORE,
      sources: [
        ...sources.difficultCases('long_term_hospitalisation'),
        ...sources.supervisionSources(''),
      ].filter((source) => source.officeId === 'midori'),
      steps: [
        { status: 'under_discussion', on: lifeThird.heldOn, session: lifeThird },
        { status: 'proposal', on: lifeFourth.heldOn, session: lifeFourth },
        { status: 'action', on: lifeFourth.heldOn, note: '事業所が体験利用の枠を設けた' },
        { status: 'closed', on: councilThird.heldOn, note: '体験利用の実績を確認して終結' },
      ],
      outcome: {
        actionKind: 'agency_change',
        note: 'グループホーム1か所が体験利用の受け入れ枠を常時1室設けた。',
        planRevisionNote: '',
        recordedOn: lifeFourth.heldOn,
      },
    },
    {
      title: '医療的ケアのある人の家族が休める場がない',
      category: 'short_stay',
      description: '医療的ケアに対応できる短期入所がなく、家族が休息をとれないまま介護を続けている。',
      raisedOn: addDays(today, -7),
      raisedBy: KIBOU_CORE,
      sources: [...sources.difficultCases('medical_care'), ...sources.supervisionSources('')].filter(
        (source) => source.officeId === 'himawari' && source.caseId.endsWith('-025'),
      ),
      steps: [],
    },
    {
      title: '高齢の親が入院したときの支援の流れがない',
      category: 'other',
      description: '高齢の親と暮らす本人の支援で、親の急な入院時に誰が何をするかが決まっていない。',
      raisedOn: addDays(councilSecond.heldOn, -10),
      raisedBy: AOZORA,
      sources: [
        ...sources.difficultCases('eighty_fifty', AOZORA.officeId),
        ...sources.meetingsAbout('短期入所', AOZORA.officeId),
      ].slice(0, 3),
      steps: [
        {
          status: 'under_discussion',
          on: councilSecond.heldOn,
          note: '全体会で事例を共有',
          session: councilSecond,
        },
      ],
    },
  ];
  return specs.filter((spec) => spec.sources.length > 0);
};

const SAKURA = { userId: 'user-yamamoto', officeId: 'hokushin-sakura' };

const HOKUSHIN_CORE = { userId: 'user-nakamura', officeId: 'hokushin-core' };

const hokushinSpecs = (now: Date): IssueSpec[] => {
  const sources = sourcesOf('hokushin', now);
  const sessions = sessionsOf('hokushin', now);
  const subcommittee = sessions.last('地域生活支援部会', 0);
  const council = sessions.last('北信市', 0);
  const specs: IssueSpec[] = [
    {
      title: '家族が急に入院したときに使える短期入所が圏域にない',
      category: 'short_stay',
      description: '町部には短期入所がなく、家族の急な入院時に市部の事業所に頼るしかない。',
      raisedOn: addDays(subcommittee.heldOn, -30),
      raisedBy: SAKURA,
      sources: [
        ...sources.meetingsAbout('短期入所', SAKURA.officeId),
        ...sources.difficultCases('eighty_fifty', SAKURA.officeId),
      ],
      steps: [{ status: 'under_discussion', on: subcommittee.heldOn, session: subcommittee }],
    },
    {
      title: '医療的ケアに対応した日中活動の場が町部にない',
      category: 'medical_care_day_service',
      description: '町部から通える医療的ケアに対応した生活介護・放課後等デイサービスがない。',
      raisedOn: addDays(council.heldOn, -20),
      raisedBy: HOKUSHIN_CORE,
      sources: sources.meetingsAbout('医療的ケア', HOKUSHIN_CORE.officeId),
      steps: [{ status: 'under_discussion', on: council.heldOn, session: council }],
    },
  ];
  return specs.filter((spec) => spec.sources.length > 0);
};

const SPECS: Record<string, (now: Date) => IssueSpec[]> = {
  kibougaoka: kibougaokaSpecs,
  hokushin: hokushinSpecs,
};

export const demoRegionalIssues = (tenantId: string, now: Date): RegionalIssueRecord[] => {
  const at = now.toISOString();
  return (SPECS[tenantId]?.(now) ?? []).map((spec, index) => issueOf(tenantId, spec, index, at));
};

export const demoCouncilItems = (tenantId: string, now: Date): Record<string, unknown>[] =>
  demoRegionalIssues(tenantId, now).map((issue) => regionalIssueItem(tenantId, issue));
