import { LocalDemoUser, LocalTokenResponse } from '@kikan/shared';
import { NetworkError, UNEXPECTED_RESPONSE_MESSAGE } from '#lib/api.ts';

/** The local issuer's demo users, grouped by tenant for the login page. */
export interface TenantGroup {
  tenantName: string;
  users: LocalDemoUser[];
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

/** Tenants in the order they first appear, users in their given order within each. */
export const groupByTenant = (users: readonly LocalDemoUser[]): TenantGroup[] => {
  const groups = new Map<string, LocalDemoUser[]>();
  for (const user of users) {
    const group = groups.get(user.tenantName);
    if (group) group.push(user);
    else groups.set(user.tenantName, [user]);
  }
  return [...groups].map(([tenantName, members]) => ({ tenantName, users: members }));
};

export const fetchDemoUsers = async (localAuthBase: string): Promise<LocalDemoUser[]> =>
  parseDemoUsers(await call(`${localAuthBase}/users`));

export const fetchDemoToken = async (localAuthBase: string, email: string): Promise<LocalTokenResponse> =>
  LocalTokenResponse.parse(
    await call(`${localAuthBase}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email }),
    }),
  );
