import * as z from 'zod';
import { formatJapaneseEraDate } from './calendar.ts';
import { MonitoringPeriodMonths, type MonitoringPeriodMonths as PeriodMonths } from './case.ts';
import { IsoDate, RecipientNumber } from './ids.ts';
import type { ImportColumn, ImportProblem, ImportValues } from './import-file.ts';
import { normaliseDigits } from './input-normalisation.ts';
import { Kana, requiredText, text } from './text.ts';

/**
 * The municipality's service decisions (支給決定, issue 15 point 3): the municipality's export,
 * one row per person and service. Rows of one person with the same period are one decision with
 * several services; the decision goes to every open case of that person in the tenant (ADR 0034).
 */

const MonthsCell = z
  .string()
  .transform((value) => Number(normaliseDigits(value).replace(/(か|ヶ|ケ|カ)?月$/, '')))
  .pipe(MonitoringPeriodMonths);

const column = <K extends string>(
  key: K,
  header: string,
  schema: z.ZodType,
  example: string,
  required = false,
): ImportColumn<K> => ({ key, header, schema, example, required });

export const DECISIONS_IMPORT_COLUMNS = [
  column('recipientNumber', '受給者証番号', RecipientNumber, '2099990001', true),
  column('kana', 'カナ氏名', Kana, 'ヤマダ タロウ', true),
  column('birthDate', '生年月日', IsoDate, '平成10年4月2日', true),
  column('service', 'サービス種類', requiredText(100), '生活介護', true),
  column('validFrom', '支給決定期間 開始', IsoDate, '令和8年4月1日', true),
  column('validTo', '支給決定期間 終了', IsoDate, '令和9年3月31日', true),
  column('amount', '支給量', text(100), '22日/月'),
  column('consultationFrom', '計画相談支援給付費の支給期間 開始', IsoDate, '令和8年4月1日'),
  column('consultationTo', '計画相談支援給付費の支給期間 終了', IsoDate, '令和9年3月31日'),
  column('monitoringPeriodMonths', 'モニタリング期間（月）', MonthsCell, '3', true),
] as const;

export type DecisionsImportKey = (typeof DECISIONS_IMPORT_COLUMNS)[number]['key'];

export interface DecisionsImportRow {
  rowNumber: number;
  recipientNumber: string;
  kana: string;
  birthDate: string;
  validFrom: string;
  validTo: string;
  monitoringPeriodMonths: PeriodMonths;
  /** What ServiceDecisionInput.services holds: 「サービス種類 支給量」, and the consultation period. */
  services: string[];
}

const headerOf = (key: DecisionsImportKey): string =>
  DECISIONS_IMPORT_COLUMNS.find((candidate) => candidate.key === key)?.header ?? key;

export const DECISIONS_RECIPIENT_NUMBER_HEADER = headerOf('recipientNumber');
export const DECISIONS_VALID_FROM_HEADER = headerOf('validFrom');

export const decisionsRowOf = (
  values: ImportValues<DecisionsImportKey>,
  rowNumber: number,
): { row: DecisionsImportRow | null; problems: ImportProblem[] } => {
  const problems: ImportProblem[] = [];
  const problem = (key: DecisionsImportKey, message: string) =>
    problems.push({ row: rowNumber, column: headerOf(key), message });
  const v = values as Record<DecisionsImportKey, unknown>;
  const date = (key: DecisionsImportKey) => v[key] as string | undefined;
  const validFrom = date('validFrom');
  const validTo = date('validTo');
  if (validFrom && validTo && validTo <= validFrom) {
    problem('validTo', '支給決定期間の終了日は開始日より後にしてください');
  }
  const consultationFrom = date('consultationFrom');
  const consultationTo = date('consultationTo');
  if ((consultationFrom === undefined) !== (consultationTo === undefined)) {
    problem(
      consultationFrom === undefined ? 'consultationFrom' : 'consultationTo',
      '計画相談支援給付費の支給期間は開始と終了を両方入力してください',
    );
  }
  if (consultationFrom && consultationTo && consultationTo <= consultationFrom) {
    problem('consultationTo', '計画相談支援給付費の支給期間の終了日は開始日より後にしてください');
  }
  const complete = DECISIONS_IMPORT_COLUMNS.every(
    (candidate) => !candidate.required || v[candidate.key] !== undefined,
  );
  if (problems.length || !complete || !validFrom || !validTo) return { row: null, problems };
  const amount = v.amount as string | undefined;
  return {
    row: {
      rowNumber,
      recipientNumber: v.recipientNumber as string,
      kana: v.kana as string,
      birthDate: v.birthDate as string,
      validFrom,
      validTo,
      monitoringPeriodMonths: v.monitoringPeriodMonths as PeriodMonths,
      services: [
        amount ? `${v.service as string} ${amount}` : (v.service as string),
        ...(consultationFrom && consultationTo
          ? [
              // Shown as written on the 受給者証: in 和暦, like every date the portal shows.
              `計画相談支援給付費 ${formatJapaneseEraDate(consultationFrom)}〜${formatJapaneseEraDate(consultationTo)}`,
            ]
          : []),
      ],
    },
    problems,
  };
};
