import { fiscalYearOf, todayInJapan, type LedgerEventKind, type SeniorSpecialist } from '@kikan/shared';
import { ledgerEventItems, seniorSpecialistItem, type LedgerEventRecord } from '../src/data/ledger-store.ts';

/**
 * Fictional capacity-building ledger for the demo tenants: the previous fiscal year in full and
 * the current one up to today (monthly advice visits, trainings, collaboration activities, case
 * reviews, council and sub-committee sessions), and the senior specialist roster with dates.
 * Deterministic for a given day; every name is invented.
 */

interface EventSpec {
  kind: LedgerEventKind;
  /** Month of the fiscal year, 4 = April … 3 = March, and the day. */
  month: number;
  day: number;
  title: string;
  officeIds: string[];
  organisations?: string[];
  unnamedOrganisationCount?: number;
  participantCount: number;
  municipalityCode?: string;
  caseIds?: string[];
  notes?: string;
}

const FISCAL_MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];

const dateIn = (fiscalYear: number, month: number, day: number): string =>
  `${month >= 4 ? fiscalYear : fiscalYear + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const KIBOU_OFFICES = ['himawari', 'aozora', 'midori'];
const KIBOU_OFFICE_NAMES: Record<string, string> = {
  himawari: 'ひまわり',
  aozora: 'あおぞら',
  midori: 'みどり',
};
const KIBOU_ADVICE = [
  '計画作成とモニタリング記録の確認・助言',
  'セルフプラン利用者への関わり方の助言',
  '困難事例の支援方針についての助言',
  '新任相談支援専門員への同行支援',
];
const kibouCase = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;
const COUNCIL_MEMBERS = [
  '希望が丘市 障害福祉課',
  '希望が丘市社会福祉協議会',
  '希望が丘公共職業安定所',
  '県立希望が丘特別支援学校',
  '希望が丘市立総合病院 地域連携室',
  '希望が丘市地域包括支援センター',
  '希望が丘市民生委員児童委員協議会',
  '希望が丘市手をつなぐ育成会',
];

const kibougaokaSpecs = (): EventSpec[] => [
  // Two advice visits a month, the offices in turn.
  ...FISCAL_MONTHS.flatMap((month, index): EventSpec[] =>
    [0, 1].map((slot) => {
      const officeId = KIBOU_OFFICES[(index + slot) % KIBOU_OFFICES.length] ?? 'aozora';
      return {
        kind: 'advice_visit',
        month,
        day: slot ? 24 : 10,
        title: `${KIBOU_OFFICE_NAMES[officeId]}訪問：${KIBOU_ADVICE[(index * 2 + slot) % KIBOU_ADVICE.length]}`,
        officeIds: [officeId],
        participantCount: 2 + ((index + slot) % 3),
      };
    }),
  ),
  {
    kind: 'training',
    month: 6,
    day: 14,
    title: '相談支援専門員 現任研修（アセスメントと本人の思い）',
    officeIds: ['himawari', 'aozora', 'midori', 'kibou-core'],
    organisations: ['県相談支援専門員協会'],
    participantCount: 24,
  },
  {
    kind: 'training',
    month: 9,
    day: 12,
    title: '意思決定支援研修',
    officeIds: ['aozora', 'midori', 'kibou-core'],
    organisations: ['県相談支援専門員協会', '希望が丘市社会福祉協議会'],
    participantCount: 19,
  },
  {
    kind: 'training',
    month: 11,
    day: 8,
    title: '障害児支援利用計画の書き方 実務研修',
    officeIds: ['himawari', 'kibou-core'],
    organisations: ['こども発達ルームそら'],
    participantCount: 12,
  },
  {
    kind: 'training',
    month: 2,
    day: 7,
    title: '虐待防止・権利擁護研修',
    officeIds: ['himawari', 'aozora', 'midori', 'kibou-core', 'kibou-city'],
    organisations: ['希望が丘警察署 生活安全課', '県障害者権利擁護センター'],
    unnamedOrganisationCount: 6,
    participantCount: 41,
  },
  {
    kind: 'collaboration',
    month: 5,
    day: 22,
    title: '精神科病院との退院支援連携会議',
    officeIds: ['midori', 'kibou-core'],
    organisations: ['希望が丘こころの病院 地域連携室', '希望が丘市保健センター'],
    participantCount: 9,
  },
  {
    kind: 'collaboration',
    month: 8,
    day: 20,
    title: '特別支援学校との移行支援連絡会',
    officeIds: ['himawari', 'aozora'],
    organisations: ['県立希望が丘特別支援学校', '希望が丘公共職業安定所'],
    participantCount: 14,
  },
  {
    kind: 'collaboration',
    month: 10,
    day: 16,
    title: '地域包括支援センターとの65歳移行連絡会',
    officeIds: ['aozora', 'kibou-core'],
    organisations: ['希望が丘市地域包括支援センター', '居宅介護支援事業所さくらんぼ'],
    participantCount: 8,
  },
  {
    kind: 'collaboration',
    month: 1,
    day: 23,
    title: '医療的ケア児等コーディネーター連絡会',
    officeIds: ['himawari', 'kibou-core'],
    organisations: ['希望が丘市立総合病院 地域連携室', '訪問看護ステーションあさひ'],
    participantCount: 10,
  },
  {
    kind: 'case_review',
    month: 7,
    day: 17,
    title: '事例検討会：放課後の居場所と家族支援',
    officeIds: ['himawari', 'aozora', 'kibou-core'],
    organisations: ['こども発達ルームそら'],
    participantCount: 13,
    caseIds: [kibouCase(5), kibouCase(12)],
  },
  {
    kind: 'case_review',
    month: 10,
    day: 30,
    title: '事例検討会：8050世帯への支援',
    officeIds: ['aozora', 'midori', 'kibou-core'],
    organisations: ['希望が丘市地域包括支援センター'],
    participantCount: 11,
    caseIds: [kibouCase(33), kibouCase(41), kibouCase(58)],
  },
  {
    kind: 'case_review',
    month: 12,
    day: 11,
    title: '事例検討会：長期入院からの地域移行',
    officeIds: ['midori', 'kibou-core'],
    organisations: ['希望が丘こころの病院 地域連携室'],
    participantCount: 7,
    caseIds: [kibouCase(56)],
  },
  {
    kind: 'case_review',
    month: 3,
    day: 5,
    title: '事例検討会：セルフプランから計画相談へ',
    officeIds: ['himawari', 'aozora', 'midori', 'kibou-core'],
    participantCount: 15,
    caseIds: [kibouCase(5), kibouCase(32)],
  },
  ...[
    [6, 27, '第1回 希望が丘市自立支援協議会 全体会'],
    [11, 21, '第2回 希望が丘市自立支援協議会 全体会'],
    [3, 19, '第3回 希望が丘市自立支援協議会 全体会（計画の進捗評価）'],
  ].map(([month, day, title]): EventSpec => ({
    kind: 'council_session',
    month: Number(month),
    day: Number(day),
    title: String(title),
    officeIds: ['himawari', 'aozora', 'midori', 'kibou-core', 'kibou-city'],
    organisations: COUNCIL_MEMBERS,
    unnamedOrganisationCount: 4,
    participantCount: 26,
  })),
  ...[5, 8, 11, 2].flatMap((month): EventSpec[] => [
    {
      kind: 'subcommittee_session',
      month,
      day: 15,
      title: 'こども部会',
      officeIds: ['himawari', 'kibou-core'],
      organisations: ['県立希望が丘特別支援学校', 'こども発達ルームそら', '希望が丘市子ども家庭課'],
      participantCount: 11,
    },
    {
      kind: 'subcommittee_session',
      month,
      day: 26,
      title: '地域移行・地域生活支援部会',
      officeIds: ['midori', 'aozora', 'kibou-core'],
      organisations: ['希望が丘こころの病院 地域連携室', 'グループホームかえで'],
      participantCount: 9,
    },
  ]),
];

const hokushinSpecs = (): EventSpec[] => [
  {
    kind: 'advice_visit',
    month: 5,
    day: 19,
    title: 'さくら訪問：計画相談の記録の助言',
    officeIds: ['hokushin-sakura'],
    participantCount: 2,
  },
  {
    kind: 'advice_visit',
    month: 10,
    day: 6,
    title: 'さくら訪問：川辺町の利用者のモニタリング同行',
    officeIds: ['hokushin-sakura'],
    participantCount: 3,
    municipalityCode: '990012',
  },
  {
    kind: 'training',
    month: 7,
    day: 9,
    title: '北信圏域 相談支援従事者研修（川辺町会場）',
    officeIds: ['hokushin-sakura', 'hokushin-core'],
    organisations: ['川辺町 福祉課', '川辺町社会福祉協議会'],
    participantCount: 16,
    municipalityCode: '990012',
  },
  {
    kind: 'case_review',
    month: 9,
    day: 25,
    title: '事例検討会：川辺町のひきこもり支援',
    officeIds: ['hokushin-sakura', 'hokushin-core'],
    organisations: ['川辺町 保健センター'],
    participantCount: 8,
    municipalityCode: '990012',
    caseIds: ['demo-hokushin-case-002'],
  },
  {
    kind: 'collaboration',
    month: 12,
    day: 4,
    title: '北信市 就労支援ネットワーク会議',
    officeIds: ['hokushin-core'],
    organisations: ['北信公共職業安定所', '就労移行支援事業所みらい'],
    participantCount: 10,
  },
  {
    kind: 'council_session',
    month: 7,
    day: 30,
    title: '北信市 地域自立支援協議会',
    officeIds: ['hokushin-sakura', 'hokushin-core'],
    organisations: ['北信市 障害福祉課', '北信市社会福祉協議会', '北信総合病院'],
    unnamedOrganisationCount: 5,
    participantCount: 20,
    municipalityCode: '990011',
  },
  {
    kind: 'council_session',
    month: 2,
    day: 18,
    title: '川辺町 地域自立支援協議会',
    officeIds: ['hokushin-core'],
    organisations: ['川辺町 福祉課', '川辺町社会福祉協議会'],
    unnamedOrganisationCount: 3,
    participantCount: 12,
    municipalityCode: '990012',
  },
  {
    kind: 'subcommittee_session',
    month: 11,
    day: 13,
    title: '北信圏域 地域生活支援部会',
    officeIds: ['hokushin-sakura', 'hokushin-core'],
    organisations: ['グループホームやまびこ'],
    participantCount: 7,
  },
];

const TENANT_LEDGER: Record<string, { keeper: string; specs: () => EventSpec[] }> = {
  kibougaoka: { keeper: 'user-takahashi', specs: kibougaokaSpecs },
  hokushin: { keeper: 'user-nakamura', specs: hokushinSpecs },
};

/** Where an event counts unless its spec says otherwise: the member municipality of the demo offices. */
const FIRST_MEMBER: Record<string, string> = { kibougaoka: '990001', hokushin: '990011' };

export const demoLedgerEvents = (tenantId: string, now: Date): LedgerEventRecord[] => {
  const ledger = TENANT_LEDGER[tenantId];
  if (!ledger) return [];
  const today = todayInJapan(now);
  const current = fiscalYearOf(today);
  const at = now.toISOString();
  return [current - 1, current].flatMap((fiscalYear) =>
    ledger
      .specs()
      .map((spec) => ({ spec, heldOn: dateIn(fiscalYear, spec.month, spec.day) }))
      .filter(({ heldOn }) => heldOn <= today)
      .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
      .map(({ spec, heldOn }, index) => ({
        eventId: `demo-${tenantId}-ledger-${fiscalYear}-${String(index + 1).padStart(3, '0')}`,
        kind: spec.kind,
        heldOn,
        title: spec.title,
        officeIds: spec.officeIds,
        organisations: spec.organisations ?? [],
        unnamedOrganisationCount: spec.unnamedOrganisationCount ?? 0,
        participantCount: spec.participantCount,
        municipalityCode: spec.municipalityCode ?? FIRST_MEMBER[tenantId] ?? '',
        caseIds: spec.caseIds ?? [],
        notes: '',
        version: 1,
        createdAt: at,
        createdBy: ledger.keeper,
        updatedAt: at,
        updatedBy: ledger.keeper,
      })),
  );
};

interface RosterSpec {
  officeId: string;
  userId?: string;
  name: string;
  /** Fiscal years before the current one, and the month and day of certification. */
  yearsBack: number;
  certified: string;
  /** The period ended on 31 March of the previous fiscal year. */
  endedLastYear?: boolean;
}

/** The users marked senior in demo-data.ts, and one senior without an account who left. */
const ROSTER: Record<string, RosterSpec[]> = {
  kibougaoka: [
    { officeId: 'himawari', userId: 'user-sato', name: '佐藤 美咲', yearsBack: 3, certified: '07-01' },
    { officeId: 'aozora', userId: 'user-tanaka', name: '田中 陽子', yearsBack: 1, certified: '10-01' },
    { officeId: 'kibou-core', userId: 'user-takahashi', name: '高橋 誠', yearsBack: 6, certified: '04-01' },
    { officeId: 'midori', name: '前田 聡子', yearsBack: 5, certified: '06-01', endedLastYear: true },
  ],
  hokushin: [
    {
      officeId: 'hokushin-core',
      userId: 'user-nakamura',
      name: '中村 由美',
      yearsBack: 2,
      certified: '11-15',
    },
  ],
};

export const demoSeniorSpecialists = (tenantId: string, now: Date): SeniorSpecialist[] => {
  const current = fiscalYearOf(todayInJapan(now));
  const at = now.toISOString();
  const keeper = TENANT_LEDGER[tenantId]?.keeper ?? 'user-admin';
  return (ROSTER[tenantId] ?? []).map((spec, index) => ({
    seniorId: `demo-${tenantId}-senior-${String(index + 1).padStart(2, '0')}`,
    officeId: spec.officeId,
    ...(spec.userId ? { userId: spec.userId } : {}),
    name: spec.name,
    certifiedOn: `${current - spec.yearsBack}-${spec.certified}`,
    ...(spec.endedLastYear ? { endedOn: `${current}-03-31` } : {}),
    version: 1,
    createdAt: at,
    createdBy: keeper,
    updatedAt: at,
    updatedBy: keeper,
  }));
};

export const demoLedgerItems = (tenantId: string, now: Date): Record<string, unknown>[] => [
  ...demoLedgerEvents(tenantId, now).flatMap((event) => {
    const { event: item, copies } = ledgerEventItems(tenantId, event);
    return [item, ...copies];
  }),
  ...demoSeniorSpecialists(tenantId, now).map((entry) => seniorSpecialistItem(tenantId, entry)),
];
