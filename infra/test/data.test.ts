import { TABLE_ATTRIBUTES, TABLE_INDEXES } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ITEM_ACTIONS, KEY_ACTIONS } from '../src/data.ts';
import { createKikanApp } from '../src/kikan-app.ts';
import { TENANT_LEADING_KEYS } from '../src/tenant-data-role.ts';
import { resourcesOfType, roleStatements, synthesizeKikan, tenantDataRoleId } from './kikan-synth.ts';

const { template } = synthesizeKikan();
const [[tableId, table] = []] = resourcesOfType(template, 'AWS::DynamoDB::Table');
const [[keyId, key] = []] = resourcesOfType(template, 'AWS::KMS::Key');

describe('data: the table', () => {
  it('is the only table, keyed by the shared partition and sort key names', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    expect(table?.Properties?.KeySchema).toEqual([
      { AttributeName: TABLE_ATTRIBUTES.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_ATTRIBUTES.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('bills on demand', () => {
    expect(table?.Properties?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('has point-in-time recovery and deletion protection', () => {
    expect(table?.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.Properties?.DeletionProtectionEnabled).toBe(true);
  });

  it('is retained when the stack or the resource is removed', () => {
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
  });

  it('is encrypted with the customer managed key of the stack, which rotates and is retained', () => {
    expect(table?.Properties?.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    expect(key?.DeletionPolicy).toBe('Retain');
  });

  it('streams new and old images', () => {
    expect(table?.Properties?.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('expires items by the shared TTL attribute', () => {
    expect(table?.Properties?.TimeToLiveSpecification).toEqual({
      AttributeName: TABLE_ATTRIBUTES.ttl,
      Enabled: true,
    });
  });

  it('has exactly the indexes of the shared definition, each projecting all attributes', () => {
    const indexes = table?.Properties?.GlobalSecondaryIndexes as {
      IndexName: string;
      KeySchema: unknown;
      Projection: unknown;
    }[];

    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      Object.values(TABLE_INDEXES)
        .map((index) => index.indexName)
        .sort(),
    );
    for (const expected of Object.values(TABLE_INDEXES)) {
      expect(indexes.find((index) => index.IndexName === expected.indexName)).toEqual({
        IndexName: expected.indexName,
        KeySchema: [
          { AttributeName: expected.partitionKey, KeyType: 'HASH' },
          { AttributeName: expected.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });
});

describe('data: item access by leading key', () => {
  const tenantRoleId = tenantDataRoleId(template);
  const statements = roleStatements(template, tenantRoleId);

  it('allows the item actions on the table and its indexes only under the tenant prefix', () => {
    expect(
      statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:')),
    ).toContainEqual({
      Effect: 'Allow',
      Action: [...ITEM_ACTIONS].sort(),
      Resource: [
        { 'Fn::GetAtt': [tableId, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
      ],
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [TENANT_LEADING_KEYS] } },
    });
  });

  it('allows the table key only through DynamoDB', () => {
    const keyStatements = statements.filter((statement) => JSON.stringify(statement.Action).includes('kms:'));
    expect(keyStatements).toEqual([
      {
        Effect: 'Allow',
        Action: [...KEY_ACTIONS].sort(),
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
        Condition: {
          StringEquals: {
            'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
          },
        },
      },
    ]);
  });

  it('refuses a grant without a key prefix', () => {
    const { stack } = createKikanApp({
      context: { 'aws:cdk:bundling-stacks': [], 'kikan:authDomainPrefix': 'd' },
    });
    const grantee = new Role(stack, 'Grantee', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    expect(() => stack.data.grantLeadingKeyAccess(grantee, [])).toThrow(/key prefixes/);
    expect(() => stack.data.grantLeadingKeyAccess(grantee, ['*'])).toThrow(/key prefixes/);
    expect(() => stack.data.grantLeadingKeyAccess(grantee, [''])).toThrow(/key prefixes/);
  });
});
