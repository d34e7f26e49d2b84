import { randomUUID } from 'node:crypto';
import { PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { userItem } from '../../../services/src/data/directory-store.ts';
import { localClient } from '../../../services/local/table.ts';
import type { Expectation, Persona, Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * The tenant admin's user routes of issue 7. Only a tenant admin may change a user, and only one of
 * their own tenant (another tenant's user is a 404). Refused calls aim at users no persona signs in
 * as (小林, 山本 of the other tenant), so a mistaken success would not log a persona out mid-run.
 */
const isAdmin = (persona: Persona) => persona.role === 'tenant_admin';
const adminOnly = (persona: Persona, target: Target) => {
  if (!isAdmin(persona)) return 403;
  return target === 'otherTenant' ? 404 : 200;
};
const tenantOf = (persona: Persona) =>
  persona.email.endsWith('hokushin.example') ? 'hokushin' : 'kibougaoka';

/** A user of the caller's tenant that no persona is, or one of the other tenant. */
const bystander = (persona: Persona, target: Target) => {
  const own = tenantOf(persona) === 'kibougaoka' ? 'user-kobayashi' : 'user-yamamoto';
  const other = tenantOf(persona) === 'kibougaoka' ? 'user-yamamoto' : 'user-kobayashi';
  return target === 'otherTenant' ? other : own;
};

/** A user made for the one call that removes them: removal is for good. */
const removable = (target: Target) => `matrix-removable-${target}`;
const seedRemovable = async (api: TestApi, persona: Persona, target: Target) => {
  if (!(isAdmin(persona) && target !== 'otherTenant')) return {};
  const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  await documents.send(
    new PutCommand({
      TableName: api.tableName,
      Item: userItem({
        userId: removable(target),
        tenantId: tenantOf(persona),
        email: `${removable(target)}@kibou.example`,
        displayName: '試験 職員',
        role: 'specialist',
        officeId: target === 'ownOffice' ? 'kibou-city' : 'himawari',
        senior: false,
      }),
    }),
  );
  return {};
};

/** The bystander's second office: one of the caller's tenant, not the bystander's first. */
const secondOffice = (persona: Persona, target: Target) =>
  (target === 'otherTenant' ? tenantOf(persona) !== 'kibougaoka' : tenantOf(persona) === 'kibougaoka')
    ? 'aozora'
    : 'hokushin-city';

/** The second membership the removal ends, put first (as the tenant admin would) when it can be. */
const seedSecondOffice = async (api: TestApi, persona: Persona, target: Target) => {
  if (!(isAdmin(persona) && target !== 'otherTenant')) return {};
  const response = await api.call(
    'PUT',
    `/api/users/${bystander(persona, target)}/offices/${secondOffice(persona, target)}`,
    { as: persona.email, body: { role: 'specialist' } },
  );
  if (response.status !== 200) throw new Error(`could not seed a second office: ${String(response.status)}`);
  return {};
};

export const USERS_MATRIX: Record<string, Expectation> = {
  // A part-timer's second office (ADR 0033): the tenant admin's, on a user of their own tenant.
  'PUT /api/users/{userId}/offices/{officeId}': {
    method: 'PUT',
    path: (persona, target) =>
      `/api/users/${bystander(persona, target)}/offices/${secondOffice(persona, target)}`,
    body: () => ({ role: 'specialist' }),
    status: adminOnly,
  },
  'DELETE /api/users/{userId}/offices/{officeId}': {
    method: 'DELETE',
    path: (persona, target) =>
      `/api/users/${bystander(persona, target)}/offices/${secondOffice(persona, target)}`,
    headers: seedSecondOffice,
    status: adminOnly,
  },
  // Issue 15 (ADR 0033): the tenant admin adds staff to an office of their own tenant. A fresh
  // e-mail each call, so a suite may repeat it; the new user signs in as nobody's persona.
  'POST /api/users': {
    method: 'POST',
    path: () => '/api/users',
    body: (persona) => ({
      displayName: '試験 新人',
      email: `matrix-${randomUUID().slice(0, 8)}@kibou.example`,
      officeId: tenantOf(persona) === 'kibougaoka' ? 'aozora' : 'hokushin-city',
      role: 'specialist',
      senior: false,
    }),
    status: (persona) => (isAdmin(persona) ? 201 : 403),
  },
  'PUT /api/users/{userId}/membership': {
    method: 'PUT',
    path: (persona, target) => `/api/users/${bystander(persona, target)}/membership`,
    // 小林's own office and role: a change that changes nothing but his tokens' validity.
    body: () => ({ officeId: 'midori', role: 'specialist' }),
    status: adminOnly,
  },
  'DELETE /api/users/{userId}': {
    method: 'DELETE',
    path: (persona, target) =>
      isAdmin(persona) && target !== 'otherTenant'
        ? `/api/users/${removable(target)}`
        : `/api/users/${bystander(persona, target)}`,
    headers: seedRemovable,
    status: adminOnly,
  },
};
