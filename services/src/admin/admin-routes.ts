import { Me, OfficeList, ROLES, UserMembership, UserMembershipChange, UserParams } from '@kikan/shared';
import { defineRoute } from '../http/route.ts';

const EVERY_ROLE = ROLES;

export const getMeRoute = defineRoute({
  method: 'GET',
  path: '/api/me',
  context: 'admin',
  access: EVERY_ROLE,
  summary: 'The signed-in user, their tenant and office',
  response: Me,
  successStatus: 200,
});

export const listOfficesRoute = defineRoute({
  method: 'GET',
  path: '/api/offices',
  context: 'admin',
  access: EVERY_ROLE,
  summary: "The offices of the caller's tenant",
  response: OfficeList,
  successStatus: 200,
});

const TENANT_ADMIN = ['tenant_admin'] as const;

/**
 * Membership changes take effect on the user's next request, even with a token still valid: the
 * change sets the user's `notBefore`, and every request checks the directory (SECURITY.md row 14).
 */
export const changeUserMembershipRoute = defineRoute({
  method: 'PUT',
  path: '/api/users/{userId}/membership',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: "Moves a user of the admin's tenant to another office and/or role; their tokens stop working",
  params: UserParams,
  body: UserMembershipChange,
  response: UserMembership,
  successStatus: 200,
});

export const removeUserRoute = defineRoute({
  method: 'DELETE',
  path: '/api/users/{userId}',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: "Removes a user of the admin's tenant; their tokens stop working at once",
  params: UserParams,
  response: UserMembership,
  successStatus: 200,
});

export const USER_ADMIN_ROUTES = [changeUserMembershipRoute, removeUserRoute] as const;
