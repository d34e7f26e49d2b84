import * as z from 'zod';
import { OfficeId, OfficeNumber } from './ids.ts';
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

export const OfficeList = z.strictObject({ items: z.array(Office) });
export type OfficeList = z.infer<typeof OfficeList>;
