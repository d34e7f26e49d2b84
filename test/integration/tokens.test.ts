import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../services/local/demo-data.ts';
import { LOCAL_CLIENT_ID, LocalIssuer } from '../../services/local/issuer.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Forged, expired and misdirected tokens are all 401. Claim checks are isolated: those tokens are
 * signed with the issuer's real key, so only the claim under test is wrong.
 */

let api: TestApi;
const sato = DEMO_USERS.find((user) => user.email === 'sato@kibou.example');
if (!sato) throw new Error('demo user missing');

const now = () => Math.floor(Date.now() / 1000);
const validClaims = (overrides: Record<string, unknown> = {}) => ({
  iss: api.stack.issuer.issuerUrl,
  sub: sato.userId,
  iat: now(),
  exp: now() + 600,
  token_use: 'access',
  client_id: LOCAL_CLIENT_ID,
  'custom:tenant': sato.tenantId,
  'custom:office': sato.officeId,
  'custom:role': sato.role,
  ...overrides,
});
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const statusWith = async (token: string) => {
  const response = await api.call('GET', '/api/cases', { token });
  if (response.status === 401) {
    expect(response.json.error.code).toBe('unauthorized');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.text).not.toContain(token);
  }
  return response.status;
};

describe('access tokens', () => {
  it('accepts a well-formed token signed by the issuer (control case)', async () => {
    expect(await statusWith(await api.stack.issuer.signClaims(validClaims()))).toBe(200);
  });

  it('rejects a token signed by another key under the same kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'RS256', kid: api.stack.issuer.kid })
      .sign(privateKey);
    expect(await statusWith(token)).toBe(401);
  });

  it('rejects a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await api.stack.issuer.signClaims(validClaims())).split('.');
    const altered = base64url(validClaims({ 'custom:office': 'aozora' }));
    expect(await statusWith(`${header}.${altered}.${signature}`)).toBe(401);
  });

  it('rejects an expired token', async () => {
    expect(await statusWith(await api.stack.issuer.signClaims(validClaims({ exp: now() - 60 })))).toBe(401);
  });

  it('rejects a token whose nbf is in the future', async () => {
    expect(await statusWith(await api.stack.issuer.signClaims(validClaims({ nbf: now() + 3600 })))).toBe(401);
  });

  it('rejects a token of another issuer, even signed with our key', async () => {
    expect(
      await statusWith(await api.stack.issuer.signClaims(validClaims({ iss: 'http://127.0.0.1:1/evil' }))),
    ).toBe(401);
  });

  it('rejects a token issued to another client', async () => {
    expect(
      await statusWith(await api.stack.issuer.signClaims(validClaims({ client_id: 'other-client' }))),
    ).toBe(401);
  });

  it('rejects an ID token used as an access token', async () => {
    expect(await statusWith(await api.stack.issuer.signClaims(validClaims({ token_use: 'id' })))).toBe(401);
  });

  it('rejects a token without the tenant claim, or with a tenant id carrying the key delimiter', async () => {
    expect(
      await statusWith(await api.stack.issuer.signClaims(validClaims({ 'custom:tenant': undefined }))),
    ).toBe(401);
    expect(
      await statusWith(await api.stack.issuer.signClaims(validClaims({ 'custom:tenant': 'kibougaoka#X' }))),
    ).toBe(401);
  });

  it('rejects a token with an unknown role', async () => {
    expect(
      await statusWith(await api.stack.issuer.signClaims(validClaims({ 'custom:role': 'superuser' }))),
    ).toBe(401);
  });

  it('rejects alg none', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(validClaims())}.`;
    expect(await statusWith(token)).toBe(401);
  });

  it('rejects HS256 signed with the public key as the secret', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(api.stack.issuer.jwks().keys[0]));
    const token = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'HS256', kid: api.stack.issuer.kid })
      .sign(secret);
    expect(await statusWith(token)).toBe(401);
  });

  it('rejects a token whose kid is unknown', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'RS256', kid: 'unknown-key' })
      .sign(privateKey);
    expect(await statusWith(token)).toBe(401);
  });

  it('rejects a token from a different local issuer', async () => {
    const other = await LocalIssuer.open('http://127.0.0.1:1/other');
    expect(await statusWith(await other.mint(sato))).toBe(401);
  });

  it('rejects a malformed Authorization header', async () => {
    const token = await api.stack.issuer.signClaims(validClaims());
    for (const value of [`Basic ${token}`, `Bearer`, `Bearer ${token} extra`, token]) {
      const response = await api.call('GET', '/api/cases', { headers: { authorization: value } });
      expect(response.status, value.slice(0, 12)).toBe(401);
    }
  });
});
