import { Aws, Duration, Lazy, Validations } from 'aws-cdk-lib';
import {
  AccountPrincipal,
  Effect,
  PolicyStatement,
  Role,
  SessionTagsPrincipal,
  type IGrantable,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { UNCONFINABLE_ACTIONS, type Data } from './data.ts';

/** Session tags a caller must (tenant) or may (office) set when it assumes the tenant data role. */
export const TENANT_SESSION_TAGS = { tenant: 'tenant', office: 'office' } as const;

/**
 * The partition-key prefix of the session's tenant, `T#<tenant>#` as `tenantKeyPrefix` in
 * shared/src/table.ts builds it, for every key of the table and of every index. Session tag values
 * cannot hold `*`, `?` or `#`, so the tag can neither widen the pattern nor reach another tenant's prefix.
 */
export const TENANT_LEADING_KEYS = `T#\${aws:PrincipalTag/${TENANT_SESSION_TAGS.tenant}}#*`;

/** The longest session the role allows; the services ask for 15-minute sessions. */
export const TENANT_SESSION_MAX = Duration.hours(1);

export interface TenantDataRoleProps {
  data: Data;
}

/**
 * The only way to the table's items (SECURITY.md rows 2 and 3). Functions hold no table access of
 * their own: per request they assume this role with the session tags `tenant` (required) and
 * `office`, and the credentials they get reach only items whose partition key starts with
 * `T#<tenant>#`. The trust policy admits only the roles granted by `grantAssume`, and only with
 * the tenant tag.
 *
 * The trust policy names the account and lists the granted roles in `aws:PrincipalArn` rather than
 * naming each role as a principal: `Role` needs its trust principal when it is built, grantees come
 * later (API functions, the retention sweeper), and one statement with one set of tag conditions
 * keeps every grantee under the same rules. Trusting the account alone would let any principal with
 * an identity policy allowing sts:AssumeRole in; the ArnEquals condition closes that.
 */
export class TenantDataRole extends Construct {
  private readonly role: Role;
  private readonly grantees: IRole[] = [];

  constructor(scope: Construct, id: string, props: TenantDataRoleProps) {
    super(scope, id);

    const trustedCallers = Lazy.list({ produce: () => this.grantees.map((grantee) => grantee.roleArn) });
    this.role = new Role(this, 'Role', {
      description: 'Kikan tenant data access: items under T#<tenant session tag>#, nothing else',
      maxSessionDuration: TENANT_SESSION_MAX,
      assumedBy: new SessionTagsPrincipal(new AccountPrincipal(Aws.ACCOUNT_ID)).withConditions({
        ArnEquals: { 'aws:PrincipalArn': trustedCallers },
        StringLike: { [`aws:RequestTag/${TENANT_SESSION_TAGS.tenant}`]: '?*' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': Object.values(TENANT_SESSION_TAGS) },
      }),
    });

    props.data.grantLeadingKeyAccess(this.role, [TENANT_LEADING_KEYS]);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.DENY, actions: [...UNCONFINABLE_ACTIONS], resources: ['*'] }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only the explicit Deny of Scan and PartiQL uses *; a Deny on * narrows and grants nothing.',
    });

    this.node.addValidation({
      validate: () =>
        this.grantees.length === 0 ? ['TenantDataRole has no grantee: nothing could ever assume it'] : [],
    });
  }

  get roleArn(): string {
    return this.role.roleArn;
  }

  /**
   * Lets the grantee (a Lambda function or its role) assume this role with session tags: the
   * grantee's policy allows sts:AssumeRole and sts:TagSession on this role only, and the trust
   * policy admits the grantee's role.
   */
  grantAssume(grantee: IGrantable): void {
    const principal = grantee.grantPrincipal;
    if (!isRole(principal)) {
      throw new Error('TenantDataRole.grantAssume: the grantee must act through an IAM role');
    }
    principal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [this.role.roleArn] }),
    );
    this.grantees.push(principal);
  }
}

const isRole = (principal: unknown): principal is IRole =>
  typeof principal === 'object' &&
  principal !== null &&
  'roleArn' in principal &&
  typeof principal.roleArn === 'string';
