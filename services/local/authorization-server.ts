import { createHash, randomBytes } from 'node:crypto';
import type { LocalIssuer, TokenSubject } from './issuer.ts';
import { TOKEN_LIFETIME_SECONDS } from './issuer.ts';

/**
 * The local stand-in for the hosted login's OAuth 2.0 endpoints (ADR 0037), so the sign-in session
 * runs the same code locally as in AWS: the local login page asks for an authorization code for a
 * user of the local directory (where Cognito would ask for a password), and the session routes
 * exchange it at `/oauth2/token` with the PKCE verifier, refresh with the refresh token, and revoke
 * it at `/oauth2/revoke`, as they do with Cognito. Codes and refresh tokens live in memory: a
 * restart of `npm start` ends every local session.
 */
const CODE_LIFETIME_MS = 5 * 60 * 1000;
/** Cognito's refresh token validity for the portal client (infra/src/auth.ts). */
const REFRESH_LIFETIME_MS = 10 * 60 * 60 * 1000;

interface IssuedCode {
  email: string;
  codeChallenge: string;
  redirectUri: string;
  expiresAt: number;
}

export type TokenAnswer =
  | {
      status: 200;
      body: { access_token: string; token_type: 'Bearer'; expires_in: number; refresh_token?: string };
    }
  | { status: 400; body: { error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' } };

const random = () => randomBytes(32).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class LocalAuthorizationServer {
  readonly #codes = new Map<string, IssuedCode>();
  readonly #refreshTokens = new Map<string, { email: string; expiresAt: number }>();

  constructor(
    private readonly issuer: LocalIssuer,
    private readonly clientId: string,
    /** The directory's current entry for an e-mail, as Cognito's pre-token trigger reads it. */
    private readonly subjectOf: (email: string) => Promise<TokenSubject | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The code the hosted login would redirect back with once the user signed in. */
  async authorize(email: string, codeChallenge: string, redirectUri: string): Promise<string | null> {
    if (!(await this.subjectOf(email))) return null;
    const code = random();
    this.#codes.set(code, { email, codeChallenge, redirectUri, expiresAt: this.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** RFC 6749 §4.1.3 and §6, with RFC 7636's verifier check. */
  async token(form: URLSearchParams): Promise<TokenAnswer> {
    if (form.get('client_id') !== this.clientId) return { status: 400, body: { error: 'invalid_request' } };
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = this.#codes.get(code);
      this.#codes.delete(code); // one use, whatever happens
      const verifier = form.get('code_verifier') ?? '';
      if (
        !issued ||
        issued.expiresAt <= this.now() ||
        issued.redirectUri !== form.get('redirect_uri') ||
        s256(verifier) !== issued.codeChallenge
      ) {
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      const refreshToken = random();
      this.#refreshTokens.set(refreshToken, {
        email: issued.email,
        expiresAt: this.now() + REFRESH_LIFETIME_MS,
      });
      return this.#tokens(issued.email, refreshToken);
    }
    if (grantType === 'refresh_token') {
      const held = this.#refreshTokens.get(form.get('refresh_token') ?? '');
      if (!held || held.expiresAt <= this.now()) return { status: 400, body: { error: 'invalid_grant' } };
      return this.#tokens(held.email);
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  /** RFC 7009: an unknown token is not an error. */
  revoke(form: URLSearchParams): void {
    if (form.get('client_id') === this.clientId) this.#refreshTokens.delete(form.get('token') ?? '');
  }

  async #tokens(email: string, refreshToken?: string): Promise<TokenAnswer> {
    // A user removed (or moved) since sign-in: the new token carries the directory as it is now, or none.
    const subject = await this.subjectOf(email);
    if (!subject) return { status: 400, body: { error: 'invalid_grant' } };
    return {
      status: 200,
      body: {
        access_token: await this.issuer.mint(subject),
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      },
    };
  }
}
