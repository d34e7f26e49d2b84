import { BOUNDED_CONTEXTS } from '@kikan/services/routes';
import { describe, expect, it } from 'vitest';
import { LAMBDA_NODE_MAJOR } from '../src/bundling.ts';
import {
  asArray,
  functionRoleId,
  kikanFunctions,
  referencedId,
  resourcesOfType,
  roleStatements,
  synthesizeKikan,
} from './kikan-synth.ts';

const { template } = synthesizeKikan();
const functions = kikanFunctions(template);
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;

/** An action that could read across tenants: Scan and PartiQL escape dynamodb:LeadingKeys. */
const isForbiddenTableAction = (action: string): boolean =>
  action === '*' || /^dynamodb:(\*|Scan$|PartiQL)/i.test(action);

describe('functions: shared defaults', () => {
  it('covers the API functions, the retention sweeper, the Cognito trigger and the import processor', () => {
    expect(functions).toHaveLength(BOUNDED_CONTEXTS.length + 3);
  });

  it('runs every function on Node.js 24 and arm64', () => {
    for (const [, fn] of functions) {
      expect(fn.Properties?.Runtime).toBe(`nodejs${LAMBDA_NODE_MAJOR}.x`);
      expect(fn.Properties?.Architectures).toEqual(['arm64']);
    }
  });

  it('gives every function its own log group with a retention and active tracing', () => {
    for (const [, fn] of functions) {
      const logGroupId = referencedId((fn.Properties?.LoggingConfig as { LogGroup: unknown }).LogGroup) ?? '';
      expect(resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
      expect(resources[logGroupId]?.Properties.RetentionInDays).toBeGreaterThan(0);
      expect(fn.Properties?.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('gives every function its own role without AWS managed policies', () => {
    const roleIds = functions.map(([, fn]) => functionRoleId(fn));
    expect(new Set(roleIds).size).toBe(functions.length);
    for (const roleId of roleIds) {
      expect(resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('functions: table permissions', () => {
  it('no IAM policy in the stack allows Scan, PartiQL or dynamodb:*', () => {
    const policies = [
      ...resourcesOfType(template, 'AWS::IAM::Policy').map(([, policy]) => policy.Properties?.PolicyDocument),
      ...resourcesOfType(template, 'AWS::IAM::Role').flatMap(([, role]) =>
        ((role.Properties?.Policies ?? []) as { PolicyDocument: unknown }[]).map(
          (policy) => policy.PolicyDocument,
        ),
      ),
    ] as { Statement: { Effect: string; Action: string | string[] }[] }[];

    const allowed = policies
      .flatMap((policy) => policy.Statement)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => asArray(statement.Action));

    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.filter(isForbiddenTableAction)).toEqual([]);
  });

  it('explicitly denies Scan and PartiQL on every function role', () => {
    for (const [, fn] of functions) {
      const denials = roleStatements(template, functionRoleId(fn)).filter(
        (statement) => statement.Effect === 'Deny',
      );
      expect(denials).toContainEqual({
        Effect: 'Deny',
        Action: ['dynamodb:PartiQL*', 'dynamodb:Scan'],
        Resource: '*',
      });
    }
  });
});
