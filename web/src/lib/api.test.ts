import { Me } from '@kikan/shared';
import { exportAuditRoute, getMeRoute, removeUserRoute } from '@kikan/shared/contracts/admin';
import { getPlanRoute, listCasesRoute } from '@kikan/shared/contracts/caseload';
import { defineRoute } from '@kikan/shared/contracts/route';
import { healthRoute, refreshSessionRoute } from '@kikan/shared/contracts/platform';
import { exportParticipationRoute } from '@kikan/shared/contracts/supervision';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as z from 'zod';
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
  mayCall,
  inputNameOfPath,
  pathOf,
  type InputOf,
  type ResponseOf,
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
  confirmsFigures: false,
  digestEnabled: false,
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

/** Routes shaped for the tests: any body, the `Me` answer, so each test checks one thing. */
const testRoute = <M extends 'POST' | 'PUT' | 'PATCH' | 'GET'>(method: M, path: `/api/${string}`) =>
  defineRoute({
    method,
    path,
    context: 'caseload',
    access: ['specialist'],
    summary: 'test',
    params: z.strictObject({ caseId: z.string() }).partial(),
    query: z.strictObject({ assigned: z.string(), cursor: z.string(), officeId: z.string() }).partial(),
    body: z.record(z.string(), z.unknown()),
    response: Me,
    successStatus: 200,
  });
const createRoute = testRoute('POST', '/api/cases');
const patchRoute = testRoute('PATCH', '/api/cases/{caseId}');
const putRoute = testRoute('PUT', '/api/x');
const listRoute = testRoute('GET', '/api/me');

describe('paths of routes', () => {
  it('puts each parameter in its place, encoded', () => {
    expect(pathOf(getPlanRoute, { caseId: 'case-000001', planVersion: 3 })).toBe(
      '/api/cases/case-000001/plans/3',
    );
    expect(pathOf(getPlanRoute, { caseId: 'a/b c?', planVersion: 1 })).toBe(
      '/api/cases/a%2Fb%20c%3F/plans/1',
    );
    expect(pathOf(getMeRoute)).toBe('/api/me');
  });

  it('refuses to call a route whose path parameter is missing', () => {
    expect(() => pathOf(getPlanRoute, { caseId: 'case-000001' })).toThrow(/planVersion/);
    expect(() => pathOf(removeUserRoute, { userId: '' })).toThrow(/userId/);
  });

  it('types the input and the answer from the route', () => {
    expectTypeOf<ResponseOf<typeof getMeRoute>>().toEqualTypeOf<Me>();
    expectTypeOf<InputOf<typeof getPlanRoute>['params']>().toEqualTypeOf<{
      caseId: string;
      planVersion: unknown;
    }>();
    expectTypeOf<InputOf<typeof getMeRoute>>().toEqualTypeOf<
      { params?: undefined } & { query?: undefined } & {
        body?: undefined;
      }
    >();
  });
});

describe('who may call a route', () => {
  it('follows the access the route contract lists, deny by default', () => {
    expect(mayCall('specialist', listCasesRoute)).toBe(true);
    expect(mayCall('tenant_admin', listCasesRoute)).toBe(false);
    expect(mayCall('tenant_admin', removeUserRoute)).toBe(true);
    expect(mayCall('specialist', removeUserRoute)).toBe(false);
    expect(mayCall('municipal_officer', healthRoute)).toBe(true);
  });
});

describe('ApiClient', () => {
  it('sends the bearer token and returns the parsed response', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    const result = await client.call(getMeRoute);

    expect(result).toEqual(me);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/me');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer token-1');
  });

  it('names the office a part-timer acts for in the office header, and none when there is no choice (ADR 0033)', async () => {
    let office: string | null = null;
    const fetchMock = vi.fn(async () => json(200, me));
    const client = new ApiClient({
      token: () => 'token-1',
      office: () => office,
      onUnauthorized: vi.fn(),
      fetch: fetchMock,
    });

    await client.call(getMeRoute);
    office = 'aozora';
    await client.call(getMeRoute);

    const sent = fetchMock.mock.calls.map(
      (call) => new Headers(((call as unknown[])[1] as RequestInit | undefined)?.headers),
    );
    expect(sent.map((headers) => headers.get('x-kikan-office'))).toEqual([null, 'aozora']);
  });

  it('puts defined query values in the URL and drops empty ones', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    await client.call(listRoute, { query: { assigned: 'me', cursor: undefined, officeId: '' } });

    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/me?assigned=me');
  });

  it('sends JSON and the Idempotency-Key header on a create', async () => {
    const { client, fetchMock } = clientWith(async () => json(201, me));

    await client.call(createRoute, { body: { a: 1 } }, { idempotencyKey: 'key-1' });

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

    const error = await client.call(createRoute, { body: {} }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: '入力内容に誤りがあります',
      fields,
      requestId: 'req-1',
    });
  });

  it('carries the likely duplicates of a refused new case, and none on other errors (ADR 0025)', async () => {
    const fields = [
      { field: 'body.confirmNotDuplicate', message: '同じフリガナと生年月日の利用者がこの事業所にいます' },
    ];
    const likelyDuplicates = [{ caseId: 'case-1', caseCode: 'C-0001' }];
    const { client } = clientWith(async () =>
      json(409, {
        error: {
          code: 'conflict',
          message: '確認してください',
          requestId: 'req-1',
          fields,
          likelyDuplicates,
        },
      }),
    );

    const error = await client.call(createRoute, { body: {} }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 409, fields, likelyDuplicates });
    const other = await clientWith(async () => json(409, errorBody('conflict', '競合しました')))
      .client.call(createRoute, { body: {} })
      .catch((caught: unknown) => caught);
    expect(other).toMatchObject({ status: 409, likelyDuplicates: [] });
  });

  it('ends the session on 401 with the server message', async () => {
    const { client, onUnauthorized } = clientWith(async () =>
      json(401, errorBody('unauthorized', 'ログインが必要です。もう一度ログインしてください')),
    );

    await expect(client.call(getMeRoute)).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledWith('ログインが必要です。もう一度ログインしてください');
  });

  it('does not end the session on 403, and shows the fixed permission message', async () => {
    const { client, onUnauthorized } = clientWith(async () => json(403, errorBody('forbidden', 'forbidden')));

    const error = await client.call(listCasesRoute).catch((caught: unknown) => caught);

    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(userMessageOf(error)).toBe(FORBIDDEN_MESSAGE);
  });

  it('reports a network failure as a NetworkError with a Japanese message', async () => {
    const { client } = clientWith(async () => {
      throw new TypeError('Failed to fetch');
    });

    const error = await client.call(getMeRoute).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NetworkError);
    expect(userMessageOf(error)).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('treats an error body not in the shared shape (a proxy page) as an unexpected response', async () => {
    const { client } = clientWith(async () => new Response('<html>Bad Gateway</html>', { status: 502 }));

    const error = await client.call(getMeRoute).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 502, message: UNEXPECTED_RESPONSE_MESSAGE });
  });

  it('rejects a success response that does not match the response schema', async () => {
    const { client } = clientWith(async () => json(200, { ...me, role: 'root' }));

    const error = await client.call(getMeRoute).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'invalid_response', message: UNEXPECTED_RESPONSE_MESSAGE });
  });

  it('sends the version an edit started from as If-Match on an update', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    await client.call(patchRoute, { params: { caseId: 'case-000001' }, body: { a: 1 } }, { version: 7 });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('PATCH');
    expect(new Headers(init?.headers).get('If-Match')).toBe('"7"');
  });

  it('sends a DELETE without a body, with the token, and parses the answer', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    const answer = await client.call(
      { ...removeUserRoute, response: Me },
      { params: { userId: 'user-000002' } },
    );

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

    const error = await client
      .call(removeUserRoute, { params: { userId: 'user-000002' } })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 401, code: 'session_revoked' });
    expect(onUnauthorized).toHaveBeenCalledWith('利用者情報が変更されたため、ログインし直してください');
  });

  it('sends no If-Match on a create', async () => {
    const { client, fetchMock } = clientWith(async () => json(201, me));

    await client.call(createRoute, { body: { a: 1 } }, { idempotencyKey: 'key-1' });

    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).has('If-Match')).toBe(false);
  });

  it('builds the path from the params and the query from the route, numbers as text', async () => {
    const { client, fetchMock } = clientWith(async () =>
      json(200, { items: [], nextCursor: null, total: 0, truncated: false }),
    );

    await client.call(listCasesRoute, { query: { limit: 100, cursor: 'abc', assigned: undefined } });
    await expect(
      client.call(getPlanRoute, { params: { caseId: 'case 1', planVersion: 2 } }),
    ).rejects.toMatchObject({
      code: 'invalid_response',
    });

    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      '/api/cases?limit=100&cursor=abc',
      '/api/cases/case%201/plans/2',
    ]);
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('GET');
    expect(init?.body).toBeUndefined();
    expect(new Headers(init?.headers).has('Content-Type')).toBe(false);
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
  });

  it('sends an empty JSON object on a write whose route takes no body', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));
    const approve = { ...removeUserRoute, method: 'POST' as const, response: Me };

    await client.call(
      approve,
      { params: { userId: 'user-000002' } },
      { version: 3, idempotencyKey: 'key-2' },
    );

    const init = fetchMock.mock.calls[0]?.[1];
    const headers = new Headers(init?.headers);
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{}');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('If-Match')).toBe('"3"');
    expect(headers.get('Idempotency-Key')).toBe('key-2');
  });

  it('sends the version as If-Match on a DELETE', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    await client.call(
      { ...removeUserRoute, response: Me },
      { params: { userId: 'user-000002' } },
      { version: 4 },
    );

    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('If-Match')).toBe('"4"');
  });

  it('keeps files and JSON apart: a raw route is downloaded, a JSON route is called', async () => {
    const { client, fetchMock } = clientWith(async () => json(200, me));

    const period = { from: '2026-11-01', to: '2026-11-30' };
    await expect(client.call(exportAuditRoute, { query: period })).rejects.toThrow(/download/);
    await expect(client.download(getMeRoute)).rejects.toThrow(/call/);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('recognises a stale write (412) as a version mismatch', async () => {
    const { client } = clientWith(async () =>
      json(412, errorBody('version_mismatch', '他の人がこのデータを更新しました。')),
    );

    const error = await client
      .call(putRoute, { body: {} }, { version: 1 })
      .catch((caught: unknown) => caught);

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

    const file = await client.download(exportParticipationRoute, {
      query: { fiscalYear: '2026', officeId: '' },
    });

    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/ledger/participation.csv?fiscalYear=2026');
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('Authorization')).toBe('Bearer token-1');
    expect(file.filename).toBe('参加記録_ひまわり.csv');
    expect(await file.blob.text()).toBe(csv);
  });

  it('turns a refused download into the same ApiError as any call', async () => {
    const { client, onUnauthorized } = clientWith(async () => json(403, errorBody('forbidden', 'forbidden')));

    const error = await client
      .download(exportAuditRoute, { query: { from: '2026-11-01', to: '2026-11-30' } })
      .catch((caught: unknown) => caught);

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

describe('silent re-sign-in on 401 (ADR 0037)', () => {
  const renewingClient = (responses: Response[], renewed: boolean) => {
    let token = 'expired';
    const onUnauthorized = vi.fn();
    const renew = vi.fn(async () => {
      if (renewed) token = 'fresh';
      return renewed;
    });
    const fetchMock = vi.fn<typeof fetch>(async () => {
      const next = responses.shift();
      if (!next) throw new Error('no more answers');
      return next;
    });
    const client = new ApiClient({ token: () => token, onUnauthorized, renew, fetch: fetchMock });
    const sentTokens = () =>
      fetchMock.mock.calls.map(([, init]) => new Headers(init?.headers).get('Authorization'));
    return { client, onUnauthorized, renew, sentTokens };
  };

  it('renews once and sends the same request again with the new token; the session goes on', async () => {
    const { client, onUnauthorized, renew, sentTokens } = renewingClient(
      [json(401, errorBody('unauthorized', 'ログインが必要です')), json(200, me)],
      true,
    );
    await expect(client.call(getMeRoute)).resolves.toEqual(me);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(sentTokens()).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('ends the session when the renewal fails', async () => {
    const { client, onUnauthorized, renew } = renewingClient(
      [json(401, errorBody('unauthorized', 'ログインが必要です'))],
      false,
    );
    await expect(client.call(getMeRoute)).rejects.toMatchObject({ status: 401 });
    expect(renew).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).toHaveBeenCalledExactlyOnceWith('ログインが必要です');
  });

  it('does not renew a session the directory revoked: the user signs in again', async () => {
    const { client, onUnauthorized, renew } = renewingClient(
      [json(401, errorBody('session_revoked', '利用者情報が変更されたため、ログインし直してください'))],
      true,
    );
    await expect(client.call(getMeRoute)).rejects.toMatchObject({ status: 401, code: 'session_revoked' });
    expect(renew).not.toHaveBeenCalled();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("leaves the session routes' own 401 alone: no renewal, no ended session", async () => {
    const { client, onUnauthorized, renew } = renewingClient(
      [json(401, errorBody('unauthorized', 'ログインの有効期間が終わりました'))],
      true,
    );
    await expect(client.call(refreshSessionRoute)).rejects.toMatchObject({ status: 401 });
    expect(renew).not.toHaveBeenCalled();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
