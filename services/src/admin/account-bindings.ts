import { listOffices } from '../data/directory-store.ts';
import { bind, type RouteBinding } from '../http/create-function.ts';
import {
  changeUserMembershipRoute,
  createUserRoute,
  getMeRoute,
  listOfficesRoute,
  putOtherMembershipRoute,
  removeOtherMembershipRoute,
  removeUserRoute,
} from '@kikan/shared/contracts/admin';
import { getMe } from './get-me.ts';
import { configuredIdentityProvider } from './configured-identity-provider.ts';
import { createUserWith } from './user-create.ts';
import {
  changeUserMembership,
  putOtherMembership,
  removeOtherMembership,
  removeUser,
} from './user-membership.ts';

export const ACCOUNT_BINDINGS: readonly RouteBinding[] = [
  bind(getMeRoute, getMe),
  bind(listOfficesRoute, async ({ ctx }) => ({ items: await listOffices(ctx.tenantId) })),
  bind(createUserRoute, createUserWith(configuredIdentityProvider)),
  bind(changeUserMembershipRoute, changeUserMembership),
  bind(removeUserRoute, removeUser),
  bind(putOtherMembershipRoute, putOtherMembership),
  bind(removeOtherMembershipRoute, removeOtherMembership),
];
