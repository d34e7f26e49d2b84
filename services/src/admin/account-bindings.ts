import { listOffices } from '../data/directory-store.ts';
import { bind, type RouteBinding } from '../http/create-function.ts';
import {
  changeUserMembershipRoute,
  getMeRoute,
  listOfficesRoute,
  removeUserRoute,
} from '@kikan/shared/contracts/admin';
import { getMe } from './get-me.ts';
import { changeUserMembership, removeUser } from './user-membership.ts';

export const ACCOUNT_BINDINGS: readonly RouteBinding[] = [
  bind(getMeRoute, getMe),
  bind(listOfficesRoute, async ({ ctx }) => ({ items: await listOffices(ctx.tenantId) })),
  bind(changeUserMembershipRoute, changeUserMembership),
  bind(removeUserRoute, removeUser),
];
