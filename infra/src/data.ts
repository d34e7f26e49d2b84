import { TABLE_ATTRIBUTES, TABLE_INDEXES } from '@kikan/shared';
import { CfnOutput, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  CfnTable,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Item-level actions the services use (transactions are authorised as their item actions). Scan and
 * PartiQL are absent on purpose: neither can be confined to one tenant's keys by dynamodb:LeadingKeys,
 * and every role that can reach the table denies them outright. DescribeTable is absent too: it
 * names no key, so a LeadingKeys condition could not confine it.
 */
export const ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** Table actions no grant may ever enable: they read or write without a partition key to confine. */
export const UNCONFINABLE_ACTIONS = ['dynamodb:Scan', 'dynamodb:PartiQL*'] as const;

/** What a principal needs of the table's customer managed key to read and write items through DynamoDB. */
export const KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/**
 * The one table of Kikan, with its names and indexes from `@kikan/shared`. Disability records are
 * sensitive personal information: the table outlives the stack, cannot be deleted by accident, can
 * be restored to any second of the last 35 days, and is encrypted with a key the account controls.
 */
export class Data extends Construct {
  private readonly table: Table;
  private readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new Key(this, 'TableKey', {
      description: 'Kikan table encryption',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_ATTRIBUTES.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_ATTRIBUTES.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: TABLE_ATTRIBUTES.ttl,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });

    for (const index of Object.values(TABLE_INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /**
   * Item actions on the table and its indexes, only on items whose partition key (of the table or
   * of the queried index) matches one of `leadingKeys` (IAM patterns, policy variables allowed), and
   * use of the table key through DynamoDB. There is no unconditioned grant: every table access in
   * the stack is confined by dynamodb:LeadingKeys.
   */
  grantLeadingKeyAccess(
    grantee: IGrantable,
    leadingKeys: readonly string[],
    actions: readonly (typeof ITEM_ACTIONS)[number][] = ITEM_ACTIONS,
  ): void {
    if (
      leadingKeys.length === 0 ||
      leadingKeys.some((pattern) => pattern === '' || pattern.startsWith('*'))
    ) {
      throw new Error('grantLeadingKeyAccess needs key prefixes, not an empty or leading-wildcard pattern');
    }
    const indexArns = `${this.table.tableArn}/index/*`;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...actions],
        resources: [this.table.tableArn, indexArns],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] } },
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: KEY_ACTIONS,
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    const cfnTable = this.table.node.defaultChild;
    if (grantee.grantPrincipal instanceof Construct && cfnTable instanceof CfnTable) {
      const tableLogicalId = Stack.of(this).getLogicalId(cfnTable);
      Validations.of(grantee.grantPrincipal).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason: 'Queries need the table indexes; the wildcard covers only index names of this one table.',
      });
    }
  }
}
