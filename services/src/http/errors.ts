import type { ErrorCode, FieldError } from '@kikan/shared';

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

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
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
    super(422, 'idempotency_key_reused', '同じ送信キーで異なる内容が送信されました');
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `送信内容が大きすぎます（上限 ${Math.floor(limitBytes / 1024)} KB）`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, 'unsupported_media_type', '送信形式は application/json にしてください');
  }
}

export class ServiceUnavailableError extends AppError {
  constructor() {
    super(
      503,
      'service_unavailable',
      'ただいま混み合っています。しばらくしてからもう一度お試しください',
      undefined,
      {
        'retry-after': '1',
      },
    );
  }
}
