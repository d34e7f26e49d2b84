import type { ErrorCode, FieldError, LikelyDuplicate } from '@kikan/shared';
import type { RecordType } from './record-type.ts';

/**
 * The one error hierarchy. Messages are Japanese because the portal shows them as they are;
 * they never contain personal data or internals. Only the error handler turns these into HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly headers: Record<string, string> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[], message = '入力内容に誤りがあります') {
    super(400, 'validation_failed', message, fields);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'ログインが必要です。もう一度ログインしてください') {
    super(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer' });
  }
}

/**
 * A valid token whose user has since been removed, moved to another office or given another role
 * (SECURITY.md row 14): the session is over, so 401 like any dead session — the portal sends the
 * user back to the login page, where a new token carries the directory's current membership.
 */
export class SessionRevokedError extends AppError {
  constructor() {
    super(401, 'session_revoked', '利用者情報が変更されたため、ログインし直してください', undefined, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'この操作を行う権限がありません') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = '指定されたデータが見つかりません') {
    super(404, 'not_found', message);
  }
}

/** The record a refused write named: no content, only what the `denied` audit entry holds. */
export interface RefusedRecord {
  recordType: RecordType;
  recordId: string;
  /** The office that owns the record, when known. */
  recordOfficeId?: string;
}

/**
 * A write refused because the record exists but is not the caller's: the same 404 as a record
 * that does not exist, and `createFunction` leaves exactly one `denied` audit entry naming the
 * record, no content (SECURITY.md row 15, "denials too").
 */
export class AccessRefusedError extends NotFoundError {
  constructor(readonly refused: RefusedRecord) {
    super();
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldError[]) {
    super(409, 'conflict', message, fields);
  }
}

/** What a refused 受給者証番号 says when nothing better may be said (ADR 0025). */
export const RECIPIENT_NUMBER_TAKEN_MESSAGE = 'この受給者証番号はすでに登録されています';

/**
 * The transaction found the number's holder item held by another person (ADR 0025). Raised by the
 * data layer with the holder's id, which never leaves the server: the operation turns it into a
 * 409 that names the field and says only what the caller may know.
 */
export class RecipientNumberTakenError extends ConflictError {
  constructor(readonly holderPersonId: string) {
    super(RECIPIENT_NUMBER_TAKEN_MESSAGE);
  }
}

/**
 * The transaction found the 事業所番号's holder item already there (ADR 0031): another office of
 * the tenant has the number. The tenant admin sees every office, so nothing is withheld.
 */
export class OfficeNumberTakenError extends ConflictError {
  constructor() {
    super('この事業所番号はすでに登録されています', [
      {
        field: 'body.officeNumber',
        message: 'この事業所番号の事業所はすでに登録されています。事業所の一覧を確かめてください',
      },
    ]);
  }
}

/**
 * A staff e-mail another user of the tenant signs in with (ADR 0033), or a sign-in name the user
 * pool already has. The tenant admin sees the whole staff, so the message withholds nothing.
 */
export class UserEmailTakenError extends ConflictError {
  constructor() {
    super('このメールアドレスはすでに登録されています', [
      {
        field: 'body.email',
        message: 'このメールアドレスの職員はすでに登録されています。職員の一覧を確かめてください',
      },
    ]);
  }
}

/**
 * A new case whose person has the same kana and birth date as a case of the caller's office:
 * refused until the user confirms they are different people (`confirmNotDuplicate`, ADR 0025).
 */
export class LikelyDuplicateError extends ConflictError {
  constructor(
    readonly likelyDuplicates: LikelyDuplicate[],
    fields: FieldError[],
  ) {
    super('同じ人の記録がすでにあるかもしれません。確認してください', fields);
  }
}

export class VersionMismatchError extends AppError {
  constructor(currentVersion: number) {
    super(
      412,
      'version_mismatch',
      '他の人がこのデータを更新しました。最新の内容を読み込み直してください',
      undefined,
      { etag: `"${currentVersion}"` },
      { currentVersion },
    );
  }
}

export class PreconditionRequiredError extends AppError {
  constructor() {
    super(428, 'precondition_required', '更新するデータのバージョン（If-Match）を指定してください');
  }
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(
      422,
      'idempotency_key_reused',
      'この送信キーは別の操作・記録・内容で使われています。新しい送信として操作し直してください',
    );
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, 'unsupported_media_type', '送信形式は application/json にしてください');
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'ただいま混み合っています。しばらくしてからもう一度お試しください') {
    super(503, 'service_unavailable', message, undefined, {
      'retry-after': '1',
    });
  }
}
