import * as z from 'zod';
import { IsoDate, MunicipalityCode, PersonId, RecipientNumber } from './ids.ts';
import { normaliseDigits, normaliseHyphens, normaliseKana } from './input-normalisation.ts';
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

export const SEXES = ['male', 'female'] as const;
export const Sex = z.enum(SEXES, { error: '性別は「男性」「女性」から選んでください' });
export type Sex = z.infer<typeof Sex>;
export const SEX_LABELS: Record<Sex, string> = { male: '男性', female: '女性' };

/**
 * A Japanese telephone number as staff write it: full-width digits and any dash are accepted and
 * stored with ASCII digits and hyphens; 10 or 11 digits in all, starting with 0.
 */
export const PhoneNumber = z
  .string({ error: '電話番号を入力してください' })
  .transform((value) =>
    normaliseHyphens(normaliseDigits(value))
      .replace(/[()（）\s]/g, '-')
      .replace(/-+/g, '-'),
  )
  .pipe(
    z
      .string()
      .regex(/^0[\d-]+\d$/, {
        error: '電話番号は0から始まる数字とハイフンで入力してください（例：026-123-4567）',
      })
      .refine((value) => /^\d{10,11}$/.test(value.replaceAll('-', '')), {
        error: '電話番号は市外局番から10桁または11桁で入力してください',
      }),
  )
  .meta({ description: '0 then 10–11 digits in all, hyphens allowed; full-width digits accepted' });

/** Who represents the person legally or in practice (成年後見制度, 親権, family). */
export const REPRESENTATIVE_RELATIONS = [
  'guardian',
  'curator',
  'assistant',
  'parent',
  'family',
  'other',
] as const;
export const RepresentativeRelation = z.enum(REPRESENTATIVE_RELATIONS, {
  error: '続柄・関係を選んでください',
});
export type RepresentativeRelation = z.infer<typeof RepresentativeRelation>;
export const REPRESENTATIVE_RELATION_LABELS: Record<RepresentativeRelation, string> = {
  guardian: '成年後見人',
  curator: '保佐人',
  assistant: '補助人',
  parent: '親権者',
  family: '家族',
  other: 'その他',
};

export const Representative = z.strictObject({
  name: requiredText(50),
  relation: RepresentativeRelation,
  phone: PhoneNumber.optional(),
});
export type Representative = z.infer<typeof Representative>;

export const EmergencyContact = z.strictObject({
  name: requiredText(50),
  /** As the person says it (母, 兄, グループホーム世話人…). */
  relation: text(20).default(''),
  phone: PhoneNumber,
});
export type EmergencyContact = z.infer<typeof EmergencyContact>;

/**
 * How an office reaches the person: personal data under the same rules as the name — never in
 * pseudonymised views, logs, cursors or URLs.
 */
export const PERSON_CONTACT_FIELDS = [
  'sex',
  'address',
  'phone',
  'representative',
  'emergencyContact',
] as const;

export const PersonInput = z.strictObject({
  name: requiredText(50),
  kana: Kana,
  birthDate: IsoDate,
  municipalityCode: MunicipalityCode,
  recipientNumber: RecipientNumber.optional(),
  disabilityCategories: z.array(DisabilityCategory).max(DISABILITY_CATEGORIES.length).default([]),
  supportLevel: SupportLevel.default('not_assessed'),
  familySituation: text(1000).default(''),
  sex: Sex.optional(),
  address: text(200).optional(),
  phone: PhoneNumber.optional(),
  representative: Representative.optional(),
  emergencyContact: EmergencyContact.optional(),
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
