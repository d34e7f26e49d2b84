import { Match } from 'aws-cdk-lib/assertions';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { KikanFunction } from '../src/function-defaults.ts';
import { IMPORT_FILE_EXPIRY, IMPORT_PROCESSOR_TIMEOUT } from '../src/imports.ts';
import { functionRoleId, roleStatements, synthesizeKikan } from './kikan-synth.ts';

/**
 * File imports in AWS (ADR 0034): a private, encrypted, expiring upload bucket; a processor with
 * 15 minutes that may only read and delete uploads and assume the tenant data role; and a caseload
 * API function that may only sign uploads and invoke that one processor.
 */
const { stack, template } = synthesizeKikan();
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;
const bucketId =
  Object.keys(resources).find(
    (id) => id.startsWith('ImportsUploads') && resources[id]?.Type === 'AWS::S3::Bucket',
  ) ?? '';
const functionIdOf = (construct: unknown): string => {
  if (!(construct instanceof KikanFunction)) throw new Error('not a KikanFunction');
  const cfnFunction = construct.lambda.node.defaultChild;
  if (!(cfnFunction instanceof CfnFunction)) throw new Error('no CfnFunction');
  return stack.getLogicalId(cfnFunction);
};
const processorId = functionIdOf(stack.node.findChild('Imports').node.findChild('Processor'));
const caseloadId = functionIdOf(stack.node.findChild('Api').node.findChild('CaseloadFunction'));
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const statementsOf = (functionId: string) =>
  roleStatements(
    template,
    functionRoleId(resources[functionId] as Parameters<typeof functionRoleId>[0]),
  ) as Statement[];
const uploadsArn = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/imports/*']] };
const s3Statements = (functionId: string) =>
  statementsOf(functionId).filter((statement) => JSON.stringify(statement.Action).includes('s3:'));

describe('imports: the upload bucket', () => {
  it('is private, encrypted, TLS-only and deletes what is left after a day', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ ExpirationInDays: IMPORT_FILE_EXPIRY.toDays(), Status: 'Enabled' })],
      },
      CorsConfiguration: {
        CorsRules: Match.arrayWith([Match.objectLike({ AllowedMethods: ['PUT'] })]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets browsers PUT from the portal origins only', () => {
    const cors = (
      resources[bucketId]?.Properties.CorsConfiguration as { CorsRules: { AllowedOrigins: unknown[] }[] }
    ).CorsRules;
    for (const rule of cors) expect(JSON.stringify(rule.AllowedOrigins)).not.toContain('"*"');
  });
});

describe('imports: grants', () => {
  it('gives the processor 15 minutes, the bucket name and the tenant data role, and no API environment', () => {
    const processor = resources[processorId];
    expect(processor?.Properties.Timeout).toBe(IMPORT_PROCESSOR_TIMEOUT.toSeconds());
    const variables = (processor?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables).sort()).toEqual([
      'IMPORT_BUCKET',
      'POWERTOOLS_SERVICE_NAME',
      'TABLE_NAME',
      'TENANT_DATA_ROLE_ARN',
    ]);
  });

  it('lets the processor read and delete uploads, nothing else of S3', () => {
    expect(s3Statements(processorId)).toEqual([
      { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject'], Resource: uploadsArn },
    ]);
  });

  it('lets the caseload function sign uploads and invoke that processor only', () => {
    expect(s3Statements(caseloadId)).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: uploadsArn },
    ]);
    const invokes = statementsOf(caseloadId).filter((statement) =>
      JSON.stringify(statement.Action).includes('lambda:'),
    );
    expect(invokes).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [processorId, 'Arn'] } },
    ]);
  });

  it('gives no other Kikan function any S3 or Lambda invoke right', () => {
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::Lambda::Function' || id === processorId || id === caseloadId) continue;
      // CDK's own deployment helpers (the portal's BucketDeployment) are not ours to restrict here.
      if (!String(resource.Properties.Description ?? '').startsWith('Kikan')) continue;
      const statements = statementsOf(id).filter((statement) =>
        /"(s3|lambda):/.test(JSON.stringify(statement.Action)),
      );
      expect(statements, id).toEqual([]);
    }
  });
});
