import { Me, OfficeList, ROLES } from '@kikan/shared';
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
