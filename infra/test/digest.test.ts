import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DIGEST_SCHEDULE, DIGEST_TIMEOUT } from '../src/digest.ts';
import {
  asArray,
  functionRoleId,
  kikanFunctions,
  resourcesOfType,
  roleStatements,
  synthesizeKikan,
  tenantDataRoleId,
} from './kikan-synth.ts';

/**
 * The daily e-mail digest (ADR 0038) as the app deploys it with a sender identity set: scheduled,
 * no table access of its own, and allowed to send mail from that one SES identity only. Synthesis
 * runs cdk-nag over it (synthesizeKikan fails on any unacknowledged finding).
 */
const IDENTITY = 'kikan.example.jp';
const FROM = 'oshirase@kikan.example.jp';

const { template } = synthesizeKikan({
  context: { 'kikan:digestSenderIdentity': IDENTITY, 'kikan:digestFrom': FROM },
});
const digestFunctions = kikanFunctions(template).filter(([, fn]) =>
  String(fn.Properties?.Description ?? '').includes('e-mail digest'),
);
const [digestId, digestFunction] = digestFunctions[0] ?? ['', { Type: '', Properties: {} }];
const digestRoleId = functionRoleId(digestFunction);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const statementsOf = (roleId: string) => roleStatements(template, roleId) as Statement[];
const sesActions = (statement: Statement) =>
  asArray(statement.Action).filter((action) => /^ses:/i.test(action));

describe('digest: schedule and environment', () => {
  it('is one function, run daily at 07:00 in Japan by EventBridge', () => {
    expect(digestFunctions).toHaveLength(1);
    expect(DIGEST_SCHEDULE).toBe('cron(0 22 * * ? *)');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: DIGEST_SCHEDULE,
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [digestId, 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [digestId, 'Arn'] },
    });
  });

  it('sends through SES from the configured address, with links to the portal', () => {
    expect(digestFunction.Properties?.Timeout).toBe(DIGEST_TIMEOUT.toSeconds());
    const variables = (digestFunction.Properties?.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables.MAIL_MODE).toBe('ses');
    expect(variables.MAIL_FROM).toBe(FROM);
    expect(JSON.stringify(variables.SES_IDENTITY_ARN)).toContain(`:identity/${IDENTITY}`);
    // The deployment's own origin (kikan:extraOrigins) is the portal's address in the mails.
    expect(variables.PORTAL_URL).toBe('https://kikan.example.jp');
    expect(variables).not.toHaveProperty('AUTH_MODE');
  });
});

describe('digest: the narrowest grants', () => {
  it('may send mail from the one configured SES identity, from the configured address, and nothing else of SES', () => {
    const ses = statementsOf(digestRoleId).filter((statement) => sesActions(statement).length > 0);
    expect(ses).toHaveLength(1);
    const [grant] = ses;
    expect(grant?.Effect).toBe('Allow');
    expect(asArray(grant?.Action)).toEqual(['ses:SendEmail']);
    const resources = asArray(grant?.Resource);
    expect(resources).toHaveLength(1);
    const resource = JSON.stringify(resources[0]);
    expect(resource).toContain(`:identity/${IDENTITY}`);
    expect(resource).not.toContain('*');
    expect(grant?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': FROM } });
  });

  it('is the only role of the stack with any SES action', () => {
    const withSes = resourcesOfType(template, 'AWS::IAM::Role')
      .map(([roleId]) => roleId)
      .filter((roleId) => statementsOf(roleId).some((statement) => sesActions(statement).length > 0));
    expect(withSes).toEqual([digestRoleId]);
  });

  it('has no table access of its own and may only assume the tenant data role', () => {
    const statements = statementsOf(digestRoleId);
    expect(
      statements.filter(
        (statement) =>
          statement.Effect === 'Allow' &&
          asArray(statement.Action).some((action) => /^dynamodb:/i.test(action)),
      ),
    ).toEqual([]);
    const sts = statements.filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('sts:')),
    );
    expect(sts).toHaveLength(1);
    expect(asArray(sts[0]?.Action).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(JSON.stringify(sts[0]?.Resource)).toContain(tenantDataRoleId(template));
  });
});

describe('digest: configuration', () => {
  it('is not deployed without a sender identity', () => {
    const { template: without } = synthesizeKikan();
    const digests = kikanFunctions(without).filter(([, fn]) =>
      String(fn.Properties?.Description ?? '').includes('e-mail digest'),
    );
    expect(digests).toEqual([]);
  });

  it('refuses a From address outside the identity', () => {
    expect(() =>
      synthesizeKikan({
        context: { 'kikan:digestSenderIdentity': IDENTITY, 'kikan:digestFrom': 'noreply@other.example' },
      }),
    ).toThrow(/not an address of the identity/);
  });
});
