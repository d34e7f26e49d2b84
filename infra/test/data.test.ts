import { TABLE_ATTRIBUTES, TABLE_INDEXES } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { ITEM_ACTIONS, KEY_ACTIONS } from '../src/data.ts';
import {
  functionRoleId,
  kikanFunctions,
  resourcesOfType,
  roleStatements,
  synthesizeKikan,
} from './kikan-synth.ts';

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

describe('data: access granted to the API functions', () => {
  const apiFunctions = kikanFunctions(template).filter(([, fn]) => 'TABLE_NAME' in envOf(fn));

  it('reaches every API function', () => {
    expect(apiFunctions.length).toBeGreaterThan(0);
  });

  it('allows exactly the item actions on the table and its indexes', () => {
    for (const [, fn] of apiFunctions) {
      const tableStatements = roleStatements(template, functionRoleId(fn)).filter(
        (statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Action).includes('dynamodb:'),
      );
      expect(tableStatements).toEqual([
        {
          Effect: 'Allow',
          Action: [...ITEM_ACTIONS].sort(),
          Resource: [
            { 'Fn::GetAtt': [tableId, 'Arn'] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
          ],
        },
      ]);
    }
  });

  it('allows the table key only through DynamoDB', () => {
    for (const [, fn] of apiFunctions) {
      const keyStatements = roleStatements(template, functionRoleId(fn)).filter((statement) =>
        JSON.stringify(statement.Action).includes('kms:'),
      );
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
    }
  });
});

const envOf = (fn: { Properties?: Record<string, unknown> }): Record<string, unknown> =>
  (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
