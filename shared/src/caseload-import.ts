import * as z from 'zod';
import {
  CASE_PHASE_LABELS,
  MonitoringPeriodMonths,
  PLAN_AUTHOR_LABELS,
  SELF_PLAN_REASON_LABELS,
  SERVICE_KIND_LABELS,
  SERVICE_USE_STATUS_LABELS,
  type CasePhase,
  type MonitoringPeriodMonths as PeriodMonths,
  type PlanAuthor,
  type SelfPlanReason,
  type ServiceKind,
  type ServiceUseStatus,
} from './case.ts';
import type { ServiceDecisionInput } from './caseload-records.ts';
import { IsoDate, MunicipalityCode, RecipientNumber } from './ids.ts';
import { labelled, type ImportColumn, type ImportProblem, type ImportValues } from './import-file.ts';
import { normaliseDigits } from './input-normalisation.ts';
import { ageOn } from './life-stage.ts';
import {
  DISABILITY_CATEGORY_LABELS,
  PhoneNumber,
  REPRESENTATIVE_RELATION_LABELS,
  SEX_LABELS,
  SUPPORT_LEVEL_LABELS,
  type DisabilityCategory,
  type PersonInput,
} from './person.ts';
import { Kana, requiredText, text } from './text.ts';

/**
 * The caseload import (issue 15 point 2): one row per person and their case at the importing
 * office — the person, the case, the latest 支給決定, the last plan with its consent date and the
 * last monitoring. Each cell is read with the schema the forms use.
 */

/** An imported case is open: the existing caseload, not its history of closed cases. */
const OPEN_PHASE_LABELS: Record<Exclude<CasePhase, 'closed'>, string> = {
  intake: CASE_PHASE_LABELS.intake,
  assessment: CASE_PHASE_LABELS.assessment,
  planning: CASE_PHASE_LABELS.planning,
  implementation: CASE_PHASE_LABELS.implementation,
  monitoring: CASE_PHASE_LABELS.monitoring,
};

const YES_NO = { yes: 'はい', no: 'いいえ' } as const;

const DisabilityCategories = z.string().transform((value, context) => {
  const byLabel = new Map(
    (Object.entries(DISABILITY_CATEGORY_LABELS) as [DisabilityCategory, string][]).map(([code, label]) => [
      label,
      code,
    ]),
  );
  const categories: DisabilityCategory[] = [];
  for (const part of value.normalize('NFKC').split(/[・、,，/\s]+/)) {
    if (part === '') continue;
    const category = byLabel.get(part);
    if (!category) {
      context.addIssue({
        code: 'custom',
        message: `障害種別「${part}」は使えません（${Object.values(DISABILITY_CATEGORY_LABELS).join('・')}）`,
      });
      return z.NEVER;
    }
    if (!categories.includes(category)) categories.push(category);
  }
  return categories;
});

const MonthsCell = z
  .string()
  .transform((value) => Number(normaliseDigits(value).replace(/(か|ヶ|ケ|カ)?月$/, '')))
  .pipe(MonitoringPeriodMonths);

const choice = <T extends string>(labels: Readonly<Record<T, string>>, what: string) =>
  labelled(labels, `${what}は「${Object.values(labels).join('」「')}」のいずれかを入力してください`);

const column = <K extends string>(
  key: K,
  header: string,
  schema: z.ZodType,
  example: string,
  required = false,
): ImportColumn<K> => ({ key, header, schema, example, required });

export const CASELOAD_IMPORT_COLUMNS = [
  column('name', '氏名', requiredText(50), '山田 太郎', true),
  column('kana', 'フリガナ', Kana, 'ヤマダ タロウ', true),
  column('birthDate', '生年月日', IsoDate, '平成10年4月2日', true),
  column('sex', '性別', choice(SEX_LABELS, '性別'), '男性'),
  column('address', '住所', text(200), '長野県希望が丘市本町1-2-3'),
  column('phone', '電話番号', PhoneNumber, '026-123-4567'),
  column('representativeName', '代理人・後見人 氏名', requiredText(50), ''),
  column('representativeRelation', '代理人・後見人 続柄', choice(REPRESENTATIVE_RELATION_LABELS, '続柄'), ''),
  column('representativePhone', '代理人・後見人 電話番号', PhoneNumber, ''),
  column('emergencyName', '緊急連絡先 氏名', requiredText(50), '山田 花子'),
  column('emergencyRelation', '緊急連絡先 続柄', text(20), '母'),
  column('emergencyPhone', '緊急連絡先 電話番号', PhoneNumber, '090-1234-5678'),
  column('municipalityCode', '市町村コード', MunicipalityCode, '209999', true),
  column('recipientNumber', '受給者証番号', RecipientNumber, '2099990001', true),
  column('disabilityCategories', '障害種別', DisabilityCategories, '知的・発達'),
  column('supportLevel', '障害支援区分', choice(SUPPORT_LEVEL_LABELS, '障害支援区分'), '区分3'),
  column('serviceKind', 'サービス種類', choice(SERVICE_KIND_LABELS, 'サービス種類'), '計画相談支援', true),
  column('openedOn', '開始日', IsoDate, '令和7年4月1日', true),
  column(
    'specialistEmail',
    '担当者メールアドレス',
    z.email({ error: 'メールアドレスの形式で入力してください' }),
    'sato@kibou.example',
    true,
  ),
  column('phase', 'フェーズ', choice(OPEN_PHASE_LABELS, 'フェーズ'), 'モニタリング', true),
  column('serviceUseStatus', '利用状況', choice(SERVICE_USE_STATUS_LABELS, '利用状況'), '利用中'),
  column('planAuthor', '計画作成者', choice(PLAN_AUTHOR_LABELS, '計画作成者'), '相談支援専門員', true),
  column('selfPlanReason', 'セルフプランの理由', choice(SELF_PLAN_REASON_LABELS, 'セルフプランの理由'), ''),
  column('monitoringPeriodMonths', 'モニタリング期間（月）', MonthsCell, '3', true),
  column('decidedOn', '支給決定日', IsoDate, '令和7年4月10日'),
  column('validFrom', '支給決定期間 開始', IsoDate, '令和7年5月1日'),
  column('validTo', '支給決定期間 終了', IsoDate, '令和8年4月30日'),
  column(
    'intensiveStart',
    '新規・大きな変更（毎月モニタリング）',
    choice(YES_NO, '新規・大きな変更'),
    'いいえ',
  ),
  column('planCreatedOn', '計画作成日', IsoDate, '令和7年4月20日'),
  column('consentOn', '計画同意日', IsoDate, '令和7年5月1日'),
  column('lastMonitoringOn', '最終モニタリング日', IsoDate, '令和7年10月15日'),
] as const;

export type CaseloadImportKey = (typeof CASELOAD_IMPORT_COLUMNS)[number]['key'];

/** One row as the import applies it: what the forms would have sent, one call after another. */
export interface CaseloadImportRow {
  rowNumber: number;
  person: PersonInput;
  specialistEmail: string;
  serviceKind: ServiceKind;
  phase: Exclude<CasePhase, 'closed'>;
  serviceUseStatus: ServiceUseStatus;
  planAuthor: PlanAuthor;
  selfPlanReason?: SelfPlanReason;
  monitoringPeriodMonths: PeriodMonths;
  openedOn: string;
  decision?: ServiceDecisionInput;
  plan?: { createdOn: string; consentOn?: string };
  lastMonitoringOn?: string;
}

const headerOf = (key: CaseloadImportKey): string =>
  CASELOAD_IMPORT_COLUMNS.find((candidate) => candidate.key === key)?.header ?? key;

/**
 * The rules across the cells of one row, the same the API applies one call at a time (a case's
 * opening, its decision, plan and monitoring): each problem names the column to correct.
 */
export const caseloadRowOf = (
  values: ImportValues<CaseloadImportKey>,
  rowNumber: number,
  today: string,
): { row: CaseloadImportRow | null; problems: ImportProblem[] } => {
  const problems: ImportProblem[] = [];
  const problem = (key: CaseloadImportKey, message: string) =>
    problems.push({ row: rowNumber, column: headerOf(key), message });
  const v = values as Record<CaseloadImportKey, unknown>;
  const date = (key: CaseloadImportKey) => v[key] as string | undefined;

  const birthDate = date('birthDate');
  const openedOn = date('openedOn');
  if (birthDate && birthDate > today) problem('birthDate', '生年月日に未来の日付は指定できません');
  if (openedOn && openedOn > today) problem('openedOn', '開始日に未来の日付は指定できません');
  if (birthDate && openedOn && openedOn < birthDate) {
    problem('openedOn', '開始日は生年月日より後の日付にしてください');
  }
  if (
    v.serviceKind === 'child_plan_consultation' &&
    birthDate &&
    openedOn &&
    ageOn(birthDate, openedOn) >= 18
  ) {
    problem('serviceKind', '18歳以上の方は障害児相談支援ではなく計画相談支援になります');
  }
  if (v.planAuthor === 'self_plan' && v.selfPlanReason === undefined) {
    problem('selfPlanReason', 'セルフプランの理由を入力してください');
  }
  if (v.planAuthor === 'specialist' && v.selfPlanReason !== undefined) {
    problem('selfPlanReason', '相談支援専門員が作成する計画には理由を指定できません');
  }
  if ((v.representativeName === undefined) !== (v.representativeRelation === undefined)) {
    problem(
      v.representativeName === undefined ? 'representativeName' : 'representativeRelation',
      '代理人・後見人は氏名と続柄を両方入力してください',
    );
  }
  if (v.representativeName === undefined && v.representativePhone !== undefined) {
    problem('representativeName', '代理人・後見人の電話番号には氏名と続柄も入力してください');
  }
  if ((v.emergencyName === undefined) !== (v.emergencyPhone === undefined)) {
    problem(
      v.emergencyName === undefined ? 'emergencyName' : 'emergencyPhone',
      '緊急連絡先は氏名と電話番号を両方入力してください',
    );
  }

  const decisionKeys = ['decidedOn', 'validFrom', 'validTo'] as const;
  const decisionGiven = decisionKeys.filter((key) => v[key] !== undefined);
  const decidedOn = date('decidedOn');
  const validFrom = date('validFrom');
  const validTo = date('validTo');
  if (decisionGiven.length > 0 && decisionGiven.length < decisionKeys.length) {
    for (const key of decisionKeys) {
      if (v[key] === undefined) problem(key, '支給決定は決定日・期間の開始・終了をすべて入力してください');
    }
  }
  if (decidedOn && decidedOn > today) problem('decidedOn', '決定日に未来の日付は指定できません');
  if (validFrom && validTo && validTo <= validFrom) {
    problem('validTo', '支給決定期間の終了日は開始日より後にしてください');
  }
  if (validTo && openedOn && validTo < openedOn) {
    problem('validTo', '支給決定期間がケースの開始日より前に終わっています');
  }

  const planCreatedOn = date('planCreatedOn');
  const consentOn = date('consentOn');
  if (consentOn && !planCreatedOn) problem('planCreatedOn', '計画同意日には計画作成日も入力してください');
  if (planCreatedOn && openedOn && planCreatedOn < openedOn) {
    problem('planCreatedOn', '計画作成日はケースの開始日以降にしてください');
  }
  if (planCreatedOn && planCreatedOn > today)
    problem('planCreatedOn', '計画作成日に未来の日付は指定できません');
  if (consentOn && consentOn > today) problem('consentOn', '同意日に未来の日付は指定できません');
  if (consentOn && planCreatedOn && consentOn < planCreatedOn) {
    problem('consentOn', '計画同意日は計画作成日以降にしてください');
  }
  const lastMonitoringOn = date('lastMonitoringOn');
  if (lastMonitoringOn && lastMonitoringOn > today) {
    problem('lastMonitoringOn', 'モニタリング実施日に未来の日付は指定できません');
  }
  if (lastMonitoringOn && openedOn && lastMonitoringOn < openedOn) {
    problem('lastMonitoringOn', 'モニタリング実施日はケースの開始日以降にしてください');
  }

  const complete = CASELOAD_IMPORT_COLUMNS.every(
    (candidate) => !candidate.required || v[candidate.key] !== undefined,
  );
  if (problems.length || !complete || !birthDate || !openedOn) return { row: null, problems };

  const person: PersonInput = {
    name: v.name as string,
    kana: v.kana as string,
    birthDate,
    municipalityCode: v.municipalityCode as string,
    recipientNumber: v.recipientNumber as string,
    disabilityCategories: (v.disabilityCategories as DisabilityCategory[] | undefined) ?? [],
    supportLevel: (v.supportLevel as PersonInput['supportLevel'] | undefined) ?? 'not_assessed',
    familySituation: '',
    ...(v.sex !== undefined ? { sex: v.sex as PersonInput['sex'] & string } : {}),
    ...(v.address !== undefined ? { address: v.address as string } : {}),
    ...(v.phone !== undefined ? { phone: v.phone as string } : {}),
    ...(v.representativeName !== undefined
      ? {
          representative: {
            name: v.representativeName as string,
            relation: v.representativeRelation as NonNullable<PersonInput['representative']>['relation'],
            ...(v.representativePhone !== undefined ? { phone: v.representativePhone as string } : {}),
          },
        }
      : {}),
    ...(v.emergencyName !== undefined
      ? {
          emergencyContact: {
            name: v.emergencyName as string,
            relation: (v.emergencyRelation as string | undefined) ?? '',
            phone: v.emergencyPhone as string,
          },
        }
      : {}),
  };
  const monitoringPeriodMonths = v.monitoringPeriodMonths as PeriodMonths;
  const row: CaseloadImportRow = {
    rowNumber,
    person,
    specialistEmail: (v.specialistEmail as string).toLowerCase(),
    serviceKind: v.serviceKind as ServiceKind,
    phase: v.phase as CaseloadImportRow['phase'],
    serviceUseStatus: (v.serviceUseStatus as ServiceUseStatus | undefined) ?? 'not_started',
    planAuthor: v.planAuthor as PlanAuthor,
    ...(v.selfPlanReason !== undefined ? { selfPlanReason: v.selfPlanReason as SelfPlanReason } : {}),
    monitoringPeriodMonths,
    openedOn,
    ...(decidedOn && validFrom && validTo
      ? {
          decision: {
            decidedOn,
            validFrom,
            validTo,
            monitoringPeriodMonths,
            intensiveStart: v.intensiveStart === 'yes',
            services: [],
          },
        }
      : {}),
    ...(planCreatedOn ? { plan: { createdOn: planCreatedOn, ...(consentOn ? { consentOn } : {}) } } : {}),
    ...(lastMonitoringOn ? { lastMonitoringOn } : {}),
  };
  return { row, problems };
};

/** The column a problem about the recipient number (held elsewhere, twice in the file) names. */
export const RECIPIENT_NUMBER_HEADER = headerOf('recipientNumber');
export const SPECIALIST_HEADER = headerOf('specialistEmail');
export const MUNICIPALITY_HEADER = headerOf('municipalityCode');
