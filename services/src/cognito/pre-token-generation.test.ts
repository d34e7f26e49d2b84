import { MEMBERSHIPS_CLAIM, membershipsClaimOf, type TenantContext, type User } from '@kikan/shared';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../auth/verify-token.ts';
import {
  createPreTokenHandler,
  SignInRefusedError,
  TENANT_CLAIMS,
  type DirectoryReader,
} from './pre-token-generation.ts';

const SUB = 'c7a4e0b2-0000-4000-8000-000000000001';

const tokenGenerationEvent = (userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent => ({
  version: '2',
  region: 'ap-northeast-1',
  userPoolId: 'ap-northeast-1_example',
  triggerSource: 'TokenGeneration_HostedAuth',
  userName: SUB,
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'exampleclientid' },
  request: {
    userAttributes,
    groupConfiguration: { groupsToOverride: [] },
    scopes: ['openid', 'email', 'profile'],
  },
  response: { claimsAndScopeOverrideDetails: {} },
});

const CREATED_AS = {
  sub: SUB,
  email: 'sato@example.jp',
  'custom:tenant': 'sapporo-north',
  'custom:office': 'office_001',
  'custom:role': 'specialist',
};

const directoryUser = (changes: Partial<User> = {}): User => ({
  tenantId: 'sapporo-north',
  userId: SUB,
  email: 'sato@example.jp',
  displayName: '佐藤 美咲',
  role: 'specialist',
  officeId: 'office_001',
  senior: false,
  ...changes,
});

/** A directory holding `user`, recording what the trigger asked it. */
const directoryOf = (user: User | null) => {
  const asked: TenantContext[] = [];
  const read: DirectoryReader = async (signIn) => {
    asked.push(signIn);
    return user;
  };
  return { read, asked };
};

const claimsOf = (event: PreTokenGenerationV2TriggerEvent) =>
  event.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;

describe('pre-token-generation trigger', () => {
  it('issues tenant, office and role under their attribute names, read from the directory by tenant and sub', async () => {
    const directory = directoryOf(directoryUser());
    const result = await createPreTokenHandler(directory.read)(tokenGenerationEvent(CREATED_AS));

    expect(claimsOf(result)).toEqual({
      'custom:tenant': 'sapporo-north',
      'custom:office': 'office_001',
      'custom:role': 'specialist',
      [MEMBERSHIPS_CLAIM]: 'office_001:specialist',
    });
    expect(directory.asked).toEqual([
      { tenantId: 'sapporo-north', officeId: 'office_001', role: 'specialist', userId: SUB },
    ]);
  });

  it('takes office and role from the directory after an admin moved the user, not from the attributes they were created with', async () => {
    const directory = directoryOf(directoryUser({ officeId: 'office_002', role: 'office_manager' }));
    const result = await createPreTokenHandler(directory.read)(tokenGenerationEvent(CREATED_AS));

    expect(claimsOf(result)).toEqual({
      'custom:tenant': 'sapporo-north',
      'custom:office': 'office_002',
      'custom:role': 'office_manager',
      [MEMBERSHIPS_CLAIM]: 'office_002:office_manager',
    });
  });

  it("claims a part-timer's every office with its role, the first first, as the local issuer does (ADR 0033)", async () => {
    const user = directoryUser({ otherMemberships: [{ officeId: 'office_003', role: 'office_manager' }] });
    const result = await createPreTokenHandler(directoryOf(user).read)(tokenGenerationEvent(CREATED_AS));

    expect(claimsOf(result)?.[MEMBERSHIPS_CLAIM]).toBe('office_001:specialist office_003:office_manager');
    expect(claimsOf(result)?.[MEMBERSHIPS_CLAIM]).toBe(membershipsClaimOf(user));
  });

  it.each([
    ['a user the directory does not know (or has removed)', null],
    ['a directory entry of another tenant', directoryUser({ tenantId: 'other-town' })],
  ])('refuses the sign-in for %s: no token', async (_, user) => {
    const handler = createPreTokenHandler(directoryOf(user).read);
    await expect(handler(tokenGenerationEvent(CREATED_AS))).rejects.toBeInstanceOf(SignInRefusedError);
  });

  it.each([
    ['without a tenant', { ...CREATED_AS, 'custom:tenant': '' }],
    ['with a tenant id that could reach another prefix', { ...CREATED_AS, 'custom:tenant': 'a#b' }],
    ['without a sub', { ...CREATED_AS, sub: '' }],
    ['with an unknown role', { ...CREATED_AS, 'custom:role': 'superuser' }],
  ])('refuses a user %s before reading anything', async (_, attributes) => {
    const directory = directoryOf(directoryUser());
    const handler = createPreTokenHandler(directory.read);
    await expect(handler(tokenGenerationEvent(attributes))).rejects.toBeInstanceOf(SignInRefusedError);
    expect(directory.asked).toEqual([]);
  });

  it('adds nothing else to the access token, such as the e-mail address, and leaves the ID token alone', async () => {
    const result = await createPreTokenHandler(directoryOf(directoryUser()).read)(
      tokenGenerationEvent(CREATED_AS),
    );
    expect(Object.keys(claimsOf(result) ?? {}).sort()).toEqual([...TENANT_CLAIMS, MEMBERSHIPS_CLAIM].sort());
    expect(result.response.claimsAndScopeOverrideDetails.idTokenGeneration).toBeUndefined();
  });

  it('issues exactly the claims the API verifier reads', () => {
    expect([...TENANT_CLAIMS].sort()).toEqual(Object.values(CLAIMS).sort());
  });
});
