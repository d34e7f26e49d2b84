import {
  addDays,
  todayInJapan,
  type DifficultCategory,
  type DifficultStatus,
  type DifficultyFile,
  type DifficultyHistoryEntry,
  type SharingBasis,
  type Supervision,
  type SupportMeeting,
} from '@kikan/shared';
import type { CaseRecord } from '../src/data/case-store.ts';
import {
  boardEntryOf,
  boardItem,
  difficultyFileItem,
  sharingItem,
  supportMeetingItem,
  type SharingEvent,
} from '../src/data/difficult-store.ts';
import { supervisionItem, supervisionPointerItems } from '../src/data/supervision-store.ts';
import { DEMO_USERS, demoCases, type DemoCase } from './demo-data.ts';

/**
 * Fictional difficult cases (困難事例) at every stage, cases shared with the core center by
 * supervision request, and supervision records, so the core center's board, overdue reviews and
 * supervision pages have content. Escalations rest on a consent the demo records hold
 * (demo-records.ts), except one emergency escalation in a case of abuse. Deterministic for a day.
 *
 * The demo cases get their difficulty and sharing here (withDemoDifficulty), before anything is
 * computed from them, so every figure the seed derives from the cases sees the same state.
 */

const MEETING_AGENCIES = [
  {
    name: '地域包括支援センター',
    contribution: '母の介護保険サービスの見直しを担当し、月1回の同行訪問を行う',
  },
  { name: '生活困窮者自立相談支援機関', contribution: '家計相談を週1回、本人の就労準備支援の案内を行う' },
  { name: '相談支援事業所', contribution: '本人との面談を月2回に増やし、日中活動の見学に同行する' },
  { name: '基幹相談支援センター', contribution: '関係機関の連絡調整と支援会議の進行を担う' },
];

interface StageSpec {
  status: DifficultStatus;
  categories: DifficultCategory[];
  /** Days before the seeding day of each step reached (flag, escalation, acceptance, proposal, approval). */
  flagged: number;
  escalated?: number;
  accepted?: number;
  proposed?: number;
  approved?: number;
  basis?: Extract<SharingBasis, 'escalation' | 'emergency'>;
  /** Support meetings: days ago held, and the review date they set (days from today, negative = past). */
  meetings?: { heldDaysAgo: number; reviewInDays: number }[];
}

type DemoSpec = { caseNumber: number } & (
  | { kind: 'difficulty'; stage: StageSpec }
  | { kind: 'supervision_request'; sharedDaysAgo: number; topic: string }
);

/**
 * Cases chosen clear of the ones the integration tests and the authorisation matrix hold fixed
 * (the first case of each office, the personas' cases, children near 18).
 */
const SPECS: Record<string, DemoSpec[]> = {
  kibougaoka: [
    {
      caseNumber: 14,
      kind: 'difficulty',
      stage: { status: 'flagged', categories: ['young_carer', 'poverty'], flagged: 5 },
    },
    {
      caseNumber: 34,
      kind: 'difficulty',
      stage: {
        status: 'escalated',
        categories: ['eighty_fifty', 'hikikomori'],
        flagged: 20,
        escalated: 3,
        basis: 'escalation',
      },
    },
    {
      caseNumber: 38,
      kind: 'difficulty',
      stage: {
        status: 'accepted',
        categories: ['abuse', 'domestic_violence'],
        flagged: 10,
        escalated: 10,
        accepted: 9,
        basis: 'emergency',
        meetings: [{ heldDaysAgo: 7, reviewInDays: 7 }],
      },
    },
    {
      caseNumber: 25,
      kind: 'difficulty',
      stage: {
        status: 'accepted',
        categories: ['medical_care', 'double_care'],
        flagged: 90,
        escalated: 85,
        accepted: 80,
        basis: 'escalation',
        meetings: [
          { heldDaysAgo: 75, reviewInDays: -30 },
          { heldDaysAgo: 30, reviewInDays: 30 },
        ],
      },
    },
    {
      caseNumber: 58,
      kind: 'difficulty',
      stage: {
        status: 'accepted',
        categories: ['long_term_hospitalisation', 'guardianship'],
        flagged: 120,
        escalated: 115,
        accepted: 110,
        basis: 'escalation',
        meetings: [{ heldDaysAgo: 100, reviewInDays: -14 }],
      },
    },
    {
      caseNumber: 40,
      kind: 'difficulty',
      stage: {
        status: 'closing_proposed',
        categories: ['multi_problem_family', 'poverty'],
        flagged: 200,
        escalated: 190,
        accepted: 185,
        proposed: 2,
        basis: 'escalation',
        meetings: [{ heldDaysAgo: 60, reviewInDays: 10 }],
      },
    },
    {
      caseNumber: 64,
      kind: 'difficulty',
      stage: {
        status: 'closed',
        categories: ['offender_support'],
        flagged: 300,
        escalated: 290,
        accepted: 285,
        proposed: 40,
        approved: 35,
        basis: 'escalation',
        meetings: [{ heldDaysAgo: 250, reviewInDays: -180 }],
      },
    },
    {
      caseNumber: 49,
      kind: 'supervision_request',
      sharedDaysAgo: 15,
      topic: '本人の意思決定支援の進め方について助言がほしい',
    },
  ],
  hokushin: [
    {
      caseNumber: 7,
      kind: 'difficulty',
      stage: {
        status: 'accepted',
        categories: ['eighty_fifty'],
        flagged: 60,
        escalated: 55,
        accepted: 50,
        basis: 'escalation',
        meetings: [{ heldDaysAgo: 40, reviewInDays: -3 }],
      },
    },
    {
      caseNumber: 10,
      kind: 'difficulty',
      stage: { status: 'flagged', categories: ['hikikomori'], flagged: 12 },
    },
  ],
};

const caseIdOf = (tenantId: string, caseNumber: number) =>
  `demo-${tenantId}-case-${String(caseNumber).padStart(3, '0')}`;

const specsOf = (tenantId: string) =>
  (SPECS[tenantId] ?? []).map((spec) => ({ ...spec, caseId: caseIdOf(tenantId, spec.caseNumber) }));

/** The demo cases carry the seeding moment: every date here is counted back from that day. */
const todayOf = (record: CaseRecord) => todayInJapan(new Date(record.createdAt));

/** A step's day, never before the case was opened. */
const dayOf = (record: CaseRecord, daysAgo: number) => {
  const day = addDays(todayOf(record), -daysAgo);
  return day < record.openedOn ? record.openedOn : day;
};

const coreUserOf = (tenantId: string) =>
  DEMO_USERS.find((user) => user.tenantId === tenantId && user.role === 'core_supervisor')?.userId ??
  'user-admin';

/** The difficulty file of a spec'd case, as the routes would have left it. */
const fileOf = (record: CaseRecord, stage: StageSpec): DifficultyFile => {
  const at = record.createdAt;
  const core = coreUserOf(record.tenantId);
  const office = record.specialistUserId;
  const steps: [DifficultStatus, number | undefined, string][] = [
    ['flagged', stage.flagged, office],
    ['escalated', stage.escalated, office],
    ['accepted', stage.accepted, core],
    ['closing_proposed', stage.proposed, office],
    ['closed', stage.approved, core],
  ];
  const history: DifficultyHistoryEntry[] = steps.flatMap(([status, daysAgo, by]) =>
    daysAgo === undefined ? [] : [{ status, on: dayOf(record, daysAgo), at, by }],
  );
  const lastMeeting = stage.meetings?.at(-1);
  const escalatedOn = stage.escalated === undefined ? undefined : dayOf(record, stage.escalated);
  const outcome =
    '関係機関の役割分担が定着し、本人と家族が自ら相談できる先が3か所に増えた。定期的な見守りは相談支援事業所のモニタリングで継続する。';
  return {
    caseId: record.caseId,
    officeId: record.officeId,
    episodeId: `${record.caseId}-difficulty-1`,
    status: stage.status,
    categories: stage.categories,
    note: '家族全体への支援が必要。単独の事業所では対応が難しく、関係機関の連携が必要。',
    flaggedOn: dayOf(record, stage.flagged),
    ...(escalatedOn
      ? {
          escalation: {
            on: escalatedOn,
            reason: '複数の課題が重なり、相談支援事業所だけでは支援の調整が難しいため。',
            basis: stage.basis ?? 'escalation',
            ...(stage.basis === 'emergency'
              ? {
                  emergencyReason:
                    '身体的虐待の疑いがあり、市への通報と並行して緊急に支援体制を組む必要がある。',
                }
              : {}),
          },
        }
      : {}),
    ...(stage.accepted === undefined ? {} : { acceptedOn: dayOf(record, stage.accepted) }),
    ...(lastMeeting && stage.status !== 'closed'
      ? { nextReviewOn: addDays(todayOf(record), lastMeeting.reviewInDays) }
      : {}),
    ...(stage.proposed === undefined
      ? {}
      : {
          closure: {
            outcome,
            proposedOn: dayOf(record, stage.proposed),
            proposedBy: office,
            ...(stage.approved === undefined
              ? {}
              : { approvedOn: dayOf(record, stage.approved), approvedBy: core }),
          },
        }),
    history,
    revision: history.length + (stage.meetings?.length ?? 0),
    createdAt: at,
    updatedAt: at,
  };
};

const meetingsOf = (record: CaseRecord, stage: StageSpec): SupportMeeting[] =>
  (stage.meetings ?? []).map((meeting, index) => {
    const heldOn = dayOf(record, meeting.heldDaysAgo);
    const meetingId = `${record.caseId}-support-${index + 1}`;
    return {
      meetingId,
      caseId: record.caseId,
      episodeId: `${record.caseId}-difficulty-1`,
      heldOn,
      agencies: MEETING_AGENCIES.slice(index % 2, (index % 2) + 3),
      summary:
        '各機関が少しずつ役割を広げる（49:51を51:49に）ことを確認した。本人の希望を中心に、次回までの役割を決めた。',
      assignments: [
        {
          assignmentId: `${meetingId}-a`,
          who: '地域包括支援センター',
          what: '母の担当ケアマネジャーと情報共有する',
          dueOn: addDays(heldOn, 14),
        },
        {
          assignmentId: `${meetingId}-b`,
          who: '相談支援事業所',
          what: '日中活動の体験利用を2か所調整する',
          dueOn: addDays(heldOn, 21),
        },
      ],
      nextReviewOn: addDays(todayOf(record), meeting.reviewInDays),
      createdAt: record.createdAt,
      createdBy: coreUserOf(record.tenantId),
    };
  });

/**
 * The demo cases with their difficulty and sharing: pure, (cases) => cases, so the seed applies it
 * before deriving anything from the cases. Cases not spec'd here come back unchanged.
 */
export const withDemoDifficulty = (cases: DemoCase[]): DemoCase[] =>
  cases.map((demoCase) => {
    const { record } = demoCase;
    const spec = specsOf(record.tenantId).find((candidate) => candidate.caseId === record.caseId);
    if (!spec) return demoCase;
    if (spec.kind === 'supervision_request') {
      return {
        ...demoCase,
        record: {
          ...record,
          sharedWithCore: true,
          sharing: { basis: 'supervision_request', since: dayOf(record, spec.sharedDaysAgo) },
        },
      };
    }
    const file = fileOf(record, spec.stage);
    return {
      ...demoCase,
      record: {
        ...record,
        difficulty: { status: file.status, categories: file.categories, flaggedOn: file.flaggedOn },
        ...(file.escalation
          ? { sharedWithCore: true, sharing: { basis: file.escalation.basis, since: file.escalation.on } }
          : {}),
      },
    };
  });

const sharingEventOf = (record: CaseRecord, reason: string): SharingEvent | null =>
  record.sharing
    ? {
        recordId: `${record.caseId}-shared-1`,
        caseId: record.caseId,
        event: 'shared',
        basis: record.sharing.basis,
        reason,
        on: record.sharing.since,
        createdAt: record.createdAt,
        createdBy: record.specialistUserId,
      }
    : null;

const userIdOf = (email: string) => DEMO_USERS.find((user) => user.email === email)?.userId ?? 'user-admin';

interface SupervisionSpec {
  kind: Supervision['kind'];
  heldDaysAgo: number;
  specialists: string[];
  topics: string[];
  summary: string;
  caseNumbers: number[];
  followUps: { what: string; who: string; dueInDays: number; doneDaysAgo?: number }[];
}

const SUPERVISIONS: Record<string, SupervisionSpec[]> = {
  kibougaoka: [
    {
      kind: 'individual',
      heldDaysAgo: 40,
      specialists: ['sato@kibou.example'],
      topics: ['医療的ケア児の家族支援', '支援会議の進め方'],
      summary: '家族の負担が母に集中している点を確認。支援会議で各機関の役割を具体的にすることを助言した。',
      caseNumbers: [25],
      followUps: [
        { what: '訪問看護ステーションとの連絡票を作る', who: '佐藤', dueInDays: -20, doneDaysAgo: 22 },
        { what: '短期入所の空き状況を確認する', who: '佐藤', dueInDays: 10 },
      ],
    },
    {
      kind: 'group',
      heldDaysAgo: 25,
      specialists: ['suzuki@kibou.example', 'tanaka@kibou.example'],
      topics: ['8050世帯へのアプローチ', 'セルフプランの理由の聞き取り'],
      summary: '高齢の親と暮らす世帯への関わり方を事例をもとに検討した。地域包括支援センターとの協働を確認。',
      caseNumbers: [34],
      followUps: [
        { what: '地域包括支援センターと合同訪問の日程を調整する', who: '鈴木', dueInDays: -5 },
        { what: 'セルフプランの理由を聞き取る様式を見直す', who: '田中', dueInDays: 20 },
      ],
    },
    {
      kind: 'individual',
      heldDaysAgo: 10,
      specialists: ['kobayashi@kibou.example'],
      topics: ['長期入院者の退院意欲の引き出し方'],
      summary: '本人の「やってみたい」を言葉にする面接の工夫を一緒に考えた。',
      caseNumbers: [58],
      followUps: [{ what: '病院の精神保健福祉士とケース会議を開く', who: '小林', dueInDays: 14 }],
    },
    {
      kind: 'group',
      heldDaysAgo: 60,
      specialists: ['sato@kibou.example', 'suzuki@kibou.example', 'kobayashi@kibou.example'],
      topics: ['アセスメント面接の振り返り'],
      summary: '各自のアセスメント記録を持ち寄り、本人の言葉の記録の仕方を確認した。',
      caseNumbers: [],
      followUps: [{ what: '各自1事例のアセスメントを本人の言葉で書き直す', who: '全員', dueInDays: 30 }],
    },
  ],
  hokushin: [
    {
      kind: 'individual',
      heldDaysAgo: 20,
      specialists: ['yamamoto@hokushin.example'],
      topics: ['8050世帯の親の入院時の対応'],
      summary: '親の急な入院に備え、緊急時の連絡先と短期入所の利用手順を整理した。',
      caseNumbers: [7],
      followUps: [
        { what: '短期入所事業所と緊急時の受け入れを事前に相談する', who: '山本', dueInDays: -2 },
        { what: '親の主治医と緊急時の連絡方法を確認する', who: '山本', dueInDays: 10 },
        { what: '次回のスーパービジョンで経過を共有する', who: '中村', dueInDays: 30 },
      ],
    },
  ],
};

export const demoSupervisions = (tenantId: string, now: Date, cases: DemoCase[]): Supervision[] => {
  const today = todayInJapan(now);
  const at = now.toISOString();
  const officeOf = new Map(cases.map(({ record }) => [record.caseId, record.officeId]));
  return (SUPERVISIONS[tenantId] ?? []).map((spec, index) => {
    const supervisionId = `demo-${tenantId}-supervision-${index + 1}`;
    const heldOn = addDays(today, -spec.heldDaysAgo);
    return {
      supervisionId,
      kind: spec.kind,
      heldOn,
      supervisorUserId: coreUserOf(tenantId),
      specialistUserIds: spec.specialists.map(userIdOf),
      topics: spec.topics,
      summary: spec.summary,
      cases: spec.caseNumbers.map((caseNumber) => {
        const caseId = caseIdOf(tenantId, caseNumber);
        return { caseId, officeId: officeOf.get(caseId) ?? '' };
      }),
      followUps: spec.followUps.map((followUp, followUpIndex) => ({
        followUpId: `${supervisionId}-f${followUpIndex + 1}`,
        what: followUp.what,
        who: followUp.who,
        dueOn: addDays(today, followUp.dueInDays),
        ...(followUp.doneDaysAgo === undefined ? {} : { doneOn: addDays(today, -followUp.doneDaysAgo) }),
      })),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  });
};

/** The records of the spec'd cases (files, meetings, board items, sharing) and the supervisions. */
export const demoDifficultItems = (tenantId: string, now: Date): Record<string, unknown>[] => {
  const cases = withDemoDifficulty(demoCases(tenantId, now));
  const byId = new Map(cases.map(({ record }) => [record.caseId, record]));
  const items = specsOf(tenantId).flatMap((spec) => {
    const record = byId.get(spec.caseId);
    if (!record) return [];
    if (spec.kind === 'supervision_request') {
      const sharing = sharingEventOf(record, spec.topic);
      return sharing ? [sharingItem(tenantId, sharing)] : [];
    }
    const file = fileOf(record, spec.stage);
    const sharing = sharingEventOf(record, file.escalation?.reason ?? '');
    return [
      difficultyFileItem(tenantId, file),
      boardItem(tenantId, boardEntryOf(file)),
      ...meetingsOf(record, spec.stage).map((meeting) => supportMeetingItem(tenantId, meeting)),
      ...(sharing ? [sharingItem(tenantId, sharing)] : []),
    ];
  });
  return [
    ...items,
    ...demoSupervisions(tenantId, now, cases).flatMap((supervision) => [
      supervisionItem(tenantId, supervision),
      ...supervisionPointerItems(tenantId, supervision),
    ]),
  ];
};
