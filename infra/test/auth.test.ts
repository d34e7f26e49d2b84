import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TENANT_CLAIMS } from '@kikan/services/cognito/pre-token-generation';
import { describe, expect, it } from 'vitest';
import { CALLBACK_PATH, SIGN_OUT_PATH, STAFF_CREATION_ACTIONS } from '../src/auth.ts';
import { REPOSITORY_ROOT } from '../src/repository.ts';
import {
  asArray,
  functionRoleId,
  kikanFunctions,
  referencedId,
  resourcesOfType,
  synthesizeKikan,
  TEST_DOMAIN_PREFIX,
  TEST_EXTRA_ORIGIN,
} from './kikan-synth.ts';

const { template } = synthesizeKikan();
const [[userPoolId, userPool] = []] = resourcesOfType(template, 'AWS::Cognito::UserPool');
const [[clientId, client] = []] = resourcesOfType(template, 'AWS::Cognito::UserPoolClient');
const [[distributionId] = []] = resourcesOfType(template, 'AWS::CloudFront::Distribution');
const pool = userPool?.Properties ?? {};
const portalClient = client?.Properties ?? {};

describe('auth: the user pool', () => {
  it('lets only administrators create users', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
  });

  it('requires MFA by authenticator app, not SMS', () => {
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('requires long passwords with every character class', () => {
    const { PasswordPolicy: policy } = pool.Policies as { PasswordPolicy: Record<string, unknown> };
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
  });

  it('is on the Plus plan with threat protection enforced', () => {
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('has tenant, office and role as immutable custom attributes named after the token claims', () => {
    const schema = pool.Schema as { Name: string; Mutable: boolean }[];
    const custom = schema.map(({ Name, Mutable }) => ({ name: `custom:${Name}`, Mutable }));

    expect(custom.map((attribute) => attribute.name).sort()).toEqual([...TENANT_CLAIMS].sort());
    expect(custom.every((attribute) => attribute.Mutable === false)).toBe(true);
  });

  it('cannot be deleted with the stack', () => {
    expect(pool.DeletionProtection).toBe('ACTIVE');
    expect(userPool?.DeletionPolicy).toBe('Retain');
  });

  it('runs the pre-token-generation trigger with the V2_0 event, the first that can change access tokens', () => {
    const config = (
      pool.LambdaConfig as { PreTokenGenerationConfig: { LambdaArn: unknown; LambdaVersion: string } }
    ).PreTokenGenerationConfig;
    const triggerId = referencedId(config.LambdaArn) ?? '';
    const trigger = template.toJSON().Resources[triggerId];

    expect(config.LambdaVersion).toBe('V2_0');
    expect(trigger?.Type).toBe('AWS::Lambda::Function');
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [userPoolId, 'Arn'] },
    });
  });

  it('has a hosted-login domain with the configured prefix', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: TEST_DOMAIN_PREFIX,
      UserPoolId: { Ref: userPoolId },
    });
  });
});

describe('auth: the portal app client', () => {
  it('is a public client without a secret', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    expect(portalClient.GenerateSecret).toBe(false);
  });

  it('allows the authorization code flow only: no implicit flow, no client credentials', () => {
    expect(portalClient.AllowedOAuthFlows).toEqual(['code']);
    expect(portalClient.AllowedOAuthFlowsUserPoolClient).toBe(true);
  });

  it('signs in through the hosted login only, never with a password sent by the app', () => {
    expect(portalClient.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('asks for openid, email and profile', () => {
    expect(portalClient.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
  });

  it('can write no custom attribute, so users cannot change their tenant, office or role', () => {
    const writable = portalClient.WriteAttributes as string[];

    expect(writable.length).toBeGreaterThan(0);
    expect(writable.filter((name) => name.startsWith('custom:'))).toEqual([]);
  });

  it('can read the tenant attributes', () => {
    expect(portalClient.ReadAttributes).toEqual(expect.arrayContaining([...TENANT_CLAIMS]));
  });

  it('issues access tokens valid for at most 30 minutes', () => {
    expect(portalClient.TokenValidityUnits).toMatchObject({ AccessToken: 'minutes' });
    expect(portalClient.AccessTokenValidity).toBeLessThanOrEqual(30);
  });

  it('redirects only to the CloudFront origin and the configured extra origin', () => {
    const cloudFrontUrl = (suffix: string) => ({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, suffix]],
    });

    expect(portalClient.CallbackURLs).toEqual([
      cloudFrontUrl(CALLBACK_PATH),
      `${TEST_EXTRA_ORIGIN}${CALLBACK_PATH}`,
    ]);
    expect(portalClient.LogoutURLs).toEqual([
      cloudFrontUrl(SIGN_OUT_PATH),
      `${TEST_EXTRA_ORIGIN}${SIGN_OUT_PATH}`,
    ]);
  });

  it('registers the same redirect paths the portal sends to the hosted login', () => {
    const portalSource = readFileSync(path.join(REPOSITORY_ROOT, 'web/src/lib/cognito.ts'), 'utf8');
    const portalConstant = (name: string) =>
      new RegExp(`export const ${name} = '([^']+)'`).exec(portalSource)?.[1];

    expect(portalConstant('CALLBACK_PATH')).toBe(CALLBACK_PATH);
    expect(portalConstant('LOGIN_PATH')).toBe(SIGN_OUT_PATH);
  });

  it('is the audience of the API authorizer', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: {
          'Fn::Join': [
            '',
            ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: userPoolId }],
          ],
        },
      },
    });
  });
});

describe('auth: deployment context', () => {
  it('refuses an extra origin that is not a bare https origin', () => {
    expect(() => synthesizeKikan({ context: { 'kikan:extraOrigins': 'http://kikan.example.jp' } })).toThrow(
      /not an https origin/,
    );
    expect(() => synthesizeKikan({ context: { 'kikan:extraOrigins': 'https://kikan.example.jp/' } })).toThrow(
      /not an https origin/,
    );
  });
});

describe('auth: staff creation (ADR 0033)', () => {
  type PolicyStatement = { Action: string | string[]; Resource: unknown; Effect: string };
  /** Every statement naming a Cognito user-pool action, with the roles its policy is attached to. */
  const cognitoStatements = resourcesOfType(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
    (policy.Properties?.PolicyDocument as { Statement: PolicyStatement[] }).Statement.filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('cognito-idp:')),
    ).map((statement) => ({
      statement,
      roles: (policy.Properties?.Roles as unknown[]).map((ref) => referencedId(ref)),
    })),
  );
  const adminRoleId = (() => {
    const [[, adminFunction] = []] = kikanFunctions(template).filter(
      ([, fn]) => fn.Properties?.Description === 'Kikan API: admin routes',
    );
    if (!adminFunction) throw new Error('no admin function');
    return functionRoleId(adminFunction);
  })();

  it('lets only the admin function create and delete users, and only in its own user pool, never `*`', () => {
    expect(cognitoStatements).toHaveLength(1);
    const [{ statement, roles } = { statement: undefined, roles: [] }] = cognitoStatements;

    expect(statement?.Effect).toBe('Allow');
    expect(asArray(statement?.Action ?? []).sort()).toEqual([...STAFF_CREATION_ACTIONS].sort());
    expect(statement?.Resource).toEqual({ 'Fn::GetAtt': [userPoolId, 'Arn'] });
    expect(JSON.stringify(statement?.Resource)).not.toContain('*');
    expect(roles).toEqual([adminRoleId]);
  });
});
