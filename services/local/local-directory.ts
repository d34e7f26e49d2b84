import { ROLE_LABELS, type LocalDemoUser, type User } from '@kikan/shared';
import { getTenant, listOffices, listUsers } from '../src/data/directory-store.ts';
import { listRegisteredTenants } from '../src/data/retention-store.ts';

/** A user the local issuer can sign in, with what the login page shows beside them. */
export interface LocalDirectoryEntry {
  user: User;
  listed: LocalDemoUser;
}

const collator = new Intl.Collator('ja');

/**
 * The local issuer's directory is the table's (ADR 0033): every active user of every provisioned
 * tenant — the demo staff and anyone a tenant admin added since — read at each call, so a user
 * added a moment ago signs in at once. Ordered by tenant, then office (as the tenant lists them),
 * then name. Local only: outside a request the data layer reads DynamoDB Local unscoped.
 */
export const readLocalDirectory = async (): Promise<LocalDirectoryEntry[]> => {
  const tenants = await listRegisteredTenants();
  const perTenant = await Promise.all(
    tenants.map(async (tenantId) => {
      const [tenant, offices, users] = await Promise.all([
        getTenant(tenantId),
        listOffices(tenantId),
        listUsers(tenantId),
      ]);
      const officeOrder = new Map(offices.map((office, index) => [office.officeId, index] as const));
      const officeName = new Map(offices.map((office) => [office.officeId, office.name] as const));
      return users
        .toSorted(
          (a, b) =>
            (officeOrder.get(a.officeId) ?? offices.length) -
              (officeOrder.get(b.officeId) ?? offices.length) ||
            collator.compare(a.displayName, b.displayName),
        )
        .map((user) => ({
          user,
          listed: {
            email: user.email,
            displayName: user.displayName,
            role: user.role,
            roleLabel: ROLE_LABELS[user.role],
            tenantName: tenant?.name ?? tenantId,
            officeName: officeName.get(user.officeId) ?? user.officeId,
          },
        }));
    }),
  );
  return perTenant.flat();
};
