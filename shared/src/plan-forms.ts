import * as z from 'zod';
import { requiredText, text } from './text.ts';

/**
 * The parts of the national plan forms (ADR 0040): the 種類 of a service line in 様式1 and the
 * 週間計画表 (様式2-2). Kept apart from caseload-records.ts, which only composes them into the plan.
 */

// ── 種類: the national service types, in the order of the 障害者総合支援法 and 児童福祉法 ───────────
export const PLAN_SERVICE_TYPES = [
  'home_care',
  'severe_visiting_care',
  'accompanying_support',
  'behaviour_support',
  'comprehensive_support',
  'short_stay',
  'medical_care',
  'daily_life_care',
  'facility_residence',
  'functional_training',
  'life_training',
  'residential_life_training',
  'employment_selection',
  'employment_transition',
  'employment_a',
  'employment_b',
  'employment_retention',
  'independent_living',
  'group_home',
  'child_development',
  'after_school_day',
  'nursery_visit',
  'home_child_development',
  'community_transition',
  'community_settlement',
  'mobility_support',
  'daytime_care',
  'community_activity_center',
  'medical_health',
  'other',
] as const;
export type PlanServiceType = (typeof PLAN_SERVICE_TYPES)[number];

export const PLAN_SERVICE_TYPE_LABELS: Record<PlanServiceType, string> = {
  home_care: '居宅介護',
  severe_visiting_care: '重度訪問介護',
  accompanying_support: '同行援護',
  behaviour_support: '行動援護',
  comprehensive_support: '重度障害者等包括支援',
  short_stay: '短期入所',
  medical_care: '療養介護',
  daily_life_care: '生活介護',
  facility_residence: '施設入所支援',
  functional_training: '自立訓練（機能訓練）',
  life_training: '自立訓練（生活訓練）',
  residential_life_training: '宿泊型自立訓練',
  employment_selection: '就労選択支援',
  employment_transition: '就労移行支援',
  employment_a: '就労継続支援Ａ型',
  employment_b: '就労継続支援Ｂ型',
  employment_retention: '就労定着支援',
  independent_living: '自立生活援助',
  group_home: '共同生活援助',
  child_development: '児童発達支援',
  after_school_day: '放課後等デイサービス',
  nursery_visit: '保育所等訪問支援',
  home_child_development: '居宅訪問型児童発達支援',
  community_transition: '地域移行支援',
  community_settlement: '地域定着支援',
  mobility_support: '移動支援',
  daytime_care: '日中一時支援',
  community_activity_center: '地域活動支援センター',
  medical_health: '医療・保健',
  other: 'その他・インフォーマル',
};

export const PlanServiceType = z.enum(PLAN_SERVICE_TYPES, {
  error: 'サービスの種類を一覧から選んでください',
});

/** One 福祉サービス等 line of a need row: 種類・内容・量（頻度・時間）and 提供事業者名. */
export const PlanServiceLine = z.strictObject({
  serviceType: PlanServiceType,
  content: text(200).default(''),
  amount: text(100).default(''),
  provider: text(100).default(''),
});
export type PlanServiceLine = z.infer<typeof PlanServiceLine>;

/** Compared after NFKC and without spaces: 「就労継続支援B型」 is 「就労継続支援Ｂ型」. */
const comparable = (value: string) => value.normalize('NFKC').replace(/\s/g, '');

/** Longest label first, so 「自立訓練（生活訓練）」 wins over a shorter label it starts with. */
const TYPES_BY_LABEL = PLAN_SERVICE_TYPES.map((type) => ({
  type,
  label: comparable(PLAN_SERVICE_TYPE_LABELS[type]),
})).sort((a, b) => b.label.length - a.label.length);

/**
 * The 種類 a free-text 「種類・内容」 written before ADR 0040 names: the type whose label it starts
 * with, else その他・インフォーマル. The text itself is kept whole as 内容 unless it is the label alone.
 */
export const serviceLineOfLegacyKind = (kind: string): Pick<PlanServiceLine, 'serviceType' | 'content'> => {
  const written = comparable(kind);
  const match = TYPES_BY_LABEL.find(({ label }) => written.startsWith(label));
  if (!match) return { serviceType: 'other', content: kind };
  return { serviceType: match.type, content: written === match.label ? '' : kind };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const upgradeLine = (line: unknown): unknown => {
  if (!isRecord(line) || 'serviceType' in line || typeof line.kind !== 'string') return line;
  const { kind, ...rest } = line;
  return { ...rest, ...serviceLineOfLegacyKind(kind) };
};

/**
 * A stored plan item as the current schema reads it: service lines written before ADR 0040
 * (`{ kind, provider, amount }`, 種類・内容 as one free text) become typed lines. Nothing is written
 * back; a draft takes the new shape when it is next saved, a final plan keeps its stored form.
 */
export const upgradeLegacyPlan = (stored: unknown): unknown => {
  if (!isRecord(stored) || !isRecord(stored.content) || !Array.isArray(stored.content.needs)) return stored;
  const needs = stored.content.needs.map((row: unknown) =>
    isRecord(row) && Array.isArray(row.services) ? { ...row, services: row.services.map(upgradeLine) } : row,
  );
  return { ...stored, content: { ...stored.content, needs } };
};

// ── 週間計画表 (様式2-2) ──────────────────────────────────────────────────────────
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: '月',
  tue: '火',
  wed: '水',
  thu: '木',
  fri: '金',
  sat: '土',
  sun: '日',
};

export const WEEKLY_ENTRY_KINDS = ['service', 'own_activity'] as const;
export type WeeklyEntryKind = (typeof WEEKLY_ENTRY_KINDS)[number];
export const WEEKLY_ENTRY_KIND_LABELS: Record<WeeklyEntryKind, string> = {
  service: 'サービス',
  own_activity: '本人の活動',
};

const TIME_MESSAGE = '時刻は「9:00」「17:30」のように24時間制で入力してください';

/** `9:00`, `０９：００` → `09:00`; anything else is left for the pattern to refuse. */
const normaliseClock = (value: string) => {
  const written = value.normalize('NFKC').trim();
  const match = /^(\d{1,2}):(\d{2})$/.exec(written);
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}` : written;
};

/** A start time: 00:00–23:59. An end time may also be 24:00 (until midnight). */
const clock = (pattern: RegExp) =>
  z
    .string({ error: TIME_MESSAGE })
    .transform(normaliseClock)
    .pipe(z.string().regex(pattern, { error: TIME_MESSAGE }))
    .meta({ description: 'HH:MM, 24-hour; full-width digits and H:MM are accepted' });
const START_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const END_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const StartTime = clock(START_PATTERN);
const EndTime = clock(END_PATTERN);

export const WeeklyEntry = z
  .strictObject({
    day: z.enum(WEEKDAYS, { error: '曜日を選んでください' }),
    start: StartTime,
    end: EndTime,
    label: requiredText(100),
    kind: z.enum(WEEKLY_ENTRY_KINDS, { error: '「サービス」か「本人の活動」を選んでください' }),
  })
  // Compared only when both are times: a malformed one has its own message already.
  .refine(
    (entry) => !START_PATTERN.test(entry.start) || !END_PATTERN.test(entry.end) || entry.end > entry.start,
    {
      path: ['end'],
      error: '終了時刻は開始時刻より後にしてください（日をまたぐときは0:00で分けて2行にしてください）',
    },
  );
export type WeeklyEntry = z.infer<typeof WeeklyEntry>;

export const WeeklySchedule = z.strictObject({
  entries: z.array(WeeklyEntry).max(100, { error: '週間計画表の予定は100件までです' }).default([]),
  /** 主な日常生活上の活動 */
  dailyActivities: text(1000).default(''),
  /** 週単位以外のサービス */
  nonWeeklyServices: text(1000).default(''),
  /** サービス提供によって実現する生活の全体像 */
  lifeOverview: text(1000).default(''),
});
export type WeeklySchedule = z.infer<typeof WeeklySchedule>;

export const emptyWeeklySchedule = (): WeeklySchedule => ({
  entries: [],
  dailyActivities: '',
  nonWeeklyServices: '',
  lifeOverview: '',
});

/** Minutes since midnight of an `HH:MM` (24:00 is 1440). */
export const minutesOfClock = (value: string): number => {
  const [hours = '0', minutes = '0'] = value.split(':');
  return Number(hours) * 60 + Number(minutes);
};

/** 利用者負担上限額: a monthly cap in yen, from 0 (生活保護・低所得) to 37,200 (一般2). */
export const USER_CHARGE_CAP_MAX = 37_200;
const CAP_MESSAGE = '利用者負担上限額は0円から37,200円までの整数（円）で入力してください';
export const UserChargeCap = z
  .number({ error: CAP_MESSAGE })
  .int({ error: CAP_MESSAGE })
  .min(0, { error: CAP_MESSAGE })
  .max(USER_CHARGE_CAP_MAX, { error: CAP_MESSAGE });
