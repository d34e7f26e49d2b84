import * as z from 'zod';

/**
 * Tenant ids become the leading part of every partition key (`T#<tenantId>#…`) and the
 * `dynamodb:LeadingKeys` condition in AWS, so they must never contain the key delimiter `#`
 * nor IAM wildcard characters (`*`, `?`).
 */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,39}$/;
export const TenantId = z.string().regex(TENANT_ID_PATTERN, { error: 'テナントIDの形式が正しくありません' });

/** Ids minted by the server: opaque, URL-safe, no delimiter. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
export const EntityId = z.string().regex(ENTITY_ID_PATTERN, { error: 'IDの形式が正しくありません' });

export const OfficeId = EntityId;
export const UserId = EntityId;
export const PersonId = EntityId;
export const CaseId = EntityId;

/**
 * 全国地方公共団体コード: 5 digits plus a check digit. Only the form is checked here; a new member's
 * check digit is checked by tenant.ts NewMemberMunicipality (the demo's fictional codes fail it).
 */
export const MunicipalityCode = z
  .string()
  .regex(/^\d{6}$/, { error: '市町村コードは6桁の数字で入力してください' });

/** 事業所番号 and 受給者証番号 are both 10 digits. */
export const OfficeNumber = z
  .string()
  .regex(/^\d{10}$/, { error: '事業所番号は10桁の数字で入力してください' });
export const RecipientNumber = z
  .string()
  .regex(/^\d{10}$/, { error: '受給者証番号は10桁の数字で入力してください' });

export const IsoDate = z.iso.date({ error: '日付の形式が正しくありません（YYYY-MM-DD）' });
export const IsoDateTime = z.iso.datetime();
