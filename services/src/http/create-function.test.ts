import { ErrorResponse, ORIGIN_VERIFY_HEADER, type TenantContext } from '@kikan/shared';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { currentScope } from '../data/request-scope.ts';
import { bind, createFunction } from './create-function.ts';
import { createHandler, type TenantHooks } from './function-core.ts';
import { bind as bindPublic, createPublicFunction } from './public-function.ts';
import { ConflictError, NotFoundError, SessionRevokedError, ValidationError } from '../kernel/errors.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, rawFile } from './raw-response.ts';
import { defineRoute, type GuardedOperation, type RouteDefinition } from './route.ts';
import { apiGatewayEvent, lambdaContext } from './test-fixtures.ts';

const NoteInput = z.strictObject({ text: z.string().min(1) });
const Note = z.strictObject({ noteId: z.string(), text: z.string(), version: z.number().int().positive() });

const createNoteRoute = defineRoute({
  method: 'POST',
  path: '/api/test/notes',
  context: 'platform',
  access: 'public',
  summary: 'A public test route',
  body: NoteInput,
  response: Note,
  successStatus: 201,
});

const privateNoteRoute = defineRoute({
  method: 'GET',
  path: '/api/test/private-notes',
  context: 'platform',
  access: ['specialist', 'office_manager'],
  summary: 'A protected test route',
  response: Note,
  successStatus: 200,
});

const exportRoute = defineRoute({
  method: 'GET',
  path: '/api/test/notes.csv',
  context: 'platform',
  access: 'public',
  summary: 'A public test route answering a file',
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

const workbookRoute = defineRoute({
  method: 'GET',
  path: '/api/test/notes.xlsx',
  context: 'platform',
  access: 'public',
  summary: 'A public test route answering a binary file',
  response: rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' }),
  successStatus: 200,
  raw: true,
});

const REQUEST_ID = 'Zy9Xw8Vu7Ts6=';

const httpEvent = (
  route: Pick<RouteDefinition, 'method' | 'path'>,
  parts: { headers?: Record<string, string>; body?: string } = {},
) => apiGatewayEvent(route, { ...parts, requestId: REQUEST_ID });

const noteRequest = (text: string) =>
  httpEvent(createNoteRoute, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });

const errorBodyOf = (body: string) => ErrorResponse.parse(JSON.parse(body));

beforeAll(() => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
  vi.stubEnv('TABLE_NAME', 'test-table');
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createFunction: dispatch', () => {
  it("answers with the route's success status and the validated body", async () => {
    const handler = createFunction([
      bind(createNoteRoute, async ({ body }) => ({ noteId: 'note_0001', text: body.text, version: 1 })),
    ]);

    const response = await handler(noteRequest('初回面談'), lambdaContext());

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toEqual({ noteId: 'note_0001', text: '初回面談', version: 1 });
  });

  it('passes the parsed body, the request id and null as the context of a public route to the operation', async () => {
    const operation = vi.fn(async () => ({ noteId: 'note_0001', text: 'x', version: 1 }));
    const handler = createFunction([bind(createNoteRoute, operation)]);

    await handler(noteRequest('初回面談'), lambdaContext());

    expect(operation).toHaveBeenCalledWith(
      expect.objectContaining({
        body: { text: '初回面談' },
        ctx: null,
        requestId: REQUEST_ID,
        now: expect.any(Date),
      }),
    );
  });

  it('sends the version of the returned record as etag', async () => {
    const handler = createFunction([
      bind(createNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 3 })),
    ]);

    const response = await handler(noteRequest('x'), lambdaContext());

    expect(response.headers.etag).toBe('"3"');
  });

  it('marks a successful response as not cacheable', async () => {
    const handler = createFunction([
      bind(createNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 1 })),
    ]);

    const response = await handler(noteRequest('x'), lambdaContext());

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 404 for a routeKey no binding serves', async () => {
    const handler = createFunction([
      bind(createNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 1 })),
    ]);

    const response = await handler(httpEvent({ method: 'DELETE', path: '/api/test/notes' }), lambdaContext());

    expect(response.statusCode).toBe(404);
    expect(errorBodyOf(response.body).error.code).toBe('not_found');
  });

  it('answers 400 without calling the operation when the input is invalid', async () => {
    const operation = vi.fn(async () => ({ noteId: 'note_0001', text: 'x', version: 1 }));
    const handler = createFunction([bind(createNoteRoute, operation)]);

    const response = await handler(noteRequest(''), lambdaContext());

    expect(response.statusCode).toBe(400);
    expect(errorBodyOf(response.body).error.fields?.map(({ field }) => field)).toEqual(['body.text']);
    expect(operation).not.toHaveBeenCalled();
  });
});

describe('createFunction: response validation', () => {
  it('answers 500 when the operation returns a body that does not match the response schema', async () => {
    const handler = createFunction([
      bind(createNoteRoute, async () => ({
        noteId: 'note_0001',
        text: 'x',
        version: 1,
        personName: '佐藤 花子',
      })),
    ]);

    const response = await handler(noteRequest('x'), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('佐藤 花子');
    expect(errorBodyOf(response.body).error.code).toBe('internal_error');
  });

  it('answers 500 when a returned value breaks a rule of the response schema', async () => {
    const handler = createFunction([
      bind(createNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 0 })),
    ]);

    const response = await handler(noteRequest('x'), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(response.headers.etag).toBeUndefined();
  });
});

describe('createFunction: authentication', () => {
  const protectedFunction = () =>
    createFunction([bind(privateNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 1 }))]);

  it.each([
    ['no Authorization header', {}],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a bearer value that is not a JWT', { authorization: 'Bearer not-a-jwt' }],
    ['an empty bearer value', { authorization: 'Bearer ' }],
  ])('answers 401 with www-authenticate: Bearer for %s', async (_description, headers) => {
    const operation = vi.fn(async () => ({ noteId: 'note_0001', text: 'x', version: 1 }));
    const handler = createFunction([bind(privateNoteRoute, operation)]);

    const response = await handler(httpEvent(privateNoteRoute, { headers }), lambdaContext());

    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(errorBodyOf(response.body).error.code).toBe('unauthorized');
    expect(operation).not.toHaveBeenCalled();
  });

  it('checks the token before the input, so an anonymous caller learns nothing about validation', async () => {
    const event = httpEvent(privateNoteRoute, { headers: { 'x-tenant-id': 'other-tenant' } });

    const response = await protectedFunction()(event, lambdaContext());

    expect(response.statusCode).toBe(401);
  });
});

describe('createFunction: raw routes', () => {
  it('sends the returned file as it is, with its media type and an attachment name', async () => {
    const handler = createFunction([
      bind(exportRoute, async () => ({
        contentType: CSV_CONTENT_TYPE,
        body: '\uFEFF日付,名称\r\n',
        filename: '参加記録 2026.csv',
      })),
    ]);

    const response = await handler(httpEvent(exportRoute), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('\uFEFF日付,名称\r\n');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="____ 2026.csv"; filename*=UTF-8''${encodeURIComponent('参加記録 2026.csv')}`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.etag).toBeUndefined();
  });

  it('leaves a text file unmarked, so API Gateway sends it as it is', async () => {
    const handler = createFunction([
      bind(exportRoute, async () => ({ contentType: CSV_CONTENT_TYPE, body: '\uFEFFa\r\n' })),
    ]);

    const response = await handler(httpEvent(exportRoute), lambdaContext());

    expect(response.isBase64Encoded).toBeUndefined();
  });

  it('marks a binary file as base64, so API Gateway decodes it to bytes for the client', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    const handler = createFunction([
      bind(workbookRoute, async () => ({
        contentType: XLSX_CONTENT_TYPE,
        body: bytes.toString('base64'),
        encoding: 'base64' as const,
        filename: '実績.xlsx',
      })),
    ]);

    const response = await handler(httpEvent(workbookRoute), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(true);
    expect(Buffer.from(response.body, 'base64')).toEqual(bytes);
    expect(response.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('実績.xlsx')}`,
    );
  });

  it('answers 500 when a raw operation returns something other than its declared file', async () => {
    const handler = createFunction([
      bind(exportRoute, async () => ({ contentType: 'text/html', body: '<p>x</p>' }) as never),
    ]);

    const response = await handler(httpEvent(exportRoute), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('createFunction: the session check (SECURITY.md row 14)', () => {
  const SATO: TenantContext = {
    tenantId: 'kibougaoka',
    officeId: 'himawari',
    role: 'specialist',
    userId: 'user-sato',
  };
  const verifier = async () => SATO;
  const signedIn = (requestId = REQUEST_ID) =>
    apiGatewayEvent(privateNoteRoute, { headers: { authorization: 'Bearer a.b.c' }, requestId });
  const note = { noteId: 'note_0001', text: 'x', version: 1 };

  it('answers when the directory still stands behind the token, with the caller in the request scope', async () => {
    const seen: (TenantContext | null | undefined)[] = [];
    const checked: TenantContext[] = [];
    const handler = createFunction(
      [
        bind(privateNoteRoute, async () => {
          seen.push(currentScope()?.ctx);
          return note;
        }),
      ],
      { verifier, checkMembership: async (ctx) => void checked.push(ctx) },
    );

    const response = await handler(signedIn(), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(seen).toEqual([SATO]);
    expect(checked).toEqual([SATO]);
  });

  it('answers 401 session_revoked even when the operation, run beside the check, succeeded', async () => {
    const handler = createFunction([bind(privateNoteRoute, async () => note)], {
      verifier,
      checkMembership: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new SessionRevokedError();
      },
    });

    const response = await handler(signedIn(), lambdaContext());

    expect(response.statusCode).toBe(401);
    expect(errorBodyOf(response.body).error.code).toBe('session_revoked');
    expect(response.body).not.toContain('note_0001');
  });

  it('answers 401 rather than the 404 the operation gave, so a revoked user learns nothing', async () => {
    const handler = createFunction(
      [
        bind(privateNoteRoute, async () => {
          throw new NotFoundError();
        }),
      ],
      {
        verifier,
        checkMembership: async () => {
          throw new SessionRevokedError();
        },
      },
    );

    const response = await handler(signedIn(), lambdaContext());

    expect(response.statusCode).toBe(401);
  });

  it('keeps each request in its own scope when two run at once', async () => {
    const contexts = new Map<string, TenantContext>([
      ['Bearer t.one.x', SATO],
      [
        'Bearer t.two.x',
        { ...SATO, tenantId: 'hokushin', officeId: 'hokushin-sakura', userId: 'user-yamamoto' },
      ],
    ]);
    let calls = 0;
    const handler = createFunction(
      [
        bind(privateNoteRoute, async () => {
          const before = currentScope()?.ctx?.tenantId;
          calls += 1;
          if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 10));
          return { ...note, text: `${before}/${currentScope()?.ctx?.tenantId}` };
        }),
      ],
      {
        verifier: async (token) => contexts.get(`Bearer ${token}`) ?? SATO,
        checkMembership: async () => undefined,
      },
    );
    const event = (token: string, requestId: string) =>
      apiGatewayEvent(privateNoteRoute, { headers: { authorization: token }, requestId });

    const [one, two] = await Promise.all([
      handler(event('Bearer t.one.x', 'req-1'), lambdaContext()),
      handler(event('Bearer t.two.x', 'req-2'), lambdaContext()),
    ]);

    expect(JSON.parse(one.body).text).toBe('kibougaoka/kibougaoka');
    expect(JSON.parse(two.body).text).toBe('hokushin/hokushin');
  });
});

describe('createPublicFunction', () => {
  it('serves public routes without the data layer', async () => {
    const handler = createPublicFunction([
      bindPublic(createNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 1 })),
    ]);

    expect((await handler(noteRequest('x'), lambdaContext())).statusCode).toBe(201);
  });

  it('refuses, when built, a protected route: it would run without its session check', () => {
    expect(() =>
      createPublicFunction([
        bindPublic(privateNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 1 })),
      ]),
    ).toThrow(/tenant checks/);
  });
});

describe('origin verification (requests must come through CloudFront)', () => {
  const SECRET = 'a-secret-of-cloudfront-0123456789';
  const handler = createHandler(
    [bindPublic(createNoteRoute, async () => ({ noteId: 'note_0001', text: 'x', version: 1 }))],
    { originVerifySecret: SECRET },
  );
  const withOrigin = (value?: string) =>
    httpEvent(createNoteRoute, {
      headers: {
        'content-type': 'application/json',
        ...(value === undefined ? {} : { [ORIGIN_VERIFY_HEADER]: value }),
      },
      body: JSON.stringify({ text: 'x' }),
    });

  it('serves a request carrying the secret', async () => {
    expect((await handler(withOrigin(SECRET), lambdaContext())).statusCode).toBe(201);
  });

  it.each([
    ['without the header', undefined],
    ['with another value', 'a-secret-of-cloudfront-0123456780'],
    ['with a prefix of it', SECRET.slice(0, 10)],
    ['with an empty value', ''],
  ])('refuses a request %s with 403 in the stable shape, before any route runs', async (_, value) => {
    const response = await handler(withOrigin(value), lambdaContext());
    expect(response.statusCode).toBe(403);
    expect(errorBodyOf(response.body).error.code).toBe('forbidden');
  });
});

describe('createFunction: guarded operations and the idempotent replay (SECURITY.md row 24)', () => {
  const SATO: TenantContext = {
    tenantId: 'kibougaoka',
    officeId: 'himawari',
    role: 'specialist',
    userId: 'user-sato',
  };
  const recordNoteRoute = defineRoute({
    method: 'POST',
    path: '/api/test/cases/{caseId}/notes',
    context: 'caseload',
    access: ['specialist'],
    summary: 'A protected idempotent test route on a record',
    params: z.strictObject({ caseId: z.string() }),
    body: NoteInput,
    response: Note,
    successStatus: 201,
    idempotent: true,
  });
  const retried = (caseId: string) =>
    apiGatewayEvent(recordNoteRoute, {
      pathParameters: { caseId },
      headers: {
        authorization: 'Bearer a.b.c',
        'content-type': 'application/json',
        'idempotency-key': 'retry-0001-abcdef',
      },
      body: JSON.stringify({ text: '初回面談' }),
      requestId: REQUEST_ID,
    });
  const storedNote = { noteId: 'note_stored', text: '初回面談', version: 1 };
  const handlerWith = (
    operation: GuardedOperation<typeof recordNoteRoute, string>,
    readReplay: TenantHooks['readReplay'],
  ) =>
    createHandler([bind(recordNoteRoute, operation)], {
      verifier: async () => SATO,
      tenant: {
        createVerifier: () => async () => SATO,
        checkMembership: async () => undefined,
        readReplay,
        cursorKey: async () => Buffer.alloc(32, 7),
        auditRefusal: async () => undefined,
      },
    });

  it('refuses to build a function whose idempotent route is bound to a plain operation', () => {
    const plain = async () => storedNote;

    expect(() => createFunction([bind(recordNoteRoute, plain)])).toThrow(/idempotent/);
  });

  it('never looks for a stored answer when the caller may not act on the target: the refusal answers', async () => {
    const readReplay = vi.fn(async () => ({ body: storedNote }));
    const run = vi.fn(async () => storedNote);
    const handler = handlerWith(
      {
        authorize: async () => {
          throw new NotFoundError();
        },
        run,
      },
      readReplay,
    );

    const response = await handler(retried('case-of-another-office'), lambdaContext());

    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('note_stored');
    expect(readReplay).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it('answers a retry allowed on its target with the stored response, without running the work again', async () => {
    const order: string[] = [];
    const run = vi.fn(async () => ({ noteId: 'note_new', text: 'x', version: 1 }));
    const handler = handlerWith(
      {
        authorize: async ({ params }) => {
          order.push(`authorize ${params.caseId}`);
          return params.caseId;
        },
        run,
      },
      async () => {
        order.push('replay');
        return { body: storedNote };
      },
    );

    const response = await handler(retried('own-case'), lambdaContext());

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toEqual(storedNote);
    expect(order).toEqual(['authorize own-case', 'replay']);
    expect(run).not.toHaveBeenCalled();
  });

  it('runs the work on what authorize returned when nothing was stored under the key', async () => {
    const handler = handlerWith(
      {
        authorize: async ({ params }) => `loaded ${params.caseId}`,
        run: async ({ body }, target) => ({
          noteId: 'note_new',
          text: `${target}: ${body.text}`,
          version: 1,
        }),
      },
      async () => null,
    );

    const response = await handler(retried('own-case'), lambdaContext());

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body).text).toBe('loaded own-case: 初回面談');
  });

  it("answers a 409 of run's own checks with the first send's answer when that send committed meanwhile", async () => {
    // Concurrent sends of one key: none finds a stored answer, the first writes, a twin's own check
    // (a likely duplicate) then sees the first one's record. The twin gets the first answer.
    const stored = [null, { body: storedNote }];
    const readReplay = vi.fn(async () => stored.shift() ?? null);
    const handler = handlerWith(
      {
        authorize: async () => 'own-case',
        run: async () => {
          throw new ConflictError('同じ人の記録がすでにあるかもしれません');
        },
      },
      readReplay,
    );

    const response = await handler(retried('own-case'), lambdaContext());

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toEqual(storedNote);
    expect(readReplay).toHaveBeenCalledTimes(2);
  });

  it('keeps a 409 of run when nothing was stored under the key, and never looks again on other refusals', async () => {
    const readReplay = vi.fn(async () => null);
    const refusing = (error: Error) =>
      handlerWith({ authorize: async () => 'own-case', run: async () => Promise.reject(error) }, readReplay);

    const conflict = await refusing(new ConflictError('この受給者証番号はすでに登録されています'))(
      retried('own-case'),
      lambdaContext(),
    );
    expect(conflict.statusCode).toBe(409);
    expect(readReplay).toHaveBeenCalledTimes(2);

    readReplay.mockClear();
    const invalid = await refusing(
      new ValidationError([{ field: 'body.text', message: '入力してください' }]),
    )(retried('own-case'), lambdaContext());
    expect(invalid.statusCode).toBe(400);
    expect(readReplay).toHaveBeenCalledTimes(1);
  });
});

describe('createFunction: the version check of versioned routes', () => {
  const SATO: TenantContext = {
    tenantId: 'kibougaoka',
    officeId: 'himawari',
    role: 'specialist',
    userId: 'user-sato',
  };
  const editNoteRoute = defineRoute({
    method: 'PUT',
    path: '/api/test/notes/{noteId}',
    context: 'caseload',
    access: ['specialist'],
    summary: 'A protected versioned, idempotent test route',
    params: z.strictObject({ noteId: z.string() }),
    body: NoteInput,
    response: Note,
    successStatus: 200,
    idempotent: true,
    versioned: true,
  });
  type Stored = { noteId: string; text: string; version: number };
  const current: Stored = { noteId: 'note_1', text: '初回面談', version: 3 };
  const edit = (headers: Record<string, string>) =>
    apiGatewayEvent(editNoteRoute, {
      pathParameters: { noteId: 'note_1' },
      headers: { authorization: 'Bearer a.b.c', 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ text: '変更' }),
      requestId: REQUEST_ID,
    });
  const handlerWith = (
    operation: GuardedOperation<typeof editNoteRoute, Stored>,
    readReplay: TenantHooks['readReplay'] = async () => null,
  ) =>
    createHandler([bind(editNoteRoute, operation)], {
      verifier: async () => SATO,
      tenant: {
        createVerifier: () => async () => SATO,
        checkMembership: async () => undefined,
        readReplay,
        cursorKey: async () => Buffer.alloc(32, 7),
        auditRefusal: async () => undefined,
      },
    });
  const editing = (run = vi.fn(async (_input: unknown, target: Stored) => ({ ...target, version: 4 }))) => ({
    authorize: async () => current,
    versionOf: (target: Stored) => target.version,
    run,
  });

  it('refuses to build a versioned route without an operation that names the version, and the reverse', () => {
    const plain = async () => current;
    const unversioned = { authorize: async () => current, run: async () => current };
    const { versioned: _versioned, ...withoutFlag } = editNoteRoute;
    const { idempotent: _idempotent, ...notIdempotent } = editNoteRoute;

    expect(() => createFunction([bind(notIdempotent, plain)])).toThrow(/versioned/);
    expect(() => createFunction([bind(editNoteRoute, unversioned)])).toThrow(/versioned/);
    expect(() => createFunction([bind(withoutFlag, editing())])).toThrow(/versioned: true/);
  });

  it('answers 428 without If-Match, before any work', async () => {
    const operation = editing();

    const response = await handlerWith(operation)(edit({}), lambdaContext());

    expect(response.statusCode).toBe(428);
    const body = ErrorResponse.parse(JSON.parse(response.body));
    expect(body.error.code).toBe('precondition_required');
    expect(body.error.message).toBe('更新するデータのバージョン（If-Match）を指定してください');
    expect(operation.run).not.toHaveBeenCalled();
  });

  it('answers 412 with the current version as ETag when If-Match is stale, before any work', async () => {
    const operation = editing();

    const response = await handlerWith(operation)(edit({ 'if-match': '"2"' }), lambdaContext());

    expect(response.statusCode).toBe(412);
    expect(response.headers?.etag).toBe('"3"');
    const body = ErrorResponse.parse(JSON.parse(response.body));
    expect(body.error.code).toBe('version_mismatch');
    expect(body.error.message).toBe('他の人がこのデータを更新しました。最新の内容を読み込み直してください');
    expect(operation.run).not.toHaveBeenCalled();
  });

  it('runs the work at the current version', async () => {
    const operation = editing();

    const response = await handlerWith(operation)(edit({ 'if-match': '"3"' }), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(response.headers?.etag).toBe('"4"');
    expect(operation.run).toHaveBeenCalledTimes(1);
  });

  it('lets the refusal of authorize answer first: a record the caller may not act on is a 404, not a 428', async () => {
    const run = vi.fn(async () => current);
    const handler = handlerWith({
      authorize: async () => {
        throw new NotFoundError();
      },
      versionOf: (target) => target.version,
      run,
    });

    expect((await handler(edit({}), lambdaContext())).statusCode).toBe(404);
    expect(run).not.toHaveBeenCalled();
  });

  it('answers a retry with its first answer although its own write moved the version on', async () => {
    // The first request wrote version 4; its retry still names the version 3 it was based on.
    const stored = { ...current, text: '変更', version: 4 };
    const operation = { ...editing(), authorize: async () => stored };
    const handler = handlerWith(operation, async () => ({ body: stored }));

    const response = await handler(
      edit({ 'if-match': '"3"', 'idempotency-key': 'retry-0001-abcdef' }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(stored);
    expect(operation.run).not.toHaveBeenCalled();
  });
});
