/**
 * SECURITY.md, the rows whose test place is [CDK]: one `describe` per row, each asserting on the
 * synthesised template (the template `npm run synth` writes, with cdk.json's context). Sibling
 * files assert some of the same properties in more detail (data, api, auth, functions, nag); here
 * every row is proven in one place, with checks that fail when the mechanism is removed.
 */
import { tenantKeyPrefix } from '@kikan/shared';
import { BOUNDED_CONTEXTS, ROUTES, routeKey } from '@kikan/services/routes';
import { TENANT_CLAIMS } from '@kikan/services/cognito/pre-token-generation';
import { Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, STAGE_THROTTLE } from '../src/api.ts';
import { ITEM_ACTIONS, KEY_ACTIONS } from '../src/data.ts';
import { API_PATH_PREFIX, API_RATE_LIMIT } from '../src/edge.ts';
import { KikanFunction } from '../src/function-defaults.ts';
import { RetentionSweeper } from '../src/retention.ts';
import { TENANT_LEADING_KEYS, TENANT_SESSION_TAGS } from '../src/tenant-data-role.ts';
import {
  asArray,
  functionRoleId,
  kikanFunctions,
  referencedId,
  resourcesOfType,
  roleStatements,
  synthesizeKikan,
  tenantDataRoleId,
} from './kikan-synth.ts';

const WEB_ACL_ARN =
  'arn:aws:wafv2:us-east-1:123456789012:global/webacl/KikanEdge-portal-and-api/0a1b2c3d-4e5f';

const { app, stack, edge, template, edgeTemplate } = synthesizeKikan();
const resources = template.toJSON().Resources as Record<string, Resource>;

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
interface PolicyDocument {
  Statement: Statement[];
}

/** Every identity policy of the stack: role inline policies, AWS::IAM::Policy and managed policies. */
const identityPolicies = (): { source: string; roles: string[]; statements: Statement[] }[] => [
  ...resourcesOfType(template, 'AWS::IAM::Role').flatMap(([roleId, role]) =>
    ((role.Properties?.Policies ?? []) as { PolicyDocument: PolicyDocument }[]).map((policy) => ({
      source: roleId,
      roles: [roleId],
      statements: policy.PolicyDocument.Statement,
    })),
  ),
  ...['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].flatMap((type) =>
    resourcesOfType(template, type).map(([policyId, policy]) => ({
      source: policyId,
      roles: ((policy.Properties?.Roles ?? []) as unknown[]).map((ref) => referencedId(ref) ?? ''),
      statements: (policy.Properties?.PolicyDocument as PolicyDocument).Statement,
    })),
  ),
];

const actionsOf = (statement: Statement): string[] => asArray(statement.Action ?? []);
const isTableAction = (action: string): boolean => action === '*' || /^dynamodb:/i.test(action);
const allows = (statements: Statement[]): Statement[] => statements.filter((s) => s.Effect === 'Allow');

const tenantRoleId = tenantDataRoleId(template);
const tenantRole = resources[tenantRoleId];
const tenantRoleArn = { 'Fn::GetAtt': [tenantRoleId, 'Arn'] };
const tenantStatements = roleStatements(template, tenantRoleId) as Statement[];
const [[tableId, table] = []] = resourcesOfType(template, 'AWS::DynamoDB::Table');
const [[keyId, key] = []] = resourcesOfType(template, 'AWS::KMS::Key');

/** Every Lambda function of the stack, Kikan's and aws-cdk-lib's, with its role. */
const allFunctionRoles = resourcesOfType(template, 'AWS::Lambda::Function').map(([id, fn]) => ({
  id,
  roleId: functionRoleId(fn),
}));

/** The construct of a bounded context's function in the Api construct, and its CloudFormation id. */
const contextFunctionId = (context: string): string => {
  const construct = stack.node
    .findChild('Api')
    .node.findChild(`${context[0]?.toUpperCase()}${context.slice(1)}Function`);
  if (!(construct instanceof KikanFunction)) throw new Error(`no function construct for ${context}`);
  const cfnFunction = construct.lambda.node.defaultChild;
  if (!(cfnFunction instanceof CfnFunction)) throw new Error(`no CfnFunction for ${context}`);
  return stack.getLogicalId(cfnFunction);
};
const apiFunctionIds = BOUNDED_CONTEXTS.map(contextFunctionId);
const apiRoleIds = apiFunctionIds.map((id) => functionRoleId(template.toJSON().Resources[id]));
/** The retention sweeper (infra/src/retention.ts, ADR 0018): the one other role that may assume it. */
const sweeperRoleId = (() => {
  const sweeper = stack.node.findChild('Retention');
  if (!(sweeper instanceof RetentionSweeper)) throw new Error('no retention sweeper construct');
  const cfnFunction = sweeper.function.lambda.node.defaultChild;
  if (!(cfnFunction instanceof CfnFunction)) throw new Error('no CfnFunction for the retention sweeper');
  return functionRoleId(template.toJSON().Resources[stack.getLogicalId(cfnFunction)]);
})();
/** The pre-token trigger (infra/src/auth.ts): reads the signing-in user's directory entry. */
const preTokenRoleId = (() => {
  const construct = stack.node.findChild('Auth').node.findChild('PreTokenGeneration');
  if (!(construct instanceof KikanFunction)) throw new Error('no pre-token trigger construct');
  const cfnFunction = construct.lambda.node.defaultChild;
  if (!(cfnFunction instanceof CfnFunction)) throw new Error('no CfnFunction for the pre-token trigger');
  return functionRoleId(template.toJSON().Resources[stack.getLogicalId(cfnFunction)]);
})();
/** The import processor (infra/src/imports.ts, ADR 0034): applies an office's file as its user. */
const importProcessorRoleId = (() => {
  const construct = stack.node.findChild('Imports').node.findChild('Processor');
  if (!(construct instanceof KikanFunction)) throw new Error('no import processor construct');
  const cfnFunction = construct.lambda.node.defaultChild;
  if (!(cfnFunction instanceof CfnFunction)) throw new Error('no CfnFunction for the import processor');
  return functionRoleId(template.toJSON().Resources[stack.getLogicalId(cfnFunction)]);
})();
/** Every role granted the tenant data role: the API functions, the sweeper, the trigger and the import processor. */
const tenantRoleCallerIds = [...apiRoleIds, sweeperRoleId, preTokenRoleId, importProcessorRoleId];

describe('SECURITY row 2: a code path that forgets the scoping is refused by IAM', () => {
  it('gives no Lambda function role any dynamodb action', () => {
    expect(allFunctionRoles.length).toBeGreaterThan(BOUNDED_CONTEXTS.length);
    for (const { id, roleId } of allFunctionRoles) {
      const tableAllows = allows(roleStatements(template, roleId) as Statement[]).filter(
        (statement) => actionsOf(statement).some(isTableAction) || statement.NotAction !== undefined,
      );
      expect(tableAllows, id).toEqual([]);
      expect(resources[roleId]?.Properties?.ManagedPolicyArns ?? [], id).not.toContainEqual(
        expect.stringMatching(/DynamoDB|AdministratorAccess|PowerUser/i),
      );
    }
  });

  it('allows table actions to the tenant data role and no other principal', () => {
    const withTableAllows = identityPolicies().filter((policy) =>
      allows(policy.statements).some((statement) => actionsOf(statement).some(isTableAction)),
    );
    expect(withTableAllows.length).toBeGreaterThan(0);
    for (const policy of withTableAllows) expect(policy.roles, policy.source).toEqual([tenantRoleId]);
  });

  it('puts the LeadingKeys condition on every table statement of the tenant role', () => {
    const tableAllows = allows(tenantStatements).filter((statement) =>
      actionsOf(statement).some(isTableAction),
    );
    expect(tableAllows.flatMap(actionsOf).sort()).toEqual([...ITEM_ACTIONS].sort());
    for (const statement of tableAllows) {
      expect(statement.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#${aws:PrincipalTag/tenant}#*'] },
      });
    }
  });

  it('confines to the tenant prefix the services build keys with, for the table and every index', () => {
    expect(TENANT_LEADING_KEYS).toBe(
      `${tenantKeyPrefix(`\${aws:PrincipalTag/${TENANT_SESSION_TAGS.tenant}}`)}*`,
    );
    const resourcesAllowed = allows(tenantStatements)
      .filter((statement) => actionsOf(statement).some(isTableAction))
      .flatMap((statement) => asArray(statement.Resource));
    expect(resourcesAllowed).toEqual([
      { 'Fn::GetAtt': [tableId, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
    ]);
  });

  it('allows nothing else but the table key, and that only through DynamoDB (KMS requests carry no LeadingKeys)', () => {
    const others = allows(tenantStatements).filter((statement) => !actionsOf(statement).some(isTableAction));
    expect(others).toEqual([
      {
        Effect: 'Allow',
        Action: [...KEY_ACTIONS].sort(),
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
      },
    ]);
    expect(JSON.stringify(others[0]?.Condition)).toContain('dynamodb.');
  });

  it('is assumable only by the API function roles, the retention sweeper, the pre-token trigger and the import processor, only with the tenant tag, and only with tenant/office tags', () => {
    const trust = (tenantRole?.Properties?.AssumeRolePolicyDocument as PolicyDocument).Statement;
    expect(trust).toHaveLength(1);
    const [statement] = trust;
    expect(statement?.Effect).toBe('Allow');
    expect(asArray(statement?.Action ?? []).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    // In the order the constructs granted it (the trigger's Auth comes before the API).
    const principalArns = (statement?.Condition as { ArnEquals?: Record<string, unknown[]> } | undefined)
      ?.ArnEquals?.['aws:PrincipalArn'];
    expect((principalArns ?? []).map((arn) => JSON.stringify(arn)).sort()).toEqual(
      tenantRoleCallerIds.map((roleId) => JSON.stringify({ 'Fn::GetAtt': [roleId, 'Arn'] })).sort(),
    );
    expect(statement?.Condition).toEqual({
      ArnEquals: { 'aws:PrincipalArn': expect.any(Array) },
      StringLike: { 'aws:RequestTag/tenant': '?*' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['tenant', 'office'] },
    });
    // The principal is this account only: the ArnEquals condition then picks the function roles.
    expect(JSON.stringify(statement?.Principal)).toMatch(/"AWS":.*":iam::".*"AWS::AccountId".*":root"/);
    expect(tenantRole?.Properties?.MaxSessionDuration).toBeLessThanOrEqual(3600);
  });

  it('lets function roles assume that role and no other', () => {
    for (const { id, roleId } of allFunctionRoles) {
      const stsAllows = allows(roleStatements(template, roleId) as Statement[]).filter((statement) =>
        actionsOf(statement).some((action) => /^sts:|^\*$/i.test(action)),
      );
      if (tenantRoleCallerIds.includes(roleId)) {
        expect(stsAllows, id).toEqual([
          { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: tenantRoleArn },
        ]);
      } else {
        expect(stsAllows, id).toEqual([]);
      }
    }
  });

  it("hands every API function the role's ARN, and the statistics function is one of them", () => {
    expect(BOUNDED_CONTEXTS).toContain('statistics');
    for (const functionId of apiFunctionIds) {
      const variables = (
        resources[functionId]?.Properties?.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(variables.TENANT_DATA_ROLE_ARN, functionId).toEqual(tenantRoleArn);
    }
  });
});

describe('SECURITY row 3: Scan and PartiQL cannot escape LeadingKeys', () => {
  const everyStatement = identityPolicies().flatMap((policy) => policy.statements);

  it('allows no dynamodb:*, *, Scan or PartiQL, and no NotAction, anywhere in the stack', () => {
    const allowed = allows(everyStatement);
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.filter((statement) => statement.NotAction !== undefined)).toEqual([]);
    expect(
      allowed
        .flatMap(actionsOf)
        .filter((action) => action === '*' || /^dynamodb:(\*|Scan|PartiQL)/i.test(action)),
    ).toEqual([]);
  });

  it('allows no wildcard dynamodb action that could stand for Scan or PartiQL', () => {
    const wildcards = allows(everyStatement)
      .flatMap(actionsOf)
      .filter((action) => /^dynamodb:/i.test(action) && /[*?]/.test(action));
    expect(wildcards).toEqual([]);
  });

  it('denies Scan and PartiQL explicitly on the tenant role and on every Kikan function role', () => {
    const denial = { Effect: 'Deny', Action: ['dynamodb:PartiQL*', 'dynamodb:Scan'], Resource: '*' };
    expect(tenantStatements).toContainEqual(denial);
    for (const [id, fn] of kikanFunctions(template)) {
      expect(roleStatements(template, functionRoleId(fn)), id).toContainEqual(denial);
    }
  });
});

describe('SECURITY row 6: users cannot change their own tenant, office or role in Cognito', () => {
  const [[, client] = []] = resourcesOfType(template, 'AWS::Cognito::UserPoolClient');
  const [[, pool] = []] = resourcesOfType(template, 'AWS::Cognito::UserPool');

  it('lets the app client write no custom attribute (also in auth.test.ts)', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const writable = client?.Properties?.WriteAttributes as string[];
    expect(writable.length).toBeGreaterThan(0);
    expect(writable.filter((name) => name.startsWith('custom:'))).toEqual([]);
  });

  it('keeps every tenant claim a custom attribute that is immutable', () => {
    const schema = pool?.Properties?.Schema as { Name: string; Mutable: boolean }[];
    for (const claim of TENANT_CLAIMS) {
      expect(schema.find((attribute) => `custom:${attribute.Name}` === claim)?.Mutable, claim).toBe(false);
    }
  });
});

describe('SECURITY row 7: every route maps to the intended function', () => {
  const deployed = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
    const target = route.Properties?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
    const integration = resources[target['Fn::Join'][1][1].Ref];
    return {
      routeKey: route.Properties?.RouteKey as string,
      authorizationType: route.Properties?.AuthorizationType as string,
      functionId: referencedId(integration?.Properties?.IntegrationUri),
    };
  });

  it('deploys exactly the routes of the services route table, no more', () => {
    expect(deployed.map((route) => route.routeKey).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it("sends every route to its own bounded context's function", () => {
    for (const route of ROUTES) {
      const target = deployed.find((candidate) => candidate.routeKey === routeKey(route));
      expect(target?.functionId, routeKey(route)).toBe(contextFunctionId(route.context));
    }
  });

  it('puts the JWT authorizer on every route the table does not mark public', () => {
    for (const route of ROUTES) {
      const target = deployed.find((candidate) => candidate.routeKey === routeKey(route));
      expect(target?.authorizationType, routeKey(route)).toBe(route.access === 'public' ? 'NONE' : 'JWT');
    }
    expect(ROUTES.filter((route) => route.access === 'public').length).toBeLessThan(ROUTES.length / 4);
  });
});

describe('SECURITY row 12: the table survives deletion and corruption', () => {
  it('has deletion protection and is retained on stack deletion and replacement', () => {
    expect(table?.Properties?.DeletionProtectionEnabled).toBe(true);
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
  });

  it('has point-in-time recovery', () => {
    expect(table?.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('is encrypted with a customer managed key of the stack, rotated and retained', () => {
    expect(table?.Properties?.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    expect(key?.DeletionPolicy).toBe('Retain');
  });
});

describe('SECURITY row 13: noisy neighbour and abuse', () => {
  const [[, stage] = []] = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage');

  it('throttles the API stage, which every path to the API shares', () => {
    expect(stage?.Properties?.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
    });
    expect(STAGE_THROTTLE).toEqual({ rateLimit: 50, burstLimit: 100 });
  });

  it('has a WAF rate-based rule on /api/* in the us-east-1 edge stack, answering 429', () => {
    expect(edge.region).toBe('us-east-1');
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: { CustomResponse: Match.objectLike({ ResponseCode: 429 }) } },
          Statement: {
            RateBasedStatement: {
              Limit: API_RATE_LIMIT.limit,
              EvaluationWindowSec: API_RATE_LIMIT.evaluationWindowSec,
              AggregateKeyType: 'IP',
              ScopeDownStatement: {
                ByteMatchStatement: Match.objectLike({
                  FieldToMatch: { UriPath: {} },
                  PositionalConstraint: 'STARTS_WITH',
                  SearchString: API_PATH_PREFIX,
                }),
              },
            },
          },
        }),
      ]),
    });
    expect(API_PATH_PREFIX).toBe('/api/');
  });

  it('attaches the web ACL given by kikan:webAclArn to the distribution that fronts /api/*', () => {
    const withAcl = synthesizeKikan({ context: { 'kikan:webAclArn': WEB_ACL_ARN } });
    withAcl.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: WEB_ACL_ARN,
        CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/api/*' })]),
      }),
    });
    expect(() =>
      synthesizeKikan({
        context: { 'kikan:webAclArn': 'arn:aws:wafv2:ap-northeast-1:123456789012:regional/webacl/x/y' },
      }),
    ).toThrow(/not the ARN of a CloudFront/);
  });

  it('warns at synthesis when the distribution runs without the web ACL', () => {
    const distribution = template.findResources('AWS::CloudFront::Distribution');
    const config = Object.values(distribution)[0]?.Properties?.DistributionConfig as Record<string, unknown>;
    expect(config.WebACLId).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('without WAF'));
  });

  it('refuses the execute-api bypass: CloudFront sends the origin secret the functions are given', () => {
    const secretId = resourcesOfType(template, 'AWS::SecretsManager::Secret')
      .map(([id]) => id)
      .find((id) => id.includes('OriginVerify'));
    const reference = {
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
    };
    const config = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties
      ?.DistributionConfig as { Origins: { DomainName: unknown; OriginCustomHeaders?: unknown[] }[] };
    const apiOrigin = config.Origins.find((origin) => JSON.stringify(origin.DomainName).includes('HttpApi'));
    expect(apiOrigin?.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: reference },
    ]);
    for (const functionId of apiFunctionIds) {
      const variables = (
        resources[functionId]?.Properties?.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(variables.ORIGIN_VERIFY_SECRET, functionId).toEqual(reference);
    }
  });
});

describe('SECURITY row 20: infrastructure misconfiguration', () => {
  it('leaves no cdk-nag AwsSolutions finding unacknowledged in either stack (see nag.test.ts)', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.success).toBe(true);
    expect(report.violations.map((violation) => `${violation.severity} ${violation.ruleName}`)).toEqual([]);
    // Both stacks are in scope: the main one at the top, the edge one inside its own stage.
    expect(app.node.findAll().filter((construct) => construct instanceof Stack)).toEqual(
      expect.arrayContaining([stack, edge]),
    );
    expect(app.node.children.filter((child) => child instanceof Stack)).toEqual([stack]);
  });
});

describe('SECURITY row 21: staff authentication', () => {
  const [[, pool] = []] = resourcesOfType(template, 'AWS::Cognito::UserPool');

  it('requires MFA by authenticator app', () => {
    expect(pool?.Properties?.MfaConfiguration).toBe('ON');
    expect(pool?.Properties?.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('has a password policy of 12+ characters with every class, and enforced threat protection', () => {
    const { PasswordPolicy: policy } = pool?.Properties?.Policies as {
      PasswordPolicy: Record<string, unknown>;
    };
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool?.Properties?.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });
});
