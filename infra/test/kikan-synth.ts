import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createKikanApp } from '../src/kikan-app.ts';
import { REPOSITORY_ROOT } from '../src/repository.ts';

/** The context `cdk synth` reads from cdk.json, so tests check the template that gets deployed. */
const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(path.join(REPOSITORY_ROOT, 'cdk.json'), 'utf8'),
).context;

export const TEST_DOMAIN_PREFIX = 'kikan-test';
export const TEST_EXTRA_ORIGIN = 'https://kikan.example.jp';

export interface SynthesizeOptions {
  context?: Record<string, unknown>;
  /** Run esbuild for every function (slower); otherwise CDK skips bundling and stages a placeholder. */
  bundle?: boolean;
}

/**
 * Builds the app as bin/app.ts does (same stack, same cdk-nag plugin, cdk.json context) and
 * synthesises it once. Synthesis fails on any unacknowledged cdk-nag finding.
 */
export const synthesizeKikan = ({ context = {}, bundle = false }: SynthesizeOptions = {}) => {
  const { app, stack, edge } = createKikanApp({
    context: {
      ...CDK_JSON_CONTEXT,
      'kikan:authDomainPrefix': TEST_DOMAIN_PREFIX,
      'kikan:extraOrigins': TEST_EXTRA_ORIGIN,
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
  });
  return { app, stack, edge, template: Template.fromStack(stack), edgeTemplate: Template.fromStack(edge) };
};

/** A stand-in for the SvelteKit build: index.html with one inline start-up script and a hashed chunk. */
export const createPortalBuildFixture = (): { buildDir: string; inlineScript: string } => {
  const buildDir = mkdtempSync(path.join(tmpdir(), 'kikan-web-build-'));
  const inlineScript =
    '\n\t\t\t{ __sveltekit_1 = { base: "" }; import("./_app/immutable/entry/start.js"); }\n\t\t';
  writeFileSync(
    path.join(buildDir, 'index.html'),
    `<!doctype html><html lang="ja"><head><script type="module" src="/_app/immutable/entry/app.js"></script></head>` +
      `<body><div></div><script>${inlineScript}</script></body></html>`,
  );
  mkdirSync(path.join(buildDir, '_app/immutable/entry'), { recursive: true });
  writeFileSync(path.join(buildDir, '_app/immutable/entry/start.js'), 'export const start = () => {};');
  return { buildDir, inlineScript };
};

type CfnResource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

export const resourcesOfType = (template: Template, type: string): [string, CfnResource][] =>
  Object.entries(template.findResources(type) as Record<string, CfnResource>);

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Logical id behind `{ Ref: id }` or `{ 'Fn::GetAtt': [id, attr] }`. */
export const referencedId = (value: unknown): string | undefined => {
  if (value && typeof value === 'object') {
    if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
    if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) return String(value['Fn::GetAtt'][0]);
  }
  return undefined;
};

/** Every statement of every policy attached to the role (inline policies and AWS::IAM::Policy). */
export const roleStatements = (template: Template, roleId: string): Statement[] => {
  const role = template.toJSON().Resources[roleId] as CfnResource;
  const inline = (
    (role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
  ).flatMap((policy) => policy.PolicyDocument.Statement);
  const attached = resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties?.Roles as unknown[]).some((ref) => referencedId(ref) === roleId),
    )
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
  return [...inline, ...attached];
};

/** CDK's own BucketDeployment handler: a library function, not one of ours. */
const isLibraryFunction = (logicalId: string): boolean => logicalId.startsWith('CustomCDKBucketDeployment');

/** Kikan's own Lambda functions (API handlers and the Cognito trigger). */
export const kikanFunctions = (template: Template): [string, CfnResource][] =>
  resourcesOfType(template, 'AWS::Lambda::Function').filter(([id]) => !isLibraryFunction(id));

export const functionRoleId = (fn: CfnResource): string => {
  const roleId = referencedId(fn.Properties?.Role);
  if (!roleId) throw new Error('function without a role reference');
  return roleId;
};

/** The tenant data role: the one role whose policies allow item actions (ADR 0017). */
export const tenantDataRoleId = (template: Template): string => {
  const [id, ...others] = resourcesOfType(template, 'AWS::IAM::Role')
    .filter(([, role]) => String(role.Properties?.Description).startsWith('Kikan tenant data access'))
    .map(([roleId]) => roleId);
  if (!id || others.length > 0) throw new Error('expected exactly one tenant data role');
  return id;
};
