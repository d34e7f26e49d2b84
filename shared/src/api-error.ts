import * as z from 'zod';

export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'session_revoked',
  'forbidden',
  'not_found',
  'conflict',
  'version_mismatch',
  'precondition_required',
  'idempotency_key_reused',
  'unsupported_media_type',
  'rate_limited',
  'service_unavailable',
  'internal_error',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.strictObject({
  /** Dotted path into the request, prefixed by where it came from: `body.person.kana`, `query.limit`. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/**
 * A case of the caller's own office that may be the same person as the one being registered
 * (same kana and birth date): shown before saving, so the user can open it instead (ADR 0025).
 */
export const LikelyDuplicate = z.strictObject({ caseId: z.string(), caseCode: z.string() });
export type LikelyDuplicate = z.infer<typeof LikelyDuplicate>;

/** The one error shape every route returns. */
export const ErrorResponse = z.strictObject({
  error: z.strictObject({
    code: ErrorCode,
    message: z.string(),
    fields: z.array(FieldError).optional(),
    /** Only on the 409 of a likely duplicate (field `body.confirmNotDuplicate`). */
    likelyDuplicates: z.array(LikelyDuplicate).optional(),
    requestId: z.string(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
