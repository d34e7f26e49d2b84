import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api.ts';
import { Auth } from './auth.ts';
import { Data } from './data.ts';
import { Digest } from './digest.ts';
import { Imports } from './imports.ts';
import { RetentionSweeper } from './retention.ts';
import { TenantDataRole } from './tenant-data-role.ts';
import { Web } from './web.ts';

export interface KikanStackProps extends StackProps {
  authDomainPrefix: string;
  /** Origins besides the CloudFront one that may receive sign-in redirects (custom domains). */
  extraOrigins: readonly string[];
  webBuildDir: string;
  allowedCountries: readonly string[];
  /** The CloudFront web ACL of the edge stack (edge.ts); without it the portal and API run without WAF. */
  webAclArn?: string;
  /**
   * The daily e-mail digest's sender (ADR 0038): the one SES identity it may send from and its From
   * address. Without it there is no digest (users can still switch it on; nothing is sent).
   */
  digest?: { senderIdentity: string; mailFrom: string };
}

/** Kikan in one region: it wires the four concerns together and builds nothing itself. */
export class KikanStack extends Stack {
  /** Per-request tenant credentials; any function that reads tenant items is granted `grantAssume`. */
  readonly tenantDataRole: TenantDataRole;
  readonly data: Data;

  constructor(scope: Construct, id: string, props: KikanStackProps) {
    super(scope, id, props);

    const data = new Data(this, 'Data');
    this.data = data;
    this.tenantDataRole = new TenantDataRole(this, 'TenantData', { data });
    const auth = new Auth(this, 'Auth', {
      domainPrefix: props.authDomainPrefix,
      data,
      tenantDataRole: this.tenantDataRole,
    });
    const imports = new Imports(this, 'Imports', { data, tenantDataRole: this.tenantDataRole });
    const api = new Api(this, 'Api', { data, auth, tenantDataRole: this.tenantDataRole, imports });
    new RetentionSweeper(this, 'Retention', { data, tenantDataRole: this.tenantDataRole });
    const web = new Web(this, 'Web', {
      api,
      auth,
      uploadOrigin: imports.uploadOrigin,
      buildDir: props.webBuildDir,
      allowedCountries: props.allowedCountries,
      ...(props.webAclArn === undefined ? {} : { webAclArn: props.webAclArn }),
    });
    if (props.digest) {
      new Digest(this, 'Digest', {
        data,
        tenantDataRole: this.tenantDataRole,
        ...props.digest,
        portalUrl: props.extraOrigins[0] ?? web.origin,
      });
    }
    for (const origin of [web.origin, ...props.extraOrigins]) {
      auth.allowOrigin(origin);
      imports.allowUploadsFrom(origin);
    }
  }
}
