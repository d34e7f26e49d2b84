import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, staticPortal, type Gateway } from '../../services/local/gateway.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 29: no request takes a host down. A path, an encoding or a header the gateway
 * cannot read is that request's 4xx; the next request is served as before.
 */

/** Sends the path exactly as written: fetch() would normalise or refuse a broken encoding first. */
const rawGet = (base: string, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const sent = httpRequest({ host: hostname, port, path, method: 'GET', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.end();
  });

const MALFORMED_PATHS = ['/%E0%A4%A', '/%', '/cases/%ZZ', '/%C0%AF', '/%ED%A0%80', '/..%2F..%2Fetc%2Fpasswd'];

describe('the static portal behind the local gateway (KIKAN_PORTAL=static)', () => {
  let buildDir: string;
  let api: TestApi;
  let gateway: Gateway;

  beforeAll(async () => {
    api = await startTestApi();
    buildDir = mkdtempSync(join(tmpdir(), 'kikan-portal-'));
    writeFileSync(join(buildDir, 'index.html'), '<!doctype html><title>基幹</title><div id="app"></div>');
    gateway = await startGateway({
      port: 0,
      issuer: api.stack.issuer,
      directory: () => Promise.resolve([]),
      portal: staticPortal(buildDir),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await api.stop();
    rmSync(buildDir, { recursive: true, force: true });
  });

  it.each(MALFORMED_PATHS)('answers %s with a 4xx or the portal, and keeps serving', async (path) => {
    const response = await rawGet(gateway.url, path);

    expect([200, 400, 404]).toContain(response.status);
    expect(response.body).not.toContain('/etc/passwd');
    const next = await rawGet(gateway.url, '/');
    expect(next.status).toBe(200);
    expect(next.body).toContain('基幹');
  });

  it('answers a broken percent-encoding with 400 naming the URL in Japanese', async () => {
    const response = await rawGet(gateway.url, '/%E0%A4%A');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.message).toBe('リクエストのURLが正しくありません');
  });
});

describe('the API behind the local gateway', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  it.each([
    '/api/cases/%E0%A4%A',
    '/api/cases/%',
    '/api/persons/%ED%A0%80',
    '/api/cases?limit=%E0%A4%A',
    '/api/cases?cursor=%',
    '/api/%E0%A4%A/x',
  ])('answers %s with a 4xx, and the next request is served', async (path) => {
    const token = await api.tokenOf('sato@kibou.example');

    const response = await rawGet(api.stack.url, path, { authorization: `Bearer ${token}` });

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const health = await rawGet(api.stack.url, '/api/health');
    expect(health.status).toBe(200);
  });
});
