import { LocalDemoUser, LocalTokenResponse } from '@kikan/shared';
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

export const fetchDemoToken = async (localAuthBase: string, email: string): Promise<LocalTokenResponse> =>
  LocalTokenResponse.parse(
    await call(`${localAuthBase}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email }),
    }),
  );
