import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Data } from './data.ts';
import { KikanFunction } from './function-defaults.ts';
import type { TenantDataRole } from './tenant-data-role.ts';

/** Every upload's key starts here (services/src/data/import-files.ts importObjectKey). */
export const IMPORT_PREFIX = 'imports/*';

/** An uploaded file is checked and imported within minutes; whatever is left is deleted after a day. */
export const IMPORT_FILE_EXPIRY = Duration.days(1);

/** Lambda's maximum: 20,000 rows take a few minutes, far past the API's 29 seconds. */
export const IMPORT_PROCESSOR_TIMEOUT = Duration.minutes(15);

export interface ImportsProps {
  data: Data;
  tenantDataRole: TenantDataRole;
}

/**
 * File imports (ADR 0034): a private, encrypted bucket the browser PUTs a file to through a
 * pre-signed URL (keys `imports/<tenant>/<job>`: no file name, nothing personal), and the processor
 * function the caseload API invokes asynchronously. The processor reads and deletes the files and
 * reaches the table only through the tenant data role, like every API function.
 */
export class Imports extends Construct {
  readonly bucket: Bucket;
  readonly processor: KikanFunction;

  constructor(scope: Construct, id: string, props: ImportsProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Uploads', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { expiration: IMPORT_FILE_EXPIRY, abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Objects live at most a day and every upload and import is audited by the API (the job and its import entry); server access logs would add a second record of the same keys.',
    });

    this.processor = new KikanFunction(this, 'Processor', {
      servicesEntry: 'src/caseload/import-processor.ts',
      description: 'Kikan import processor: checks and applies an uploaded file',
      environment: {
        TABLE_NAME: props.data.tableName,
        TENANT_DATA_ROLE_ARN: props.tenantDataRole.roleArn,
        IMPORT_BUCKET: this.bucket.bucketName,
      },
    });
    const cfnFunction = this.processor.lambda.node.defaultChild;
    if (!(cfnFunction instanceof CfnFunction)) throw new Error('Imports: no CfnFunction');
    cfnFunction.timeout = IMPORT_PROCESSOR_TIMEOUT.toSeconds();
    // Exact actions, not grantRead's wildcards: the processor reads a file and deletes it, nothing else.
    this.processor.lambda.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects(IMPORT_PREFIX)],
      }),
    );
    this.acknowledgePrefix(this.processor.lambda, 'The processor reads and deletes uploaded files');
    props.tenantDataRole.grantAssume(this.processor.lambda);
  }

  private acknowledgePrefix(grantee: IFunction, what: string) {
    const cfnBucket = this.bucket.node.defaultChild;
    if (!(cfnBucket instanceof CfnBucket)) throw new Error('Imports: no CfnBucket');
    Validations.of(grantee.role ?? grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(cfnBucket)}.Arn>/${IMPORT_PREFIX}]`,
      reason: `${what} under the imports/ prefix of this one bucket: keys are made per tenant and job at run time.`,
    });
  }

  /** The API function that creates jobs: it signs uploads (a signature carries its signer's rights) and starts the processor. */
  grantStart(api: IFunction): Record<string, string> {
    api.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(IMPORT_PREFIX)],
      }),
    );
    this.acknowledgePrefix(api, 'The API signs upload URLs (PutObject only)');
    api.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [this.processor.lambda.functionArn],
      }),
    );
    return {
      IMPORT_BUCKET: this.bucket.bucketName,
      IMPORT_PROCESSOR_FUNCTION: this.processor.lambda.functionName,
    };
  }

  /** The portal's origin may PUT to the bucket from the browser. */
  allowUploadsFrom(origin: string): void {
    this.bucket.addCorsRule({
      allowedMethods: [HttpMethods.PUT],
      allowedOrigins: [origin],
      allowedHeaders: ['content-type'],
      maxAge: 3000,
    });
  }

  /**
   * What the portal's Content-Security-Policy must let it connect to: S3 of the region. Naming the
   * bucket itself would make the bucket (whose CORS names the portal's origin) and the portal's
   * headers depend on each other.
   */
  get uploadOrigin(): string {
    return `https://*.s3.${Stack.of(this).region}.amazonaws.com`;
  }
}
