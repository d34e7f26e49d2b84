import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { LocalDemoUser, type PortalConfig } from '@kikan/shared';
import { contentSecurityPolicy, inlineScriptHashes } from '@kikan/shared/content-security-policy';
import * as z from 'zod';
import { IMPORT_MAX_BYTES } from '@kikan/shared/import-file';
import { config } from '../src/config.ts';
import { LOCAL_UPLOAD_PATH, verifyLocalUpload, writeLocalUpload } from '../src/data/import-files.ts';
import { MAX_BODY_BYTES, bodyTooLargeError } from '../src/http/parse-input.ts';
import { lambdaContext, matchRoute, toApiGatewayEvent } from './api-event.ts';
import { FUNCTIONS } from './functions.ts';
import { LocalAuthorizationServer } from './authorization-server.ts';
import { LOCAL_CLIENT_ID, type LocalIssuer } from './issuer.ts';
import type { LocalDirectoryEntry } from './local-directory.ts';
import { LOCAL_MAIL_PATH, serveLocalMail } from './mail-page.ts';

export const LOCAL_AUTH_PATH = '/local-auth';
/**
 * The handlers refuse a body over MAX_BODY_BYTES; the gateway stops reading there too, so a huge
 * body never sits in memory: the same 400 as the handler's, sent before the rest is read.
 */
const MAX_REQUEST_BYTES = MAX_BODY_BYTES;

class BodyTooLarge extends Error {}

export type PortalHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface GatewayOptions {
  port: number;
  issuer: LocalIssuer;
  /**
   * The users the local login lists and the issuer signs for, read at each call (ADR 0033): tokens
   * carry the current office and role, a removed user is gone, and a user added a moment ago is there.
   */
  directory: () => Promise<LocalDirectoryEntry[]>;
  /** Milliseconds since the epoch for the local authorization server's expiries (tests move it). */
  clock?: () => number;
  /** Serves everything that is not /api or /local-auth: Vite in middleware mode, or the built SPA. */
  portal?: PortalHandler;
  /** The local mail catcher's folder (ADR 0038), shown at /local-mail/. */
  mailDir?: string;
}

export interface Gateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Reads the body up to the cap. Past it, the rest is drained and dropped (never held), and the
 * caller answers at once: the client still gets its 400 rather than a reset connection.
 */
const readBody = (request: IncomingMessage, maxBytes = MAX_REQUEST_BYTES): Promise<Buffer> =>
  new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(request.headers['content-length'] ?? 0) > maxBytes ? Infinity : 0;
    if (size === Infinity) reject(new BodyTooLarge());
    request.on('data', (chunk: Buffer) => {
      if (size > maxBytes) return;
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
};

const notFound = (response: ServerResponse, requestId = 'local') =>
  sendJson(response, 404, {
    error: { code: 'not_found', message: '指定されたページが見つかりません', requestId },
  });

const TokenRequest = z.strictObject({ email: z.email() });
const CodeRequest = z.strictObject({
  email: z.email(),
  codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  redirectUri: z.url(),
});

const jsonOf = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
};

const handleLocalAuth = async (
  options: GatewayOptions,
  authorizationServer: LocalAuthorizationServer,
  method: string,
  path: string,
  body: Buffer,
  response: ServerResponse,
) => {
  const { issuer, directory } = options;
  // The hosted login's stand-in (ADR 0037): a code for a listed user, then Cognito's token endpoints.
  if (method === 'POST' && path === `${LOCAL_AUTH_PATH}/code`) {
    const parsed = CodeRequest.safeParse(jsonOf(body));
    const code = parsed.success
      ? await authorizationServer.authorize(
          parsed.data.email,
          parsed.data.codeChallenge,
          parsed.data.redirectUri,
        )
      : null;
    if (!code) {
      return sendJson(response, 400, {
        error: { code: 'validation_failed', message: 'ユーザーが見つかりません', requestId: 'local-auth' },
      });
    }
    return sendJson(response, 200, { code });
  }
  if (method === 'POST' && path === `${LOCAL_AUTH_PATH}/oauth2/token`) {
    const answer = await authorizationServer.token(new URLSearchParams(body.toString('utf8')));
    return sendJson(response, answer.status, answer.body);
  }
  if (method === 'POST' && path === `${LOCAL_AUTH_PATH}/oauth2/revoke`) {
    authorizationServer.revoke(new URLSearchParams(body.toString('utf8')));
    return sendJson(response, 200, {});
  }
  if (method === 'GET' && path === `${LOCAL_AUTH_PATH}/.well-known/jwks.json`) {
    return sendJson(response, 200, issuer.jwks(), { 'cache-control': 'max-age=300' });
  }
  if (method === 'GET' && path === `${LOCAL_AUTH_PATH}/users`) {
    const items = (await directory()).map((entry) => LocalDemoUser.parse(entry.listed));
    return sendJson(response, 200, { items });
  }
  if (method === 'POST' && path === `${LOCAL_AUTH_PATH}/token`) {
    const parsed = TokenRequest.safeParse(jsonOf(body));
    const user = parsed.success
      ? (await directory()).find((entry) => entry.user.email === parsed.data.email)?.user
      : undefined;
    if (!user) {
      return sendJson(response, 400, {
        error: {
          code: 'validation_failed',
          message: 'ユーザーが見つかりません',
          requestId: 'local-auth',
        },
      });
    }
    const accessToken = await issuer.mint(user);
    return sendJson(response, 200, { accessToken, expiresIn: 3600 });
  }
  return notFound(response);
};

const handleApi = async (request: IncomingMessage, response: ServerResponse, url: URL, body: Buffer) => {
  const method = request.method ?? 'GET';
  const matched = matchRoute(method, url.pathname);
  if (!matched) return notFound(response);
  const event = toApiGatewayEvent(
    { method, url, headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
    matched.route,
    matched.pathParameters,
  );
  const handler = FUNCTIONS[matched.route.context];
  const result = await handler(
    event,
    lambdaContext(`kikan-${matched.route.context}`, event.requestContext.requestId),
  );
  const headers: Record<string, string | string[]> = { ...result.headers };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode, headers);
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
};

/**
 * The local stand-in for S3's pre-signed PUT (ADR 0034): the URL's signature, expiry and size are
 * checked as S3 checks its own; the file lands in the local import folder.
 */
const handleUpload = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
  const imports = config().imports;
  const target = imports?.mode === 'local' ? verifyLocalUpload(imports, url, new Date()) : null;
  if (request.method !== 'PUT' || !target) {
    request.resume();
    return sendJson(response, 403, {
      error: {
        code: 'forbidden',
        message: 'アップロードのURLが正しくないか、期限が切れています',
        requestId: 'local',
      },
    });
  }
  const body = await readBody(request, IMPORT_MAX_BYTES);
  if (body.length !== target.size) {
    return sendJson(response, 400, {
      error: { code: 'validation_failed', message: 'ファイルの大きさが申告と違います', requestId: 'local' },
    });
  }
  await writeLocalUpload(target.path, body);
  response.writeHead(200, { 'cache-control': 'no-store' });
  response.end();
};

/**
 * The local stand-in for API Gateway + CloudFront: /api/* becomes API Gateway v2 events for the
 * very Lambda handlers, /local-auth/* is the local issuer, /config.json tells the portal it runs
 * locally, and everything else is the portal.
 */
export const startGateway = async (options: GatewayOptions): Promise<Gateway> => {
  const portalConfig: PortalConfig = { mode: 'local', localAuthBase: LOCAL_AUTH_PATH };
  const authorizationServer = new LocalAuthorizationServer(
    options.issuer,
    LOCAL_CLIENT_ID,
    async (email) => (await options.directory()).find((entry) => entry.user.email === email)?.user,
    options.clock,
  );
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const isAuth = url.pathname.startsWith(`${LOCAL_AUTH_PATH}/`);
    if (url.pathname.startsWith(LOCAL_UPLOAD_PATH)) {
      handleUpload(request, response, url).catch((error: unknown) => {
        if (error instanceof BodyTooLarge && !response.headersSent) {
          sendJson(
            response,
            400,
            {
              error: {
                code: 'validation_failed',
                message: 'ファイルが大きすぎます（10MBまで）',
                requestId: 'local',
              },
            },
            { connection: 'close' },
          );
        } else answerFailure(response, error);
      });
      return;
    }
    if (!isApi && !isAuth) {
      if (url.pathname === '/config.json') return sendJson(response, 200, portalConfig);
      const mailDir = options.mailDir;
      if (mailDir && (url.pathname === LOCAL_MAIL_PATH || url.pathname.startsWith(`${LOCAL_MAIL_PATH}/`))) {
        serveLocalMail(mailDir, url.pathname, response).catch((error: unknown) =>
          answerFailure(response, error),
        );
        return;
      }
      if (options.portal) return options.portal(request, response);
      return notFound(response);
    }
    readBody(request)
      .then((body) =>
        isApi
          ? handleApi(request, response, url, body)
          : handleLocalAuth(options, authorizationServer, method, url.pathname, body, response),
      )
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge && !response.headersSent) {
          const refusal = bodyTooLargeError();
          sendJson(
            response,
            refusal.status,
            {
              error: {
                code: refusal.code,
                message: refusal.message,
                fields: refusal.fields,
                requestId: 'local',
              },
            },
            { connection: 'close' },
          );
          return;
        }
        if (!response.headersSent) {
          sendJson(response, 500, {
            error: {
              code: 'internal_error',
              message: 'ローカルゲートウェイでエラーが発生しました',
              requestId: 'local',
            },
          });
        } else response.end();
      });
  };
  // No input may take the host down (SECURITY.md row 29): whatever a request makes throw is its own
  // failure, answered and logged without the URL (which may hold an id), never the process's.
  const server = createServer((request, response) => {
    response.on('error', () => undefined);
    try {
      serve(request, response);
    } catch (error) {
      answerFailure(response, error);
    }
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    server,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
};

/** A request the gateway cannot read (a broken percent-encoding): the client's error, a 400. */
export class MalformedRequestError extends Error {}

const answerFailure = (response: ServerResponse, error: unknown) => {
  const malformed = error instanceof MalformedRequestError || error instanceof URIError;
  if (!malformed)
    process.stderr.write(`gateway: request failed (${error instanceof Error ? error.name : 'error'})\n`);
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, malformed ? 400 : 500, {
    error: malformed
      ? { code: 'validation_failed', message: 'リクエストのURLが正しくありません', requestId: 'local' }
      : { code: 'internal_error', message: 'ローカルゲートウェイでエラーが発生しました', requestId: 'local' },
  });
};

/** decodeURIComponent, with a broken encoding (`%E0%A4%A`) as the request's own 400. */
const decodePath = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new MalformedRequestError();
  }
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built SPA (web/build) with the SPA fallback CloudFront applies. */
export const staticPortal = (buildDir: string): PortalHandler => {
  const root = resolve(buildDir);
  // The same policy CloudFront sends in AWS, with the hash of SvelteKit's inline start-up script.
  const securityHeaders = {
    'content-security-policy': contentSecurityPolicy({
      connectTo: [],
      inlineScripts: inlineScriptHashes(readFileSync(join(root, 'index.html'), 'utf8')),
    }),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const candidate = normalize(join(root, decodePath(url.pathname)));
    const inside = candidate.startsWith(root);
    const file =
      inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(root, 'index.html');
    const immutable = file.includes(`${join('_app', 'immutable')}`);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...securityHeaders,
    });
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  };
};
