import * as z from 'zod';
import { MunicipalityCode, OfficeId, OfficeNumber } from './ids.ts';
import { requiredText } from './text.ts';

/** Office kinds from seed 000's table. */
export const OFFICE_TYPES = [
  'child_plan_consultation',
  'plan_consultation',
  'community_transition',
  'community_settlement',
  'core_center',
  'community_activity_center',
  'comprehensive_consultation',
  'education_medical_liaison',
  'developmental_support_center',
  'outreach',
  'municipal_division',
] as const;
export const OfficeType = z.enum(OFFICE_TYPES);
export type OfficeType = z.infer<typeof OfficeType>;

export const OFFICE_TYPE_LABELS: Record<OfficeType, string> = {
  child_plan_consultation: '障害児相談支援事業所',
  plan_consultation: '特定相談支援事業所',
  community_transition: '地域移行支援',
  community_settlement: '地域定着支援',
  core_center: '基幹相談支援センター',
  community_activity_center: '地域活動支援センター',
  comprehensive_consultation: '委託・包括相談支援',
  education_medical_liaison: '教育・医療連携型相談支援室',
  developmental_support_center: '発達支援相談センター',
  outreach: '訪問型相談支援（アウトリーチ）',
  municipal_division: '市町村障害福祉担当課',
};

export const Office = z.strictObject({
  officeId: OfficeId,
  name: requiredText(100),
  type: OfficeType,
  operator: requiredText(100),
  /** 事業所番号: only designated offices have one. */
  officeNumber: OfficeNumber.optional(),
  municipalityCode: z.string().regex(/^\d{6}$/),
});
export type Office = z.infer<typeof Office>;

/**
 * The designated (指定) kinds: 障害児相談支援, 特定相談支援 and 一般相談支援 (地域移行・地域定着) are
 * designated by the prefecture and carry a 事業所番号. The others — the core center, the
 * municipality's own division, commissioned and municipal programmes — have none of their own (the
 * demo and the provisioning example give them none), so for them the number is optional.
 */
export const DESIGNATED_OFFICE_TYPES: readonly OfficeType[] = [
  'child_plan_consultation',
  'plan_consultation',
  'community_transition',
  'community_settlement',
];

export const OFFICE_NUMBER_REQUIRED_MESSAGE = 'この種別の事業所は事業所番号（10桁）を入力してください';

/**
 * An office the tenant admin adds: the server makes its id. The municipality must be one of the
 * tenant's members and the number unique in the tenant; the operation checks both.
 */
export const OfficeInput = z
  .strictObject({
    type: OfficeType,
    name: requiredText(100),
    operator: requiredText(100),
    officeNumber: OfficeNumber.optional(),
    municipalityCode: MunicipalityCode,
  })
  .superRefine((office, context) => {
    if (DESIGNATED_OFFICE_TYPES.includes(office.type) && office.officeNumber === undefined) {
      context.addIssue({ code: 'custom', path: ['officeNumber'], message: OFFICE_NUMBER_REQUIRED_MESSAGE });
    }
  });
export type OfficeInput = z.infer<typeof OfficeInput>;

/** What an edit may change: the name and the operator. Type, number and municipality stay. */
export const OfficeChange = z.strictObject({
  name: requiredText(100),
  operator: requiredText(100),
});
export type OfficeChange = z.infer<typeof OfficeChange>;

export const OfficeParams = z.strictObject({ officeId: OfficeId });

/** An office as the API shows it: with its version, for an edit's If-Match (0: never edited). */
export const OfficeView = Office.extend({ version: z.number().int().min(0) });
export type OfficeView = z.infer<typeof OfficeView>;

export const OfficeList = z.strictObject({ items: z.array(OfficeView) });
export type OfficeList = z.infer<typeof OfficeList>;
