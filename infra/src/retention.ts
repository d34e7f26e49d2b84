import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Data } from './data.ts';
import { KikanFunction } from './function-defaults.ts';
import type { TenantDataRole } from './tenant-data-role.ts';

/** Every day at 03:00 in Japan (18:00 UTC), away from office hours. */
export const RETENTION_SCHEDULE = 'cron(0 18 * * ? *)';

/** A sweep stops a minute before this and the next run resumes, so the Lambda maximum is safe. */
export const RETENTION_TIMEOUT = Duration.minutes(15);

export interface RetentionSweeperProps {
  data: Data;
  tenantDataRole: TenantDataRole;
}

/**
 * The daily retention sweep (ADR 0018): a scheduled Lambda that deletes the cases closed longer ago
 * than their tenant's period. Like the API functions it has no table access of its own: it may only
 * assume the tenant data role, once tagged with the registry's reserved pseudo-tenant to list the
 * tenants (items under `T#_registry#`) and once per tenant to sweep it (items under `T#<tenant>#`).
 */
export class RetentionSweeper extends Construct {
  readonly function: KikanFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: RetentionSweeperProps) {
    super(scope, id);

    this.function = new KikanFunction(this, 'Function', {
      servicesEntry: 'src/retention/function.ts',
      description: 'Kikan retention sweep: deletes closed cases past their retention period',
      environment: {
        TABLE_NAME: props.data.tableName,
        TENANT_DATA_ROLE_ARN: props.tenantDataRole.roleArn,
      },
    });
    // The one function that works longer than a request: the API's 10-second default would cut
    // every sweep of a large tenant short (it would still finish, a few cases a day).
    const cfnFunction = this.function.lambda.node.defaultChild;
    if (!(cfnFunction instanceof CfnFunction)) throw new Error('RetentionSweeper: no CfnFunction');
    cfnFunction.timeout = RETENTION_TIMEOUT.toSeconds();

    props.tenantDataRole.grantAssume(this.function.lambda);

    this.rule = new Rule(this, 'Daily', {
      description: 'Kikan retention sweep, daily at 03:00 JST',
      schedule: Schedule.expression(RETENTION_SCHEDULE),
    });
    // A failed run is retried twice; a run missed altogether is caught up by the next day's.
    this.rule.addTarget(
      new LambdaFunction(this.function.lambda, { retryAttempts: 2, maxEventAge: Duration.hours(6) }),
    );
  }
}
