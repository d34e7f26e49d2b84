import path from 'node:path';
import { App, Aws, Stage, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { KikanEdgeStack } from './edge.ts';
import { KikanStack } from './kikan-stack.ts';
import { REPOSITORY_ROOT } from './repository.ts';

/** Context keys a deployment may set (`cdk deploy -c kikan:extraOrigins=https://kikan.example.jp`). */
export const CONTEXT = {
  stackName: 'kikan:stackName',
  authDomainPrefix: 'kikan:authDomainPrefix',
  extraOrigins: 'kikan:extraOrigins',
  allowedCountries: 'kikan:allowedCountries',
  webBuildDir: 'kikan:webBuildDir',
  webAclArn: 'kikan:webAclArn',
  /** The SES identity (domain or address) the daily digest is sent from (ADR 0038); unset: no digest. */
  digestSenderIdentity: 'kikan:digestSenderIdentity',
  /** The digest's From address; by default noreply@ the identity's domain. */
  digestFrom: 'kikan:digestFrom',
} as const;

const list = (value: unknown): string[] =>
  String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const httpsOrigin = (value: string): string => {
  const url = new URL(value);
  if (url.protocol !== 'https:' || url.origin !== value) {
    throw new Error(
      `${CONTEXT.extraOrigins}: "${value}" is not an https origin (no path, no trailing slash)`,
    );
  }
  return value;
};

/** A CloudFront web ACL: WAFv2, us-east-1, global scope (the `WebAclArn` output of the edge stack). */
const cloudFrontWebAclArn = (value: string): string => {
  if (!/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/.test(value)) {
    throw new Error(`${CONTEXT.webAclArn}: "${value}" is not the ARN of a CloudFront (global) web ACL`);
  }
  return value;
};

/** The digest's sender: an identity and a From address of it, or none. */
const digestSender = (
  identity: string,
  from: string,
): { senderIdentity: string; mailFrom: string } | undefined => {
  if (identity === '') return undefined;
  const mailFrom = from || (identity.includes('@') ? identity : `noreply@${identity}`);
  const domain = mailFrom.split('@')[1] ?? '';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mailFrom) || (identity !== mailFrom && identity !== domain)) {
    throw new Error(
      `${CONTEXT.digestFrom}: "${mailFrom}" is not an address of the identity "${identity}" (${CONTEXT.digestSenderIdentity})`,
    );
  }
  return { senderIdentity: identity, mailFrom };
};

/**
 * The Kikan CDK app: one environment-agnostic stack (no lookups, so synthesis needs no AWS
 * account) checked by cdk-nag's AwsSolutions pack, which fails synthesis on any unacknowledged finding.
 */
export const createKikanApp = (
  props: AppProps = {},
): { app: App; stack: KikanStack; edge: KikanEdgeStack } => {
  const app = new App(props);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const stackName = String(context(CONTEXT.stackName) ?? 'Kikan');
  const webAclArn = String(context(CONTEXT.webAclArn) ?? '').trim();
  const digest = digestSender(
    String(context(CONTEXT.digestSenderIdentity) ?? '').trim(),
    String(context(CONTEXT.digestFrom) ?? '').trim(),
  );

  // In a stage of its own, so the top level holds the one main stack and `npx cdk deploy` keeps
  // deploying it without naming it; the edge is deployed by name (`npx cdk deploy 'KikanEdge/*'`).
  const edgeStage = new Stage(app, `${stackName}Edge`);
  const edge = new KikanEdgeStack(edgeStage, 'WebAcl', {
    stackName: `${stackName}Edge`,
    description:
      'Kikan edge: the CloudFront web ACL (us-east-1); deploy first, pass WebAclArn as kikan:webAclArn',
  });
  const stack = new KikanStack(app, stackName, {
    description: 'Kikan: consultation-support caseloads (portal, API, table, sign-in)',
    authDomainPrefix: String(context(CONTEXT.authDomainPrefix) ?? `kikan-${Aws.ACCOUNT_ID}`),
    extraOrigins: list(context(CONTEXT.extraOrigins)).map(httpsOrigin),
    allowedCountries: list(context(CONTEXT.allowedCountries) ?? 'JP'),
    webBuildDir: path.resolve(REPOSITORY_ROOT, String(context(CONTEXT.webBuildDir) ?? 'web/build')),
    ...(webAclArn === '' ? {} : { webAclArn: cloudFrontWebAclArn(webAclArn) }),
    ...(digest ? { digest } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, edge };
};
