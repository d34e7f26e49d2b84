import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { Data } from '../src/data.ts';
import { RETENTION_SCHEDULE, RETENTION_TIMEOUT, RetentionSweeper } from '../src/retention.ts';
import { TenantDataRole } from '../src/tenant-data-role.ts';
import { asArray, functionRoleId, roleStatements } from './kikan-synth.ts';

/** The sweeper beside the table and the tenant data role, as the stack composes them. */
const synthesize = () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'RetentionTest', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  const data = new Data(stack, 'Data');
  const tenantDataRole = new TenantDataRole(stack, 'TenantData', { data });
  const sweeper = new RetentionSweeper(stack, 'Retention', { data, tenantDataRole });
  const cfnFunction = sweeper.function.lambda.node.defaultChild as CfnFunction;
  return { stack, template: Template.fromStack(stack), functionId: stack.getLogicalId(cfnFunction) };
};

const { template, functionId } = synthesize();
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;
const sweeperFunction = resources[functionId];
const sweeperRoleId = functionRoleId(sweeperFunction as Parameters<typeof functionRoleId>[0]);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const sweeperStatements = () => roleStatements(template, sweeperRoleId) as Statement[];

describe('retention sweeper: schedule', () => {
  it('runs the sweep function daily at 03:00 in Japan', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: RETENTION_SCHEDULE,
      State: 'ENABLED',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] }, RetryPolicy: Match.anyValue() }),
      ],
    });
    expect(RETENTION_SCHEDULE).toBe('cron(0 18 * * ? *)');
  });

  it('lets EventBridge invoke the function, and only it', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
  });

  it('gives the function the table name, the tenant data role and time for a large tenant', () => {
    expect(sweeperFunction?.Properties.Timeout).toBe(RETENTION_TIMEOUT.toSeconds());
    const variables = (sweeperFunction?.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'TENANT_DATA_ROLE_ARN']));
    expect(JSON.stringify(variables.TENANT_DATA_ROLE_ARN)).toContain('TenantData');
    expect(variables).not.toHaveProperty('AUTH_MODE');
  });
});

describe('retention sweeper: the narrowest grant', () => {
  it('has no table action of its own: no dynamodb statement on its role at all', () => {
    const tableAllows = sweeperStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        asArray(statement.Action).some((action) => /^dynamodb:/i.test(action)),
    );
    expect(tableAllows).toEqual([]);
  });

  it('may assume the tenant data role (with session tags), and no other role', () => {
    const sts = sweeperStatements().filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('sts:')),
    );
    expect(sts).toHaveLength(1);
    expect(asArray(sts[0]?.Action).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(JSON.stringify(sts[0]?.Resource)).toContain('TenantData');
  });

  it('is a trusted caller of the tenant data role, which still requires the tenant tag', () => {
    const [roleId] = Object.entries(resources).find(
      ([id, resource]) => resource.Type === 'AWS::IAM::Role' && id.startsWith('TenantData'),
    ) ?? [''];
    const trust = JSON.stringify(resources[roleId]?.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain(sweeperRoleId);
    expect(trust).toContain('aws:RequestTag/tenant');
  });

  it('denies Scan and PartiQL on its role like every function', () => {
    expect(sweeperStatements()).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: expect.arrayContaining(['dynamodb:Scan']) }),
    );
  });
});
