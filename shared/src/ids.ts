import * as z from 'zod';
import { normaliseDigits, readDate } from './input-normalisation.ts';

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
 * A code of digits as typed (full-width digits, spaces around: ADR 0032), then checked in its one
 * stored form. The output side is the canonical pattern, which the API documents for responses.
 */
const digitCode = (pattern: RegExp, message: string) =>
  z
    .string({ error: message })
    .transform(normaliseDigits)
    .pipe(z.string().regex(pattern, { error: message }))
    .meta({ description: `${pattern.source}; full-width digits and spaces around are accepted` });

/**
 * 全国地方公共団体コード: 5 digits plus a check digit. Only the form is checked here; a new member's
 * check digit is checked by tenant.ts NewMemberMunicipality (the demo's fictional codes fail it).
 */
export const MunicipalityCode = digitCode(/^\d{6}$/, '市町村コードは6桁の数字で入力してください');

/** 事業所番号 and 受給者証番号 are both 10 digits. */
export const OfficeNumber = digitCode(/^\d{10}$/, '事業所番号は10桁の数字で入力してください');
export const RecipientNumber = digitCode(/^\d{10}$/, '受給者証番号は10桁の数字で入力してください');

/**
 * A calendar day, stored and answered as `YYYY-MM-DD`; read also as staff write it (令和8年4月1日,
 * R8.4.1, full-width digits: readDate, ADR 0032), refused with what is allowed in Japanese.
 */
export const IsoDate = z
  .string({ error: '日付を入力してください' })
  .transform((value, ctx) => {
    const reading = readDate(value);
    if (reading.ok) return reading.iso;
    ctx.issues.push({ code: 'custom', message: reading.message, input: value });
    return z.NEVER;
  })
  .pipe(z.iso.date())
  .meta({
    description:
      'YYYY-MM-DD; also accepted: 2026/4/1, 2026年4月1日, 令和8年4月1日, 令和元年5月1日, R8.4.1 (R/H/S/T), full-width digits',
  });
export const IsoDateTime = z.iso.datetime();
