import { LocalDemoUser } from '@kikan/shared';
import type { SessionStart } from '@kikan/shared/contracts/platform';
import { CALLBACK_PATH } from '#lib/cognito.ts';
import { codeChallengeS256, createRandomToken } from '#lib/pkce.ts';
import { NetworkError, UNEXPECTED_RESPONSE_MESSAGE } from '#lib/api.ts';

/** The local directory's users, grouped by tenant and then office for the login page. */
export interface TenantGroup {
  tenantName: string;
  offices: { officeName: string; users: LocalDemoUser[] }[];
}

const call = async (url: string, init?: RequestInit): Promise<unknown> => {
  let response: Response;
  try {
    response = await fetch(url, { ...init, cache: 'no-store' });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) throw new Error(UNEXPECTED_RESPONSE_MESSAGE);
  return response.json();
};

export const parseDemoUsers = (json: unknown): LocalDemoUser[] => {
  const items = typeof json === 'object' && json !== null ? (json as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) throw new Error(UNEXPECTED_RESPONSE_MESSAGE);
  return items.map((item) => LocalDemoUser.parse(item));
};

/** Tenants, and offices within each, in the order they first appear; users in their given order. */
export const groupByTenant = (users: readonly LocalDemoUser[]): TenantGroup[] => {
  const groups = new Map<string, Map<string, LocalDemoUser[]>>();
  for (const user of users) {
    const offices = groups.get(user.tenantName) ?? new Map<string, LocalDemoUser[]>();
    groups.set(user.tenantName, offices);
    const office = offices.get(user.officeName);
    if (office) office.push(user);
    else offices.set(user.officeName, [user]);
  }
  return [...groups].map(([tenantName, offices]) => ({
    tenantName,
    offices: [...offices].map(([officeName, members]) => ({ officeName, users: members })),
  }));
};

export const fetchDemoUsers = async (localAuthBase: string): Promise<LocalDemoUser[]> =>
  parseDemoUsers(await call(`${localAuthBase}/users`));

/**
 * The local login's stand-in for the hosted login (ADR 0037): choosing a user is where Cognito would
 * ask for a password; the local issuer answers with an authorization code, which the portal hands to
 * POST /api/session with its PKCE verifier — the same exchange as in AWS.
 */
export const localAuthorizationGrant = async (
  localAuthBase: string,
  email: string,
  origin: string,
): Promise<SessionStart> => {
  const codeVerifier = createRandomToken();
  const redirectUri = `${origin}${CALLBACK_PATH}`;
  const answer = await call(`${localAuthBase}/code`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, codeChallenge: await codeChallengeS256(codeVerifier), redirectUri }),
  });
  const code =
    typeof answer === 'object' && answer !== null ? (answer as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') throw new Error(UNEXPECTED_RESPONSE_MESSAGE);
  return { code, codeVerifier, redirectUri };
};
