import { Me } from '@kikan/shared';
import { describe, expect, it, vi } from 'vitest';
import {
  ApiClient,
  ApiError,
  FORBIDDEN_MESSAGE,
  NETWORK_ERROR_MESSAGE,
  NetworkError,
  UNEXPECTED_RESPONSE_MESSAGE,
  filenameOfDisposition,
  formErrorsOfServerFields,
  isVersionMismatch,
  inputNameOfPath,
  inputNameOfServerField,
  userMessageOf,
} from './api.ts';

const me: Me = {
  tenantId: 'kibou-city',
  tenantName: '希望市',
  members: [{ code: '990001', name: '希望市' }],
  role: 'specialist',
  officeId: 'office-01',
  officeName: '希望相談支援センター',
  userId: 'user-000001',
  displayName: '佐藤 花子',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const errorBody = (code: string, message: string, fields?: { field: string; message: string }[]) => ({
  error: { code, message, requestId: 'req-1', ...(fields ? { fields } : {}) },
});

const clientWith = (respond: typeof fetch, token: string | null = 'token-1') => {
  const onUnauthorized = vi.fn();
  const fetchMock = vi.fn(respond);
  const client = new ApiClient({ token: () => token, onUnauthorized, fetch: fetchMock });
  return { client, fetchMock, onUnauthorized };
};

describe('field error mapping', () => {
  it('maps a body field path to the input of the same dotted name', () => {
    expect(inputNameOfServerField('body.person.kana')).toBe('person.kana');
    expect(inputNameOfServerField('body.openedOn')).toBe('openedOn');
  });

  it('attaches an error on an array element to the input group of the array', () => {
    expect(inputNameOfServerField('body.person.disabilityCategories.0')).toBe('person.disabilityCategories');
    expect(inputNameOfPath(['person', 'disabilityCategories', 2])).toBe('person.disabilityCategories');
  });

  it('maps query, path and whole-body errors to no input', () => {
    expect(inputNameOfServerField('query.limit')).toBeNull();
    expect(inputNameOfServerField('params.caseId')).toBeNull();
    expect(inputNameOfServerField('body')).toBeNull();
  });

  it('keeps the first message per input and sends the rest to the summary', () => {
    const errors = formErrorsOfServerFields([
      { field: 'body.person.kana', message: 'フリガナは全角カタカナで入力してください' },
      { field: 'body.person.kana', message: '100文字以内で入力してください' },
      { field: 'query.limit', message: '件数は100以下で指定してください' },
    ]);

    expect(errors).toEqual({
      byInput: { 'person.kana': 'フリガナは全角カタカナで入力してください' },
      general: ['件数は100以下で指定してください'],
    });
  });
});

describe('ApiClient', () => {
  it('sends the bearer token and returns the parsed response', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    const result = await client.get('/api/me', Me);

    expect(result).toEqual(me);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/me');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer token-1');
  });

  it('puts defined query values in the URL and drops empty ones', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    await client.get('/api/me', Me, { assigned: 'me', cursor: undefined, officeId: '' });

    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/me?assigned=me');
  });

  it('sends JSON and the Idempotency-Key header on a create', async () => {
    const { client, fetchMock } = clientWith(async () => json(201, me));

    await client.post('/api/cases', { a: 1 }, Me, { idempotencyKey: 'key-1' });

    const init = fetchMock.mock.calls[0]?.[1];
    const headers = new Headers(init?.headers);
    expect(init?.method).toBe('POST');
    expect(headers.get('Idempotency-Key')).toBe('key-1');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init?.body).toBe('{"a":1}');
  });

  it('turns a validation error into an ApiError carrying the Japanese message and field errors', async () => {
    const fields = [{ field: 'body.person.kana', message: 'フリガナは全角カタカナで入力してください' }];
    const { client } = clientWith(async () =>
      json(400, errorBody('validation_failed', '入力内容に誤りがあります', fields)),
    );

    const error = await client.post('/api/cases', {}, Me).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: '入力内容に誤りがあります',
      fields,
      requestId: 'req-1',
    });
  });

  it('ends the session on 401 with the server message', async () => {
    const { client, onUnauthorized } = clientWith(async () =>
      json(401, errorBody('unauthorized', 'ログインが必要です。もう一度ログインしてください')),
    );

    await expect(client.get('/api/me', Me)).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledWith('ログインが必要です。もう一度ログインしてください');
  });

  it('does not end the session on 403, and shows the fixed permission message', async () => {
    const { client, onUnauthorized } = clientWith(async () => json(403, errorBody('forbidden', 'forbidden')));

    const error = await client.get('/api/cases', Me).catch((caught: unknown) => caught);

    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(userMessageOf(error)).toBe(FORBIDDEN_MESSAGE);
  });

  it('reports a network failure as a NetworkError with a Japanese message', async () => {
    const { client } = clientWith(async () => {
      throw new TypeError('Failed to fetch');
    });

    const error = await client.get('/api/me', Me).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NetworkError);
    expect(userMessageOf(error)).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('treats an error body not in the shared shape (a proxy page) as an unexpected response', async () => {
    const { client } = clientWith(async () => new Response('<html>Bad Gateway</html>', { status: 502 }));

    const error = await client.get('/api/me', Me).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 502, message: UNEXPECTED_RESPONSE_MESSAGE });
  });

  it('rejects a success response that does not match the response schema', async () => {
    const { client } = clientWith(async () => json(200, { ...me, role: 'root' }));

    const error = await client.get('/api/me', Me).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'invalid_response', message: UNEXPECTED_RESPONSE_MESSAGE });
  });

  it('sends the version an edit started from as If-Match on an update', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    await client.patch('/api/cases/case-000001', { a: 1 }, Me, { version: 7 });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('PATCH');
    expect(new Headers(init?.headers).get('If-Match')).toBe('"7"');
  });

  it('sends a DELETE without a body, with the token, and parses the answer', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    const answer = await client.delete('/api/users/user-000002', Me);

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/users/user-000002');
    expect(init?.method).toBe('DELETE');
    expect(init?.body).toBeUndefined();
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer token-1');
    expect(new Headers(init?.headers).has('If-Match')).toBe(false);
    expect(answer).toEqual(me);
  });

  it('ends the session when a DELETE is refused with 401, like any call', async () => {
    const { client, onUnauthorized } = clientWith(async () =>
      json(401, errorBody('session_revoked', '利用者情報が変更されたため、ログインし直してください')),
    );

    const error = await client.delete('/api/users/user-000002', Me).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 401, code: 'session_revoked' });
    expect(onUnauthorized).toHaveBeenCalledWith('利用者情報が変更されたため、ログインし直してください');
  });

  it('sends no If-Match on a create', async () => {
    const { client, fetchMock } = clientWith(async () => json(201, me));

    await client.post('/api/cases', { a: 1 }, Me, { idempotencyKey: 'key-1' });

    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).has('If-Match')).toBe(false);
  });

  it('recognises a stale write (412) as a version mismatch', async () => {
    const { client } = clientWith(async () =>
      json(412, errorBody('version_mismatch', '他の人がこのデータを更新しました。')),
    );

    const error = await client.put('/api/x', {}, Me, { version: 1 }).catch((caught: unknown) => caught);

    expect(isVersionMismatch(error)).toBe(true);
    expect(isVersionMismatch(new ApiError(409, 'conflict', '重複'))).toBe(false);
  });
});

describe('file downloads', () => {
  it('fetches a CSV with the bearer token and keeps the name the server proposes', async () => {
    const csv = '事業所,開催日\nひまわり,2026-05-10\n';
    const { client, fetchMock } = clientWith(
      async () =>
        new Response(csv, {
          status: 200,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="participation.csv"; filename*=UTF-8''${encodeURIComponent('参加記録_ひまわり.csv')}`,
          },
        }),
    );

    const file = await client.download('/api/ledger/participation.csv', { fiscalYear: '2026', cursor: '' });

    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/ledger/participation.csv?fiscalYear=2026');
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('Authorization')).toBe('Bearer token-1');
    expect(file.filename).toBe('参加記録_ひまわり.csv');
    expect(await file.blob.text()).toBe(csv);
  });

  it('turns a refused download into the same ApiError as any call', async () => {
    const { client, onUnauthorized } = clientWith(async () => json(403, errorBody('forbidden', 'forbidden')));

    const error = await client.download('/api/audit.csv').catch((caught: unknown) => caught);

    expect(userMessageOf(error)).toBe(FORBIDDEN_MESSAGE);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reads the plain filename when no UTF-8 name is given, and never a directory part', () => {
    expect(filenameOfDisposition('attachment; filename="audit-2026-11-23.csv"')).toBe('audit-2026-11-23.csv');
    expect(filenameOfDisposition('attachment; filename=audit.csv')).toBe('audit.csv');
    expect(filenameOfDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameOfDisposition('attachment')).toBeNull();
    expect(filenameOfDisposition(null)).toBeNull();
  });
});
