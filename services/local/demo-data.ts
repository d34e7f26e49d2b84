import {
  addDays,
  addMonths,
  monitoringStatus,
  nextDueWithinDecision,
  todayInJapan,
  type CLOSURE_REASONS,
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
import {
  withMonitoringActivity,
  withPlanActivity,
  type MonthActivity,
} from '../src/data/statistics-counters.ts';

/**
 * Fictional demo data: two tenants, their offices and staff, and about 90 people with cases
 * spread over offices, phases, ages (children near 18, adults near 65) and service kinds, with
 * the service decisions and monitorings of the last two fiscal years and some cases closed in them.
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
    // A joint region's members each sign their own figures (ADR 0012): one 障害福祉担当課 each.
    {
      officeId: 'hokushin-city',
      name: '北信市 福祉課',
      type: 'municipal_division',
      operator: '北信市',
      municipalityCode: '990011',
    },
    {
      officeId: 'kawabe-town',
      name: '川辺町 住民福祉課',
      type: 'municipal_division',
      operator: '川辺町',
      municipalityCode: '990012',
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
  confirmsFigures = false,
): User => ({ tenantId, userId, email, displayName, role, officeId, senior, confirmsFigures });

export const DEMO_USERS: User[] = [
  // ひまわり and みどり have no manager: the tenant admin named their specialist to confirm the figures.
  user('kibougaoka', 'user-sato', 'sato@kibou.example', '佐藤 美咲', 'specialist', 'himawari', true, true),
  user('kibougaoka', 'user-suzuki', 'suzuki@kibou.example', '鈴木 健一', 'specialist', 'aozora'),
  user('kibougaoka', 'user-tanaka', 'tanaka@kibou.example', '田中 陽子', 'office_manager', 'aozora', true),
  user(
    'kibougaoka',
    'user-kobayashi',
    'kobayashi@kibou.example',
    '小林 大輔',
    'specialist',
    'midori',
    false,
    true,
  ),
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
  // 支給決定担当: receives the offices' submissions for 希望ヶ丘市 (issue 16).
  user('kibougaoka', 'user-kato', 'kato@kibou.example', '加藤 真理', 'municipal_caseworker', 'kibou-city'),
  user('kibougaoka', 'user-admin', 'admin@kibou.example', '管理 太郎', 'tenant_admin', 'kibou-city'),
  user(
    'hokushin',
    'user-yamamoto',
    'yamamoto@hokushin.example',
    '山本 翔太',
    'specialist',
    'hokushin-sakura',
  ),
  user('hokushin', 'user-ogawa', 'ogawa@hokushin.example', '小川 恵子', 'municipal_officer', 'hokushin-city'),
  user('hokushin', 'user-mori', 'mori@kawabe.example', '森 大輔', 'municipal_officer', 'kawabe-town'),
  user(
    'hokushin',
    'user-hayashi',
    'hayashi@kawabe.example',
    '林 恵美',
    'municipal_caseworker',
    'kawabe-town',
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
/**
 * The household as a specialist would find it at that age: a small child lives with parents, an
 * 8050 household needs a person in their forties or fifties with a parent in their eighties.
 */
const FAMILY_SITUATIONS_BY_AGE: { until: number; situations: string[] }[] = [
  {
    until: 6,
    situations: [
      '両親と同居。母が主な養育者で、就労を再開したい意向がある。',
      'ひとり親家庭。祖母が保育園の送迎を手伝っている。',
      '両親と兄の4人家族。きょうだい児への関わりに悩みがある。',
    ],
  },
  {
    until: 18,
    situations: [
      '両親と同居。母が主な介護者。',
      'ひとり親家庭。祖母が送迎を手伝っている。',
      'きょうだいにも支援が必要。',
    ],
  },
  {
    until: 40,
    situations: [
      '両親と同居。父の退職を機に将来の住まいを考え始めている。',
      'グループホームで生活。週末は実家に帰る。',
      '単身生活。近隣に兄が住む。',
    ],
  },
  {
    until: 65,
    situations: [
      '高齢の母と二人暮らし（8050の状況）。',
      '単身生活。近隣に兄が住む。',
      '配偶者と同居。',
      'グループホームで生活。',
    ],
  },
  {
    until: Infinity,
    situations: [
      '配偶者と同居。介護保険サービスへの移行を検討中。',
      '単身生活。地域包括支援センターと連携している。',
    ],
  },
];

const municipalityNameOf = (code: string): string =>
  DEMO_TENANTS.flatMap((tenant) => tenant.members).find((member) => member.code === code)?.name ?? '';

const familySituationFor = (age: number, n: number): string => {
  const band = FAMILY_SITUATIONS_BY_AGE.find((entry) => age < entry.until) ?? FAMILY_SITUATIONS_BY_AGE[0];
  return band?.situations[n % band.situations.length] ?? '';
};

/** Contact details as an office records them; every number is in the fictional 0120/090-0000 ranges. */
const contactsFor = (age: number, n: number, familyName: string, municipalityName: string) => {
  const suffix = String(1000 + n).slice(-4);
  const emergency =
    age < 18
      ? { name: `${familyName} 由美`, relation: '母', phone: `090-0000-${suffix}` }
      : age < 40
        ? { name: `${familyName} 健一`, relation: '父', phone: `090-0001-${suffix}` }
        : age < 65
          ? { name: `${familyName} 健一`, relation: '兄', phone: `090-0001-${suffix}` }
          : { name: `${familyName} 誠`, relation: '長男', phone: `090-0002-${suffix}` };
  return {
    sex: n % 2 ? ('female' as const) : ('male' as const),
    address: `${municipalityName}本町${(n % 9) + 1}-${(n % 17) + 1}`,
    ...(age >= 18 ? { phone: `0120-000-${suffix.slice(1)}` } : {}),
    ...(age < 18
      ? { representative: { name: `${familyName} 由美`, relation: 'parent' as const } }
      : n % 5 === 0
        ? { representative: { name: '後見 太郎', relation: 'guardian' as const, phone: '0120-000-999' } }
        : {}),
    emergencyContact: emergency,
  };
};

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
  /** A case opened and closed within the last two fiscal years (days before the seeding day). */
  closed?: { openedDaysAgo: number; closedDaysAgo: number; reason: ClosureReason };
}

type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** A service decision (支給決定) of a demo case: in force for the schedule from the day it was made. */
export interface DemoDecision {
  decidedOn: string;
  validFrom: string;
  validTo: string;
  periodMonths: MonitoringPeriodMonths;
  intensiveStart: boolean;
}

/** A monitoring of a demo case with the due date the case had when it was recorded. */
export interface DemoMonitoring {
  conductedOn: string;
  dueOn: string | null;
}

export interface DemoCase {
  person: Person;
  record: CaseRecord;
  /** Every decision of the case, oldest first: the record holds the last one and the earlier ones' periods. */
  decisions: DemoDecision[];
  /** Every monitoring of the case, oldest first: its activity counts exactly these. */
  monitorings: DemoMonitoring[];
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
        // One self-plan for want of an office: the joint region's figure the plan aims at.
        planAuthor: index === 7 ? 'self_plan' : 'specialist',
        selfPlanReason: index === 7 ? 'no_office_available' : undefined,
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
  // Appended after the others so the ids the tests name stay where they were.
  return [...specs, ...closedSpecsFor(tenantId)];
};

/** Cases opened and closed across the last two fiscal years: the years' figures include them. */
const closedSpecsFor = (tenantId: string): CaseSpec[] => {
  const closed = (openedDaysAgo: number, closedDaysAgo: number, reason: ClosureReason) => ({
    openedDaysAgo,
    closedDaysAgo,
    reason,
  });
  if (tenantId !== 'kibougaoka') {
    return [
      {
        officeId: 'hokushin-sakura',
        specialistUserId: 'user-yamamoto',
        serviceKind: 'plan_consultation',
        age: 38,
        daysPastBirthday: 120,
        municipalityCode: '990011',
        closed: closed(640, 330, 'moved_away'),
      },
      {
        officeId: 'hokushin-sakura',
        specialistUserId: 'user-yamamoto',
        serviceKind: 'plan_consultation',
        age: 55,
        daysPastBirthday: 40,
        municipalityCode: '990012',
        closed: closed(520, 95, 'office_change'),
      },
    ];
  }
  return [
    {
      officeId: 'aozora',
      specialistUserId: 'user-suzuki',
      serviceKind: 'plan_consultation',
      age: 43,
      daysPastBirthday: 200,
      municipalityCode: '990001',
      closed: closed(720, 420, 'moved_away'),
    },
    {
      officeId: 'aozora',
      specialistUserId: 'user-tanaka',
      serviceKind: 'plan_consultation',
      age: 50,
      daysPastBirthday: 80,
      municipalityCode: '990001',
      closed: closed(610, 250, 'office_change'),
    },
    {
      officeId: 'aozora',
      specialistUserId: 'user-suzuki',
      serviceKind: 'plan_consultation',
      age: 27,
      daysPastBirthday: 15,
      municipalityCode: '990001',
      closed: closed(400, 130, 'other'),
    },
    {
      officeId: 'himawari',
      specialistUserId: 'user-sato',
      serviceKind: 'child_plan_consultation',
      age: 11,
      daysPastBirthday: 160,
      municipalityCode: '990001',
      closed: closed(680, 300, 'moved_away'),
    },
    {
      officeId: 'himawari',
      specialistUserId: 'user-sato',
      serviceKind: 'child_plan_consultation',
      age: 7,
      daysPastBirthday: 90,
      municipalityCode: '990001',
      closed: closed(450, 60, 'office_change'),
    },
    {
      officeId: 'midori',
      specialistUserId: 'user-kobayashi',
      serviceKind: 'community_transition',
      age: 46,
      daysPastBirthday: 250,
      municipalityCode: '990001',
      closed: closed(560, 200, 'other'),
    },
    {
      officeId: 'midori',
      specialistUserId: 'user-kobayashi',
      serviceKind: 'community_settlement',
      age: 58,
      daysPastBirthday: 30,
      municipalityCode: '990001',
      closed: closed(700, 160, 'other'),
    },
  ];
};

const MONITORING_PERIODS: MonitoringPeriodMonths[] = [1, 3, 6, 6, 3, 6];
const SERVICE_USE: ServiceUseStatus[] = ['using', 'using', 'using', 'paused', 'using', 'not_started'];

/**
 * Cases past planning have service decisions: the first starts a month after opening (monthly
 * monitoring for three months), each runs a year and is renewed ten days before the next one
 * starts, until one covers the last day (today, or the closing day).
 */
export const demoDecisions = (
  openedOn: string,
  until: string,
  periodMonths: MonitoringPeriodMonths,
): DemoDecision[] => {
  const decisions: DemoDecision[] = [];
  for (let validFrom = addDays(openedOn, 30); ; validFrom = addMonths(validFrom, 12)) {
    const first = decisions.length === 0;
    decisions.push({
      decidedOn: addDays(validFrom, first ? -7 : -10),
      validFrom,
      validTo: addDays(addMonths(validFrom, 12), -1),
      periodMonths,
      intensiveStart: first,
    });
    if (addMonths(validFrom, 12) > until) return decisions;
  }
};

/**
 * The monitorings done under those decisions: each in its due month (one in eight some days after
 * it, so late), until the last day. A case that is `behind` missed its latest due month, so the
 * overdue lists have content. Each monitoring keeps the due date the case had when it was
 * recorded: the first month the decision then in force had not yet seen covered.
 */
export const demoMonitorings = (
  decisions: readonly DemoDecision[],
  until: string,
  n: number,
  behind: boolean,
): DemoMonitoring[] => {
  const monitorings: DemoMonitoring[] = [];
  for (const [index, decision] of decisions.entries()) {
    const replacedOn = decisions[index + 1]?.decidedOn ?? '9999-12-31';
    for (;;) {
      const dates = monitorings.map((monitoring) => monitoring.conductedOn);
      const dueOn = monitoringStatus(decision, dates, until).nextDueDate;
      if (!dueOn) break;
      const k = monitorings.length;
      const late = (n * 5 + k * 3) % 8 === 0;
      const conductedOn = late
        ? addDays(dueOn, 4 + ((n + k) % 20))
        : `${dueOn.slice(0, 8)}${String(3 + ((n * 7 + k * 11) % 24)).padStart(2, '0')}`;
      if (conductedOn >= replacedOn) break;
      if (conductedOn > until) return withoutLatestIf(behind, decisions.at(-1), monitorings, until);
      monitorings.push({ conductedOn, dueOn });
    }
  }
  return withoutLatestIf(behind, decisions.at(-1), monitorings, until);
};

/** A case behind its schedule missed its latest monitorings (up to three), until one is overdue. */
const withoutLatestIf = (
  behind: boolean,
  decision: DemoDecision | undefined,
  monitorings: DemoMonitoring[],
  until: string,
): DemoMonitoring[] => {
  if (!behind || !decision) return monitorings;
  const isOverdue = (kept: DemoMonitoring[]) => {
    const dueOn = monitoringStatus(
      decision,
      kept.map((monitoring) => monitoring.conductedOn),
      until,
    ).nextDueDate;
    return dueOn !== null && dueOn < until;
  };
  let kept = monitorings;
  for (let dropped = 0; dropped < 3 && kept.length && !isOverdue(kept); dropped += 1)
    kept = kept.slice(0, -1);
  return isOverdue(kept) ? kept : monitorings;
};

/**
 * The day the final plan in force was agreed (demo-records.ts writes that plan): a few days before
 * its decision started. Cases of basic consultation have no plan.
 */
export const finalPlanConsentOn = (
  record: Pick<CaseRecord, 'phase' | 'serviceKind' | 'decision' | 'openedOn'>,
  today: string,
): string | null => {
  if (record.serviceKind === 'basic_consultation') return null;
  if (record.phase !== 'implementation' && record.phase !== 'monitoring' && record.phase !== 'closed') {
    return null;
  }
  const consentOn = addDays(record.decision?.validFrom ?? addDays(record.openedOn, 30), -3);
  return consentOn < today ? consentOn : today;
};

interface CycleFields {
  decisions: DemoDecision[];
  monitorings: DemoMonitoring[];
  fields: Pick<
    CaseRecord,
    'decision' | 'decisionHistory' | 'nextMonitoringDueOn' | 'lastMonitoringOn' | 'activity'
  >;
}

/** The decisions, monitorings and what they leave on the case (schedule, activity) up to `until`. */
/**
 * Some open cases wait for their renewal (支給決定の更新): their latest decision, shorter than a
 * year, ended some days ago and the municipality has not decided again yet, so the dashboards
 * show expired decisions as well as ending ones.
 */
const withRenewalPending = (
  decisions: DemoDecision[],
  n: number,
  phase: CasePhase,
  today: string,
): DemoDecision[] => {
  const latest = decisions.at(-1);
  const endedOn = addDays(today, -(10 + (n % 30)));
  if (phase === 'closed' || n % 9 !== 4 || !latest || addMonths(latest.validFrom, 3) > endedOn)
    return decisions;
  return [...decisions.slice(0, -1), { ...latest, validTo: endedOn }];
};

const cycleOf = (
  phase: CasePhase,
  serviceKind: ServiceKind,
  n: number,
  openedOn: string,
  until: string,
  today: string,
): CycleFields => {
  if (phase !== 'implementation' && phase !== 'monitoring' && phase !== 'closed') {
    return { decisions: [], monitorings: [], fields: { nextMonitoringDueOn: null } };
  }
  const periodMonths = MONITORING_PERIODS[n % MONITORING_PERIODS.length] ?? 6;
  const decisions = withRenewalPending(demoDecisions(openedOn, until, periodMonths), n, phase, today);
  const monitorings = demoMonitorings(decisions, until, n, phase !== 'closed' && n % 3 === 0);
  const current = decisions.at(-1);
  if (!current) return { decisions, monitorings, fields: { nextMonitoringDueOn: null } };
  const { decidedOn: _decidedOn, ...decision } = current;
  const history = decisions
    .slice(0, -1)
    .map(({ validFrom, validTo, periodMonths: period, intensiveStart }) => ({
      validFrom,
      validTo,
      periodMonths: period,
      intensiveStart,
    }));
  const lastMonitoringOn = monitorings.at(-1)?.conductedOn;
  const consentOn = finalPlanConsentOn({ phase, serviceKind, decision, openedOn }, today);
  let activity: Record<string, MonthActivity> = {};
  for (const monitoring of monitorings) {
    activity = withMonitoringActivity(activity, monitoring.conductedOn, monitoring.dueOn);
  }
  if (consentOn) activity = withPlanActivity(activity, consentOn);
  return {
    decisions,
    monitorings,
    fields: {
      decision,
      ...(history.length ? { decisionHistory: history } : {}),
      nextMonitoringDueOn:
        phase === 'closed'
          ? null
          : nextDueWithinDecision(decision, lastMonitoringOn ? [lastMonitoringOn] : [], today),
      ...(lastMonitoringOn ? { lastMonitoringOn } : {}),
      ...(Object.keys(activity).length ? { activity } : {}),
    },
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
    const phase: CasePhase = spec.closed ? 'closed' : (PHASES[n % PHASES.length] ?? 'intake');
    const openedOn = maxDate(
      addDays(today, -(spec.closed?.openedDaysAgo ?? 60 + ((n * 83) % 900))),
      addDays(birthDate, 30),
    );
    const closedOn = spec.closed ? addDays(today, -spec.closed.closedDaysAgo) : undefined;
    const cycle = cycleOf(phase, spec.serviceKind, n, openedOn, closedOn ?? today, today);
    const person: Person = {
      personId,
      name: `${familyName} ${givenName}`,
      kana: `${familyKana} ${givenKana}`,
      birthDate,
      municipalityCode: spec.municipalityCode,
      recipientNumber: String(9000000000 + (tenantId === 'kibougaoka' ? 1000 : 5000) + index * 17),
      disabilityCategories: CATEGORY_SETS[n % CATEGORY_SETS.length] ?? ['intellectual'],
      supportLevel: supportLevelFor(spec.age, n),
      familySituation: familySituationFor(spec.age, n),
      ...contactsFor(spec.age, n, familyName, municipalityNameOf(spec.municipalityCode)),
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
      municipalityCode: spec.municipalityCode,
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
      ...(closedOn && spec.closed ? { closedOn, closureReason: spec.closed.reason } : {}),
      sharedWithCore: false,
      ...cycle.fields,
      version: 1,
      createdAt: at,
      createdBy: spec.specialistUserId,
      updatedAt: at,
      updatedBy: spec.specialistUserId,
    };
    return { person, record, decisions: cycle.decisions, monitorings: cycle.monitorings };
  });
};
