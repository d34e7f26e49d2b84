import { Duration, Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Data } from './data.ts';
import { KikanFunction } from './function-defaults.ts';
import type { TenantDataRole } from './tenant-data-role.ts';

/** Every day at 07:00 in Japan (22:00 UTC the day before): in the inbox before the office opens. */
export const DIGEST_SCHEDULE = 'cron(0 22 * * ? *)';

/** A run stops a minute before this; a tenant not reached is mailed the next morning. */
export const DIGEST_TIMEOUT = Duration.minutes(15);

export interface DigestProps {
  data: Data;
  tenantDataRole: TenantDataRole;
  /**
   * The one verified SES identity the digest is sent from: a domain (`kikan.example.jp`) or an
   * address. The function may send from it and from nothing else.
   */
  senderIdentity: string;
  /** The From address, of that identity. */
  mailFrom: string;
  /** The portal's origin: every link of a digest starts with it. */
  portalUrl: string;
}

/**
 * The daily e-mail digest (ADR 0038): a scheduled Lambda that mails each opted-in user the counts
 * and links of their notifications. Like the retention sweep it has no table access of its own (it
 * assumes the tenant data role per tenant, ADR 0017); its one other grant is ses:SendEmail on the
 * configured identity, from the configured address.
 */
export class Digest extends Construct {
  readonly function: KikanFunction;
  readonly rule: Rule;
  readonly identityArn: string;

  constructor(scope: Construct, id: string, props: DigestProps) {
    super(scope, id);

    this.identityArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: props.senderIdentity,
    });
    this.function = new KikanFunction(this, 'Function', {
      servicesEntry: 'src/digest/function.ts',
      description: "Kikan daily e-mail digest: each opted-in user's notification counts and links",
      environment: {
        TABLE_NAME: props.data.tableName,
        TENANT_DATA_ROLE_ARN: props.tenantDataRole.roleArn,
        MAIL_MODE: 'ses',
        MAIL_FROM: props.mailFrom,
        SES_IDENTITY_ARN: this.identityArn,
        PORTAL_URL: props.portalUrl,
      },
    });
    const cfnFunction = this.function.lambda.node.defaultChild;
    if (!(cfnFunction instanceof CfnFunction)) throw new Error('Digest: no CfnFunction');
    cfnFunction.timeout = DIGEST_TIMEOUT.toSeconds();

    props.tenantDataRole.grantAssume(this.function.lambda);
    this.function.lambda.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.identityArn],
        conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom } },
      }),
    );

    this.rule = new Rule(this, 'Daily', {
      description: 'Kikan e-mail digest, daily at 07:00 JST',
      schedule: Schedule.expression(DIGEST_SCHEDULE),
    });
    // A failed run is retried once within the morning; a mail a day late is no use.
    this.rule.addTarget(
      new LambdaFunction(this.function.lambda, { retryAttempts: 1, maxEventAge: Duration.hours(2) }),
    );
  }
}
