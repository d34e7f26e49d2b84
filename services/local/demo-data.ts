import {
  addDays,
  addMonths,
  monitoringStatus,
  todayInJapan,
  type CasePhase,
  type DisabilityCategory,
  type MonitoringPeriodMonths,
  type Office,
  type Person,
  type Role,
  type SelfPlanReason,
  type ServiceKind,
  type ServiceUseStatus,
  type SupportLevel,
  type Tenant,
  type User,
} from '@kikan/shared';
import type { CaseRecord } from '../src/data/case-store.ts';

/**
 * Fictional demo data: two tenants, their offices and staff, and about 80 people with cases
 * spread over offices, phases, ages (children near 18, adults near 65) and service kinds.
 * Every name here is invented. Generation is deterministic for a given day.
 */

export const DEMO_TENANTS: Tenant[] = [
  {
    tenantId: 'kibougaoka',
    name: '希望が丘市',
    kind: 'municipality',
    members: [{ code: '990001', name: '希望が丘市' }],
  },
  {
    tenantId: 'hokushin',
    name: '北信圏域',
    kind: 'joint_region',
    members: [
      { code: '990011', name: '北信市' },
      { code: '990012', name: '川辺町' },
    ],
  },
];

export const DEMO_OFFICES: Record<string, Office[]> = {
  kibougaoka: [
    {
      officeId: 'himawari',
      name: '障害児相談支援事業所ひまわり',
      type: 'child_plan_consultation',
      operator: '社会福祉法人ひまわり会',
      officeNumber: '1290000011',
      municipalityCode: '990001',
    },
    {
      officeId: 'aozora',
      name: '相談支援事業所あおぞら',
      type: 'plan_consultation',
      operator: '特定非営利活動法人あおぞら',
      officeNumber: '1290000029',
      municipalityCode: '990001',
    },
    {
      officeId: 'midori',
      name: '地域移行支援センターみどり',
      type: 'community_transition',
      operator: '医療法人みどり会',
      officeNumber: '1290000037',
      municipalityCode: '990001',
    },
    {
      officeId: 'kibou-core',
      name: '希望が丘市基幹相談支援センター',
      type: 'core_center',
      operator: '社会福祉法人希望が丘市社会福祉協議会',
      municipalityCode: '990001',
    },
    {
      officeId: 'kibou-city',
      name: '希望が丘市 障害福祉課',
      type: 'municipal_division',
      operator: '希望が丘市',
      municipalityCode: '990001',
    },
  ],
  hokushin: [
    {
      officeId: 'hokushin-sakura',
      name: '相談支援センターさくら',
      type: 'plan_consultation',
      operator: '社会福祉法人北信福祉会',
      officeNumber: '2090000015',
      municipalityCode: '990011',
    },
    {
      officeId: 'hokushin-core',
      name: '北信圏域基幹相談支援センター',
      type: 'core_center',
      operator: '北信圏域障害者支援協議会',
      municipalityCode: '990011',
    },
  ],
};

const user = (
  tenantId: string,
  userId: string,
  email: string,
  displayName: string,
  role: Role,
  officeId: string,
  senior = false,
): User => ({ tenantId, userId, email, displayName, role, officeId, senior });

export const DEMO_USERS: User[] = [
  user('kibougaoka', 'user-sato', 'sato@kibou.example', '佐藤 美咲', 'specialist', 'himawari', true),
  user('kibougaoka', 'user-suzuki', 'suzuki@kibou.example', '鈴木 健一', 'specialist', 'aozora'),
  user('kibougaoka', 'user-tanaka', 'tanaka@kibou.example', '田中 陽子', 'office_manager', 'aozora', true),
  user('kibougaoka', 'user-kobayashi', 'kobayashi@kibou.example', '小林 大輔', 'specialist', 'midori'),
  user(
    'kibougaoka',
    'user-takahashi',
    'takahashi@kibou.example',
    '高橋 誠',
    'core_supervisor',
    'kibou-core',
    true,
  ),
  user('kibougaoka', 'user-ito', 'ito@kibou.example', '伊藤 直子', 'municipal_officer', 'kibou-city'),
  user('kibougaoka', 'user-admin', 'admin@kibou.example', '管理 太郎', 'tenant_admin', 'kibou-city'),
  user(
    'hokushin',
    'user-yamamoto',
    'yamamoto@hokushin.example',
    '山本 翔太',
    'specialist',
    'hokushin-sakura',
  ),
  user(
    'hokushin',
    'user-nakamura',
    'nakamura@hokushin.example',
    '中村 由美',
    'core_supervisor',
    'hokushin-core',
    true,
  ),
];

const FAMILY_NAMES: [string, string][] = [
  ['青木', 'アオキ'],
  ['石井', 'イシイ'],
  ['上田', 'ウエダ'],
  ['遠藤', 'エンドウ'],
  ['大野', 'オオノ'],
  ['加藤', 'カトウ'],
  ['木村', 'キムラ'],
  ['工藤', 'クドウ'],
  ['小松', 'コマツ'],
  ['斎藤', 'サイトウ'],
  ['清水', 'シミズ'],
  ['杉山', 'スギヤマ'],
  ['関口', 'セキグチ'],
  ['高木', 'タカギ'],
  ['千葉', 'チバ'],
  ['土屋', 'ツチヤ'],
  ['中島', 'ナカジマ'],
  ['西田', 'ニシダ'],
  ['野口', 'ノグチ'],
  ['橋本', 'ハシモト'],
  ['藤田', 'フジタ'],
  ['本田', 'ホンダ'],
  ['松本', 'マツモト'],
  ['森', 'モリ'],
  ['矢野', 'ヤノ'],
];
const GIVEN_NAMES: [string, string][] = [
  ['蓮', 'レン'],
  ['陽葵', 'ヒマリ'],
  ['湊', 'ミナト'],
  ['凛', 'リン'],
  ['大翔', 'ヒロト'],
  ['結菜', 'ユイナ'],
  ['悠真', 'ユウマ'],
  ['芽依', 'メイ'],
  ['健太', 'ケンタ'],
  ['美穂', 'ミホ'],
  ['浩二', 'コウジ'],
  ['恵子', 'ケイコ'],
  ['和夫', 'カズオ'],
  ['幸子', 'サチコ'],
  ['翼', 'ツバサ'],
  ['彩花', 'アヤカ'],
  ['拓海', 'タクミ'],
  ['真由', 'マユ'],
  ['誠司', 'セイジ'],
  ['典子', 'ノリコ'],
  ['隆', 'タカシ'],
];

const PHASES: CasePhase[] = [
  'intake',
  'assessment',
  'planning',
  'implementation',
  'monitoring',
  'monitoring',
  'monitoring',
];
const CATEGORY_SETS: DisabilityCategory[][] = [
  ['intellectual'],
  ['developmental'],
  ['physical'],
  ['mental'],
  ['intellectual', 'developmental'],
  ['severe_multiple', 'medical_care'],
  ['physical', 'intellectual'],
  ['intractable_disease'],
  ['higher_brain_dysfunction'],
];
const FAMILY_SITUATIONS = [
  '両親と同居。母が主な介護者。',
  'ひとり親家庭。祖母が送迎を手伝っている。',
  '単身生活。近隣に兄が住む。',
  '高齢の母と二人暮らし（8050の状況）。',
  'きょうだいにも支援が必要。',
  'グループホームで生活。',
  '配偶者と同居。',
];

interface CaseSpec {
  officeId: string;
  specialistUserId: string;
  serviceKind: ServiceKind;
  /** Age in years and days past the birthday, relative to the seeding day. */
  age: number;
  daysPastBirthday: number;
  municipalityCode: string;
  planAuthor?: 'specialist' | 'self_plan';
  selfPlanReason?: SelfPlanReason;
}

export interface DemoCase {
  person: Person;
  record: CaseRecord;
}

const maxDate = (a: string, b: string): string => (a > b ? a : b);

const birthDateFor = (today: string, age: number, daysPastBirthday: number): string =>
  addDays(`${Number(today.slice(0, 4)) - age}${today.slice(4)}`, -daysPastBirthday);

const supportLevelFor = (age: number, index: number): SupportLevel =>
  age < 18 ? 'not_assessed' : ((['2', '3', '4', '1', '5', '6', 'none'] as const)[index % 7] ?? '3');

/** Ages chosen so the caseload has children close to 18 and adults close to 65 in every run. */
const specsFor = (tenantId: string): CaseSpec[] => {
  const specs: CaseSpec[] = [];
  if (tenantId === 'kibougaoka') {
    const childAges = [
      2, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15, 16, 16, 17, 17, 17, 17, 3, 9, 12, 14, 8, 10, 13,
    ];
    childAges.forEach((age, index) =>
      specs.push({
        officeId: 'himawari',
        specialistUserId: 'user-sato',
        serviceKind: 'child_plan_consultation',
        age,
        // The last four 17-year-olds and one 5-year-old turn 18 / 6 within the next months.
        daysPastBirthday:
          age === 17 && index >= 18
            ? 365 - 30 * (index - 17)
            : age === 5 && index === 3
              ? 300
              : (index * 37) % 330,
        municipalityCode: '990001',
        planAuthor: index % 9 === 4 ? 'self_plan' : 'specialist',
        selfPlanReason: index % 9 === 4 ? (index % 2 ? 'no_office_available' : 'family_wish') : undefined,
      }),
    );
    const adultAges = [
      19, 22, 25, 28, 31, 34, 37, 39, 42, 45, 48, 51, 54, 57, 60, 62, 64, 64, 64, 33, 46, 29, 58, 40, 23, 36,
    ];
    adultAges.forEach((age, index) =>
      specs.push({
        officeId: 'aozora',
        specialistUserId: index % 3 === 2 ? 'user-tanaka' : 'user-suzuki',
        serviceKind: 'plan_consultation',
        age,
        daysPastBirthday: age === 64 ? 365 - 45 * (index - 15) : (index * 53) % 340,
        municipalityCode: '990001',
        planAuthor: index % 7 === 3 ? 'self_plan' : 'specialist',
        selfPlanReason:
          index % 7 === 3 ? (['person_wish', 'no_office_available', 'other'] as const)[index % 3] : undefined,
      }),
    );
    [35, 44, 52, 61, 47, 38, 56, 41, 59, 30, 49, 63].forEach((age, index) =>
      specs.push({
        officeId: 'midori',
        specialistUserId: 'user-kobayashi',
        serviceKind: index % 3 === 0 ? 'community_settlement' : 'community_transition',
        age,
        daysPastBirthday: (index * 71) % 300,
        municipalityCode: '990001',
      }),
    );
    [16, 48, 27, 53].forEach((age, index) =>
      specs.push({
        officeId: 'kibou-core',
        specialistUserId: 'user-takahashi',
        serviceKind: 'basic_consultation',
        age,
        daysPastBirthday: (index * 97) % 300,
        municipalityCode: '990001',
      }),
    );
  } else {
    [8, 15, 17, 24, 33, 41, 50, 58, 63, 64, 27, 45].forEach((age, index) =>
      specs.push({
        officeId: 'hokushin-sakura',
        specialistUserId: 'user-yamamoto',
        serviceKind: age < 18 ? 'child_plan_consultation' : 'plan_consultation',
        age,
        daysPastBirthday: age === 17 || age === 64 ? 320 : (index * 41) % 330,
        municipalityCode: index % 2 ? '990012' : '990011',
      }),
    );
    [44, 19].forEach((age, index) =>
      specs.push({
        officeId: 'hokushin-core',
        specialistUserId: 'user-nakamura',
        serviceKind: 'basic_consultation',
        age,
        daysPastBirthday: 100 + index * 50,
        municipalityCode: index ? '990012' : '990011',
      }),
    );
  }
  return specs;
};

const MONITORING_PERIODS: MonitoringPeriodMonths[] = [1, 3, 6, 6, 3, 6];
const SERVICE_USE: ServiceUseStatus[] = ['using', 'using', 'using', 'paused', 'using', 'not_started'];

/**
 * Cases past planning have a service decision: it starts a month after opening and runs a year
 * (renewed yearly, so the one in force covers today). Some monitorings are done, some are late.
 */
const decisionAndMonitoring = (phase: CasePhase, n: number, openedOn: string, today: string) => {
  if (phase !== 'implementation' && phase !== 'monitoring') return { nextMonitoringDueOn: null };
  let validFrom = addDays(openedOn, 30);
  while (addMonths(validFrom, 12) <= today) validFrom = addMonths(validFrom, 12);
  const decision = {
    validFrom,
    validTo: addDays(addMonths(validFrom, 12), -1),
    periodMonths: MONITORING_PERIODS[n % MONITORING_PERIODS.length] ?? 6,
    intensiveStart: validFrom === addDays(openedOn, 30),
  };
  const daysAgo = (n * 29) % 150;
  const lastMonitoringOn =
    n % 4 === 0 || addDays(today, -daysAgo) < validFrom ? undefined : addDays(today, -daysAgo);
  const status = monitoringStatus(decision, lastMonitoringOn ? [lastMonitoringOn] : [], today);
  return {
    decision,
    nextMonitoringDueOn: status.nextDueDate,
    ...(lastMonitoringOn ? { lastMonitoringOn } : {}),
  };
};

export const demoCases = (tenantId: string, now: Date): DemoCase[] => {
  const today = todayInJapan(now);
  const at = now.toISOString();
  const tenantOffset = tenantId === 'kibougaoka' ? 0 : 11;
  return specsFor(tenantId).map((spec, index) => {
    const n = index + tenantOffset;
    const [familyName, familyKana] = FAMILY_NAMES[(n * 7) % FAMILY_NAMES.length] ?? ['青木', 'アオキ'];
    const [givenName, givenKana] = GIVEN_NAMES[(n * 5 + 3) % GIVEN_NAMES.length] ?? ['蓮', 'レン'];
    const personId = `demo-${tenantId}-person-${String(index + 1).padStart(3, '0')}`;
    const caseId = `demo-${tenantId}-case-${String(index + 1).padStart(3, '0')}`;
    const birthDate = birthDateFor(today, spec.age, spec.daysPastBirthday);
    const phase = PHASES[n % PHASES.length] ?? 'intake';
    const openedOn = maxDate(addDays(today, -(60 + ((n * 83) % 900))), addDays(birthDate, 30));
    const person: Person = {
      personId,
      name: `${familyName} ${givenName}`,
      kana: `${familyKana} ${givenKana}`,
      birthDate,
      municipalityCode: spec.municipalityCode,
      recipientNumber: String(9000000000 + (tenantId === 'kibougaoka' ? 1000 : 5000) + index * 17),
      disabilityCategories: CATEGORY_SETS[n % CATEGORY_SETS.length] ?? ['intellectual'],
      supportLevel: supportLevelFor(spec.age, n),
      familySituation: FAMILY_SITUATIONS[n % FAMILY_SITUATIONS.length] ?? '',
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const planAuthor = spec.planAuthor ?? 'specialist';
    const record: CaseRecord = {
      caseId,
      caseCode: `K-D${String(index + 1).padStart(3, '0')}${tenantId === 'kibougaoka' ? 'K' : 'H'}`,
      tenantId,
      officeId: spec.officeId,
      personId,
      personName: person.name,
      personKana: person.kana,
      birthDate,
      specialistUserId: spec.specialistUserId,
      serviceKind: spec.serviceKind,
      planAuthor,
      ...(planAuthor === 'self_plan' ? { selfPlanReason: spec.selfPlanReason ?? 'person_wish' } : {}),
      phase,
      monitoringPeriodMonths: MONITORING_PERIODS[n % MONITORING_PERIODS.length] ?? 6,
      serviceUseStatus:
        phase === 'intake' || phase === 'assessment'
          ? 'not_started'
          : (SERVICE_USE[n % SERVICE_USE.length] ?? 'using'),
      openedOn,
      sharedWithCore: false,
      ...decisionAndMonitoring(phase, n, openedOn, today),
      version: 1,
      createdAt: at,
      createdBy: spec.specialistUserId,
      updatedAt: at,
      updatedBy: spec.specialistUserId,
    };
    return { person, record };
  });
};
