import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../auth/verify-token.ts';
import { handler, TENANT_CLAIMS } from './pre-token-generation.ts';

const tokenGenerationEvent = (userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent => ({
  version: '2',
  region: 'ap-northeast-1',
  userPoolId: 'ap-northeast-1_example',
  triggerSource: 'TokenGeneration_HostedAuth',
  userName: 'c7a4e0b2-0000-4000-8000-000000000001',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'exampleclientid' },
  request: {
    userAttributes,
    groupConfiguration: { groupsToOverride: [] },
    scopes: ['openid', 'email', 'profile'],
  },
  response: { claimsAndScopeOverrideDetails: {} },
});

describe('pre-token-generation trigger', () => {
  it('copies tenant, office and role into the access token under their attribute names', async () => {
    const event = tokenGenerationEvent({
      sub: 'c7a4e0b2-0000-4000-8000-000000000001',
      email: 'sato@example.jp',
      'custom:tenant': 'sapporo-north',
      'custom:office': 'office_001',
      'custom:role': 'specialist',
    });

    const result = await handler(event);

    expect(result.response.claimsAndScopeOverrideDetails.accessTokenGeneration).toEqual({
      claimsToAddOrOverride: {
        'custom:tenant': 'sapporo-north',
        'custom:office': 'office_001',
        'custom:role': 'specialist',
      },
    });
  });

  it('adds no other attribute, such as the e-mail address, to the access token', async () => {
    const event = tokenGenerationEvent({ email: 'sato@example.jp', 'custom:tenant': 'sapporo-north' });

    const result = await handler(event);

    expect(
      result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({
      'custom:tenant': 'sapporo-north',
    });
  });

  it('leaves a missing attribute out instead of issuing an empty claim', async () => {
    const event = tokenGenerationEvent({ 'custom:tenant': 'sapporo-north', 'custom:office': '' });

    const result = await handler(event);

    const claims = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;
    expect(claims).not.toHaveProperty('custom:office');
    expect(claims).not.toHaveProperty('custom:role');
  });

  it('changes nothing in the ID token', async () => {
    const event = tokenGenerationEvent({ 'custom:tenant': 'sapporo-north' });

    const result = await handler(event);

    expect(result.response.claimsAndScopeOverrideDetails.idTokenGeneration).toBeUndefined();
  });

  it('issues exactly the claims the API verifier reads', () => {
    expect([...TENANT_CLAIMS].sort()).toEqual(Object.values(CLAIMS).sort());
  });
});
