import * as z from 'zod';
import { IsoDate, MunicipalityCode, PersonId, RecipientNumber } from './ids.ts';
import { normaliseKana } from './input-normalisation.ts';
import { Kana, requiredText, text } from './text.ts';

export const DISABILITY_CATEGORIES = [
  'physical',
  'intellectual',
  'mental',
  'developmental',
  'intractable_disease',
  'higher_brain_dysfunction',
  'severe_multiple',
  'medical_care',
] as const;
export const DisabilityCategory = z.enum(DISABILITY_CATEGORIES);
export type DisabilityCategory = z.infer<typeof DisabilityCategory>;

export const DISABILITY_CATEGORY_LABELS: Record<DisabilityCategory, string> = {
  physical: '身体',
  intellectual: '知的',
  mental: '精神',
  developmental: '発達',
  intractable_disease: '難病',
  higher_brain_dysfunction: '高次脳機能',
  severe_multiple: '重症心身',
  medical_care: '医療的ケア',
};

/** 障害支援区分: 非該当, 1–6, or not yet assessed (children have no 区分). */
export const SUPPORT_LEVELS = ['none', '1', '2', '3', '4', '5', '6', 'not_assessed'] as const;
export const SupportLevel = z.enum(SUPPORT_LEVELS);
export type SupportLevel = z.infer<typeof SupportLevel>;

export const SUPPORT_LEVEL_LABELS: Record<SupportLevel, string> = {
  none: '非該当',
  '1': '区分1',
  '2': '区分2',
  '3': '区分3',
  '4': '区分4',
  '5': '区分5',
  '6': '区分6',
  not_assessed: '未認定',
};

export const PersonInput = z.strictObject({
  name: requiredText(50),
  kana: Kana,
  birthDate: IsoDate,
  municipalityCode: MunicipalityCode,
  recipientNumber: RecipientNumber.optional(),
  disabilityCategories: z.array(DisabilityCategory).max(DISABILITY_CATEGORIES.length).default([]),
  supportLevel: SupportLevel.default('not_assessed'),
  familySituation: text(1000).default(''),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const Person = PersonInput.extend({
  personId: PersonId,
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Person = z.infer<typeof Person>;

/**
 * フリガナ as compared for likely duplicates: read as it is stored (hiragana and half-width typed
 * in a form are katakana), spaces and the middle dot left out, so 「やまだ\u3000たろう」 and
 * 「ヤマダタロウ」 are the same reading.
 */
export const kanaForComparison = (kana: string): string => normaliseKana(kana).replace(/[\s\u30FB]/g, '');

/**
 * One person, one record (ADR 0025): two records with the same reading of the name and the same
 * birth date are likely the same person, and a new one is saved only after an explicit check.
 */
export const isLikelySamePerson = (
  a: { kana: string; birthDate: string },
  b: { kana: string; birthDate: string },
): boolean => a.birthDate === b.birthDate && kanaForComparison(a.kana) === kanaForComparison(b.kana);
