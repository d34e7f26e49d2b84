import {
  PLAN_SERVICE_KINDS,
  addDays,
  fiscalYearOf,
  nextDueWithinDecision,
  type CasePhase,
  type LedgerEventKind,
  type MonitoringPeriodMonths,
  type Office,
  type OfficeType,
  type Person,
  type Role,
  type SelfPlanReason,
  type SeniorSpecialist,
  type ServiceKind,
  type Tenant,
  type User,
} from '@kikan/shared';
import type { CaseRecord } from '../src/data/case-store.ts';
import type { LedgerEventRecord } from '../src/data/ledger-store.ts';
import {
  withMonitoringActivity,
  withPlanActivity,
  type MonthActivity,
} from '../src/data/statistics-counters.ts';
import { demoDecisions, demoMonitorings, type DemoMonitoring } from './demo-data.ts';

/**
 * A tenant the size the speed requirement names (ADR 0015): 20,000 cases and about 200,000
 * monitoring and ledger records, in three member municipalities and fifty offices. Generated from
 * a seeded PRNG and the seeding day, so the same day gives the same tenant; the schedules and the
 * activity come from the same functions as the demo cases (demo-data.ts). Every name is invented.
 */

export const SCALE_TENANT_ID = 'scale';

export const SCALE_TENANT: Tenant = {
  tenantId: SCALE_TENANT_ID,
  name: '大杉広域圏',
  kind: 'joint_region',
  members: [
    { code: '990101', name: '大杉市' },
    { code: '990102', name: '青葉町' },
    { code: '990103', name: '白浜村' },
  ],
};

const MEMBER_CODES = SCALE_TENANT.members.map((member) => member.code);

/** A small, fast PRNG (mulberry32): the same seed gives the same tenant on every machine. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

type Random = ReturnType<typeof seededRandom>;
const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
const weighted = <T>(random: Random, entries: readonly (readonly [T, number])[]): T => {
  let left = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    left -= weight;
    if (left < 0) return value;
  }
  const last = entries.at(-1);
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
};

const OFFICE_GROUPS: { prefix: string; type: OfficeType; count: number; label: string }[] = [
  { prefix: 'plan', type: 'plan_consultation', count: 30, label: '相談支援事業所' },
  { prefix: 'child', type: 'child_plan_consultation', count: 10, label: '障害児相談支援事業所' },
  { prefix: 'transition', type: 'community_transition', count: 4, label: '地域移行支援事業所' },
  { prefix: 'settlement', type: 'community_settlement', count: 4, label: '地域定着支援事業所' },
];
const OFFICE_NAMES = [
  'さくら',
  'かえで',
  'あおい',
  'つばき',
  'すみれ',
  'ひので',
  'みなと',
  'やまびこ',
  'こだま',
  'はるか',
];

export const SCALE_OFFICES: Office[] = [
  ...OFFICE_GROUPS.flatMap((group) =>
    Array.from({ length: group.count }, (_, index) => {
      const number = String(index + 1).padStart(2, '0');
      return {
        officeId: `scale-${group.prefix}-${number}`,
        name: `${group.label}${OFFICE_NAMES[index % OFFICE_NAMES.length] ?? ''}${number}`,
        type: group.type,
        operator: `社会福祉法人大杉福祉会${number}`,
        officeNumber: `39${String(OFFICE_GROUPS.indexOf(group)).padStart(2, '0')}${String(index + 1).padStart(6, '0')}`,
        municipalityCode: MEMBER_CODES[index % MEMBER_CODES.length] ?? '990101',
      };
    }),
  ),
  {
    officeId: 'scale-core',
    name: '大杉広域圏基幹相談支援センター',
    type: 'core_center',
    operator: '大杉広域圏障害者支援協議会',
    municipalityCode: '990101',
  },
  {
    officeId: 'scale-city',
    name: '大杉市 障害福祉課',
    type: 'municipal_division',
    operator: '大杉市',
    municipalityCode: '990101',
  },
];

const scaleUser = (
  userId: string,
  email: string,
  displayName: string,
  role: Role,
  officeId: string,
): User => ({
  tenantId: SCALE_TENANT_ID,
  userId,
  email,
  displayName,
  role,
  officeId,
  senior: false,
});

/** Eight case workers per service office (the first its manager) and the core and municipal staff. */
export const SCALE_USERS: User[] = [
  ...SCALE_OFFICES.filter(
    (office) => office.type !== 'core_center' && office.type !== 'municipal_division',
  ).flatMap((office) =>
    [1, 2, 3, 4, 5, 6, 7, 8].map((slot) =>
      scaleUser(
        `${office.officeId}-worker-${slot}`,
        `worker${slot}.${office.officeId}@scale.example`,
        `${office.name.slice(-4)} 職員${slot}`,
        slot === 1 ? 'office_manager' : 'specialist',
        office.officeId,
      ),
    ),
  ),
  scaleUser('scale-core-supervisor', 'takahashi@scale.example', '基幹 主任', 'core_supervisor', 'scale-core'),
  scaleUser('scale-core-worker', 'kato@scale.example', '基幹 相談員', 'specialist', 'scale-core'),
  scaleUser('scale-ito', 'ito@scale.example', '大杉 市職員', 'municipal_officer', 'scale-city'),
  scaleUser('scale-admin', 'admin@scale.example', '大杉 管理者', 'tenant_admin', 'scale-city'),
];

const FAMILY = [
  ['秋山', 'アキヤマ'],
  ['石田', 'イシダ'],
  ['内田', 'ウチダ'],
  ['岡本', 'オカモト'],
  ['菊地', 'キクチ'],
  ['久保', 'クボ'],
  ['坂本', 'サカモト'],
  ['島田', 'シマダ'],
  ['田村', 'タムラ'],
  ['永井', 'ナガイ'],
  ['原田', 'ハラダ'],
  ['平野', 'ヒラノ'],
  ['松田', 'マツダ'],
  ['宮崎', 'ミヤザキ'],
  ['山口', 'ヤマグチ'],
  ['吉田', 'ヨシダ'],
] as const;
const GIVEN = [
  ['葵', 'アオイ'],
  ['樹', 'イツキ'],
  ['奏', 'カナデ'],
  ['颯', 'ハヤテ'],
  ['陽菜', 'ヒナ'],
  ['直樹', 'ナオキ'],
  ['裕子', 'ユウコ'],
  ['勝', 'マサル'],
  ['明美', 'アケミ'],
  ['修', 'オサム'],
  ['亮', 'リョウ'],
  ['早紀', 'サキ'],
] as const;

export interface ScaleCase {
  person: Person;
  record: CaseRecord;
  monitorings: DemoMonitoring[];
}

const KIND_WEIGHTS: (readonly [ServiceKind, number])[] = [
  ['plan_consultation', 60],
  ['child_plan_consultation', 25],
  ['community_transition', 4],
  ['community_settlement', 4],
  ['basic_consultation', 7],
];
const OFFICE_TYPE_OF: Record<ServiceKind, OfficeType> = {
  plan_consultation: 'plan_consultation',
  child_plan_consultation: 'child_plan_consultation',
  community_transition: 'community_transition',
  community_settlement: 'community_settlement',
  basic_consultation: 'core_center',
};
const PHASE_WEIGHTS: (readonly [CasePhase, number])[] = [
  ['intake', 4],
  ['assessment', 4],
  ['planning', 4],
  ['implementation', 18],
  ['monitoring', 58],
  ['closed', 12],
];
const PERIOD_WEIGHTS: (readonly [MonitoringPeriodMonths, number])[] = [
  [1, 25],
  [3, 45],
  [6, 30],
];
const REASON_WEIGHTS: (readonly [SelfPlanReason, number])[] = [
  ['person_wish', 40],
  ['family_wish', 25],
  ['no_office_available', 25],
  ['other', 10],
];

const isPlanKind = (kind: ServiceKind) => (PLAN_SERVICE_KINDS as readonly string[]).includes(kind);

/**
 * The cases: opened over the last five years, most of them monitored under yearly decisions; a
 * plan made final a few days before each decision starts; one in eight closed.
 */
export const scaleCases = (today: string, count = 20_000, seed = 20_251): ScaleCase[] => {
  const random = seededRandom(seed);
  const at = `${today}T00:00:00.000Z`;
  const officesOf = new Map<OfficeType, Office[]>();
  for (const office of SCALE_OFFICES)
    officesOf.set(office.type, [...(officesOf.get(office.type) ?? []), office]);
  const workersOf = (officeId: string) =>
    SCALE_USERS.filter((user) => user.officeId === officeId && user.role !== 'core_supervisor');

  return Array.from({ length: count }, (_, index) => {
    const serviceKind = weighted(random, KIND_WEIGHTS);
    const office = pick(random, officesOf.get(OFFICE_TYPE_OF[serviceKind]) ?? []);
    const specialist = pick(random, workersOf(office.officeId));
    const municipalityCode = random() < 0.8 ? office.municipalityCode : pick(random, MEMBER_CODES);
    const age =
      serviceKind === 'child_plan_consultation' ? Math.floor(random() * 18) : 18 + Math.floor(random() * 62);
    const birthDate = addDays(today, -Math.floor(age * 365.25 + random() * 364));
    const phase = weighted(random, PHASE_WEIGHTS);
    const openedDaysAgo = 60 + Math.floor(random() * 1750);
    const openedOn = addDays(today, -openedDaysAgo);
    const closedOn =
      phase === 'closed' ? addDays(openedOn, 90 + Math.floor(random() * (openedDaysAgo - 91))) : undefined;
    const periodMonths = weighted(random, PERIOD_WEIGHTS);
    const selfPlan = isPlanKind(serviceKind) && random() < 0.12;
    const behind = random() < 0.12;
    const [family, familyKana] = pick(random, FAMILY);
    const [given, givenKana] = pick(random, GIVEN);
    const number = String(index + 1).padStart(5, '0');

    const underway = phase === 'implementation' || phase === 'monitoring' || phase === 'closed';
    const until = closedOn ?? today;
    const decisions = underway ? demoDecisions(openedOn, until, periodMonths) : [];
    const monitorings = underway ? demoMonitorings(decisions, until, index, behind && !closedOn) : [];
    let activity: Record<string, MonthActivity> = {};
    for (const monitoring of monitorings) {
      activity = withMonitoringActivity(activity, monitoring.conductedOn, monitoring.dueOn);
    }
    if (serviceKind !== 'basic_consultation') {
      for (const decision of decisions) {
        const consentOn = addDays(decision.validFrom, -3);
        if (consentOn <= until) activity = withPlanActivity(activity, consentOn);
      }
    }
    const current = decisions.at(-1);
    const lastMonitoringOn = monitorings.at(-1)?.conductedOn;

    const person: Person = {
      personId: `scale-person-${number}`,
      name: `${family} ${given}`,
      kana: `${familyKana} ${givenKana}`,
      birthDate,
      municipalityCode,
      recipientNumber: String(8000000000 + index),
      disabilityCategories: [],
      supportLevel: age < 18 ? 'not_assessed' : pick(random, ['1', '2', '3', '4', '5', '6'] as const),
      familySituation: '',
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const record: CaseRecord = {
      caseId: `scale-case-${number}`,
      caseCode: `S-${number}`,
      tenantId: SCALE_TENANT_ID,
      officeId: office.officeId,
      personId: person.personId,
      personName: person.name,
      personKana: person.kana,
      birthDate,
      municipalityCode,
      specialistUserId: specialist.userId,
      serviceKind,
      planAuthor: selfPlan ? 'self_plan' : 'specialist',
      ...(selfPlan ? { selfPlanReason: weighted(random, REASON_WEIGHTS) } : {}),
      phase,
      monitoringPeriodMonths: periodMonths,
      serviceUseStatus: underway ? 'using' : 'not_started',
      openedOn,
      ...(closedOn ? { closedOn, closureReason: 'other' } : {}),
      // The seeds write the monitorings as the case's only records (record-days.ts).
      lastRecordOn: lastMonitoringOn ?? openedOn,
      sharedWithCore: false,
      ...(current
        ? {
            decision: {
              validFrom: current.validFrom,
              validTo: current.validTo,
              periodMonths: current.periodMonths,
              intensiveStart: current.intensiveStart,
            },
          }
        : {}),
      ...(decisions.length > 1
        ? {
            decisionHistory: decisions
              .slice(0, -1)
              .map(({ validFrom, validTo, periodMonths, intensiveStart }) => ({
                validFrom,
                validTo,
                periodMonths,
                intensiveStart,
              })),
          }
        : {}),
      ...(Object.keys(activity).length ? { activity } : {}),
      nextMonitoringDueOn:
        current && !closedOn
          ? nextDueWithinDecision(current, lastMonitoringOn ? [lastMonitoringOn] : [], today)
          : null,
      ...(lastMonitoringOn ? { lastMonitoringOn } : {}),
      version: 1,
      createdAt: at,
      createdBy: specialist.userId,
      updatedAt: at,
      updatedBy: specialist.userId,
    };
    return { person, record, monitorings };
  });
};

const EVENT_KIND_WEIGHTS: (readonly [LedgerEventKind, number])[] = [
  ['advice_visit', 1150],
  ['training', 220],
  ['collaboration', 260],
  ['case_review', 250],
  ['council_session', 40],
  ['subcommittee_session', 80],
];
const EVENT_TITLES: Record<LedgerEventKind, string> = {
  advice_visit: '事業所訪問による助言',
  training: '相談支援専門員研修',
  collaboration: '関係機関連絡会',
  case_review: '事例検討会',
  council_session: '自立支援協議会 全体会',
  subcommittee_session: '自立支援協議会 部会',
};
const SUBCOMMITTEES = ['こども部会', '地域移行部会', '就労部会', '相談支援部会', '権利擁護部会'];
const ORGANISATIONS = [
  '大杉市社会福祉協議会',
  '青葉町地域包括支援センター',
  '白浜村保健センター',
  '大杉公共職業安定所',
  '大杉特別支援学校',
  '大杉総合病院',
  '青葉クリニック',
  '大杉保健所',
  '障害者就業・生活支援センターおおすぎ',
  '大杉市教育委員会',
  '白浜村民生委員協議会',
  '大杉警察署生活安全課',
];

/**
 * The core center's ledger: about 2,000 events in the last full fiscal year and the months of the
 * current one so far, spread over the offices and the member municipalities.
 */
export const scaleLedgerEvents = (today: string, perYear = 2_000, seed = 2_025): LedgerEventRecord[] => {
  const random = seededRandom(seed);
  const current = fiscalYearOf(today);
  const serviceOffices = SCALE_OFFICES.filter((office) => office.officeNumber).map(
    (office) => office.officeId,
  );
  const at = `${today}T00:00:00.000Z`;
  const events: LedgerEventRecord[] = [];
  for (const fiscalYear of [current - 1, current]) {
    const start = `${fiscalYear}-04-01`;
    for (let index = 0; index < perYear; index += 1) {
      const heldOn = addDays(start, Math.floor(random() * 365));
      const kind = weighted(random, EVENT_KIND_WEIGHTS);
      const officeCount = kind === 'advice_visit' ? 1 : 1 + Math.floor(random() * 4);
      const officeIds = [...new Set(Array.from({ length: officeCount }, () => pick(random, serviceOffices)))];
      const named = kind === 'council_session' ? 4 + Math.floor(random() * 8) : Math.floor(random() * 3);
      const organisations = [...new Set(Array.from({ length: named }, () => pick(random, ORGANISATIONS)))];
      if (heldOn > today) continue;
      events.push({
        eventId: `scale-ledger-${fiscalYear}-${String(index + 1).padStart(5, '0')}`,
        kind,
        heldOn,
        title:
          kind === 'subcommittee_session'
            ? `${pick(random, SUBCOMMITTEES)}（第${1 + Math.floor(random() * 6)}回）`
            : EVENT_TITLES[kind],
        officeIds,
        organisations,
        unnamedOrganisationCount: Math.floor(random() * 2),
        participantCount: 2 + Math.floor(random() * 30),
        municipalityCode: pick(random, MEMBER_CODES),
        caseIds: [],
        notes: '',
        version: 1,
        createdAt: at,
        createdBy: 'scale-core-supervisor',
        updatedAt: at,
        updatedBy: 'scale-core-supervisor',
      });
    }
  }
  return events;
};

/** One 主任相談支援専門員 in every other service office, and the core center's supervisor. */
export const scaleSeniorSpecialists = (today: string): SeniorSpecialist[] => {
  const at = `${today}T00:00:00.000Z`;
  const offices = SCALE_OFFICES.filter((office) => office.officeNumber).filter((_, index) => index % 2 === 0);
  return [...offices.map((office) => office.officeId), 'scale-core'].map((officeId, index) => ({
    seniorId: `scale-senior-${String(index + 1).padStart(3, '0')}`,
    officeId,
    name: `主任 ${String(index + 1).padStart(2, '0')}`,
    certifiedOn: addDays(today, -(400 + index * 37)),
    version: 1,
    createdAt: at,
    createdBy: 'scale-core-supervisor',
    updatedAt: at,
    updatedBy: 'scale-core-supervisor',
  }));
};
