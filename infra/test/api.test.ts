import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BOUNDED_CONTEXTS, ROUTES, functionEntry, routeKey } from '@kikan/services/routes';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { STAGE_THROTTLE } from '../src/api.ts';
import { LAMBDA_RUNTIME_PROVIDED, bundleLambda } from '../src/bundling.ts';
import { REPOSITORY_ROOT, SERVICES_ROOT } from '../src/repository.ts';
import {
  kikanFunctions,
  referencedId,
  resourcesOfType,
  synthesizeKikan,
  tenantDataRoleId,
} from './kikan-synth.ts';

const { app, template } = synthesizeKikan({ bundle: true });
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, never> }
>;
const [[tableId] = []] = resourcesOfType(template, 'AWS::DynamoDB::Table');
const [[userPoolId] = []] = resourcesOfType(template, 'AWS::Cognito::UserPool');
const [[clientId] = []] = resourcesOfType(template, 'AWS::Cognito::UserPoolClient');
const secretIds = resourcesOfType(template, 'AWS::SecretsManager::Secret').map(([id]) => id);
const originVerifySecretId = secretIds.find((id) => id.includes('OriginVerify'));
const cursorSecretId = secretIds.find((id) => id.includes('CursorSecret'));

const assetDirOf = (fn: { Properties?: Record<string, unknown> }): string => {
  const objectKey = (fn.Properties?.Code as { S3Key: string }).S3Key;
  return path.join(app.outdir, `asset.${objectKey.replace(/\.zip$/, '')}`);
};

/** The ES modules of a bundle (index.mjs and its chunks), by path relative to its directory. */
const modulesIn = (dir: string): Map<string, string> =>
  new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.mjs'))
      .sort()
      .map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]),
  );

/** The modules CDK bundled for every function of the stack. */
const deployedBundles = (): Map<string, string>[] =>
  kikanFunctions(template).map(([, fn]) => modulesIn(assetDirOf(fn)));

/** The bounded context a function serves, from the description the api construct gives it. */
const contextOfFunction = (functionId: string): string | undefined =>
  /^Kikan API: (\w+) routes$/.exec(resources[functionId]?.Properties.Description ?? '')?.[1];

const apiFunctions = kikanFunctions(template).filter(([id]) => contextOfFunction(id) !== undefined);

const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
  const target = route.Properties?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
  const integration = resources[target['Fn::Join'][1][1].Ref];
  const functionId = referencedId(integration?.Properties.IntegrationUri) ?? '';
  return {
    routeKey: route.Properties?.RouteKey as string,
    authorizationType: route.Properties?.AuthorizationType as string,
    context: contextOfFunction(functionId),
  };
});

describe('api: functions', () => {
  it('ships the OpenAPI document written at build time beside the platform bundle, as committed', () => {
    const platform = apiFunctions.find(([id]) => contextOfFunction(id) === 'platform')?.[1];
    const assetDir = platform ? assetDirOf(platform) : '';

    expect(readFileSync(path.join(assetDir, 'openapi.json'), 'utf8')).toBe(
      readFileSync(path.join(SERVICES_ROOT, 'src/platform/openapi.json'), 'utf8'),
    );
  });

  it('has one function per bounded context', () => {
    expect(apiFunctions.map(([id]) => contextOfFunction(id)).sort()).toEqual([...BOUNDED_CONTEXTS].sort());
  });

  it('gives every API function exactly the environment the services read', () => {
    for (const [id, fn] of apiFunctions) {
      // The caseload function creates import jobs: it signs uploads and starts the processor (ADR 0034).
      const imports =
        contextOfFunction(id) === 'caseload'
          ? {
              IMPORT_BUCKET: expect.objectContaining({ Ref: expect.stringMatching(/^ImportsUploads/) }),
              IMPORT_PROCESSOR_FUNCTION: expect.objectContaining({
                Ref: expect.stringMatching(/^ImportsProcessor/),
              }),
            }
          : {};
      // The platform function runs the sign-in session (ADR 0037): the hosted login's token endpoints.
      const session =
        contextOfFunction(id) === 'platform'
          ? { OAUTH_BASE_URL: expect.objectContaining({ 'Fn::Join': expect.any(Array) }) }
          : {};
      expect(fn.Properties?.Environment).toEqual({
        Variables: {
          TABLE_NAME: { Ref: tableId },
          TENANT_DATA_ROLE_ARN: { 'Fn::GetAtt': [tenantDataRoleId(template), 'Arn'] },
          AUTH_MODE: 'cognito',
          COGNITO_USER_POOL_ID: { Ref: userPoolId },
          COGNITO_CLIENT_ID: { Ref: clientId },
          ORIGIN_VERIFY_SECRET: {
            'Fn::Join': [
              '',
              ['{{resolve:secretsmanager:', { Ref: originVerifySecretId }, ':SecretString:::}}'],
            ],
          },
          CURSOR_SECRET_ARN: { Ref: cursorSecretId },
          POWERTOOLS_SERVICE_NAME: 'kikan',
          ...imports,
          ...session,
        },
      });
    }
  });

  it('lets every API function read the cursor secret, and that secret only (SECURITY.md row 22)', () => {
    expect(cursorSecretId).toBeDefined();
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const secretStatements = policies.flatMap((policy) =>
      (policy.Properties?.PolicyDocument?.Statement as { Action: unknown; Resource: unknown }[]).filter(
        (statement) => JSON.stringify(statement.Action).includes('secretsmanager:'),
      ),
    );
    for (const statement of secretStatements) {
      expect(statement.Resource).toEqual({ Ref: cursorSecretId });
      expect([statement.Action].flat().sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
    }
    const granted = policies.filter((policy) =>
      JSON.stringify(policy.Properties?.PolicyDocument).includes('secretsmanager:GetSecretValue'),
    );
    const grantedRoles = granted.flatMap((policy) => policy.Properties?.Roles as { Ref: string }[]);
    const roleOf = (fn: { Properties?: Record<string, unknown> }) =>
      (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    for (const [, fn] of apiFunctions) {
      expect(grantedRoles).toContainEqual({ Ref: roleOf(fn) });
    }
  });

  it('bundles every function as a minified ES module entry and its chunks, each with its source map', () => {
    for (const [, fn] of kikanFunctions(template)) {
      const assetDir = assetDirOf(fn);
      const modules = modulesIn(assetDir);

      expect(fn.Properties?.Handler).toBe('index.handler');
      expect(modules.has('index.mjs')).toBe(true);
      expect(existsSync(path.join(assetDir, 'index.js'))).toBe(false);
      for (const [file, code] of modules) {
        expect(existsSync(path.join(assetDir, `${file}.map`))).toBe(true);
        expect(code.startsWith("import { createRequire } from 'node:module';")).toBe(true);
      }
      // Minified: long lines (the platform bundle unminified averages ~38 characters per line).
      const code = [...modules.values()].join('\n');
      expect(code.length / code.split('\n').length).toBeGreaterThan(100);
    }
  });

  it('loads nothing from the runtime but Node built-ins and its own chunks, and the credential fallbacks lazily', async () => {
    for (const modules of deployedBundles()) {
      for (const [file, code] of modules) {
        // esbuild parses the module (every import left external): strings that merely mention an
        // import, like the SDK's advice to `import "@aws-sdk/signature-v4-crt"`, are not imports.
        const { metafile } = await build({
          stdin: { contents: code, loader: 'js', sourcefile: file },
          bundle: true,
          write: false,
          metafile: true,
          format: 'esm',
          platform: 'node',
          external: ['*'],
          logLevel: 'silent',
        });
        const imports = Object.values(metafile.inputs).flatMap((input) => input.imports);
        const ownChunk = (specifier: string) =>
          specifier.startsWith('.') && modules.has(path.join(path.dirname(file), specifier));
        const staticImports = imports.filter((entry) => entry.kind === 'import-statement');
        expect(staticImports.length).toBeGreaterThan(0);
        expect(
          staticImports
            .map((entry) => entry.path)
            .filter((specifier) => !isBuiltin(specifier) && !ownChunk(specifier)),
        ).toEqual([]);
        const lazy = imports
          .filter((entry) => entry.kind === 'dynamic-import' || entry.kind === 'require-call')
          .map((entry) => entry.path)
          .filter((specifier) => !isBuiltin(specifier) && !ownChunk(specifier));
        for (const specifier of lazy) expect(LAMBDA_RUNTIME_PROVIDED).toContain(specifier);
      }
    }
  });

  it('bundles byte for byte what `npm run bench` measures with bundleLambda', () => {
    const entries = [
      ...BOUNDED_CONTEXTS.map((context) => functionEntry(context)),
      'src/cognito/pre-token-generation.ts',
      'src/retention/function.ts',
      'src/caseload/import-processor.ts',
    ];
    const outdir = mkdtempSync(path.join(tmpdir(), 'kikan-bundles-'));
    try {
      const rebuilt = entries.map((entry, index) => {
        const dir = path.join(outdir, String(index));
        bundleLambda(path.join(SERVICES_ROOT, entry), dir, { absWorkingDir: REPOSITORY_ROOT });
        return modulesIn(dir);
      });
      const serialised = (modules: Map<string, string>) => JSON.stringify([...modules]);
      const deployed = new Set(deployedBundles().map(serialised));
      // Sizes first: a failure then names them rather than printing 400 KB of bundle.
      const sizes = (modules: Map<string, string>) =>
        [...modules.values()].reduce((total, code) => total + code.length, 0);
      expect(rebuilt.map(sizes).sort()).toEqual(deployedBundles().map(sizes).sort());
      for (const modules of rebuilt) expect(deployed.has(serialised(modules))).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('api: routes', () => {
  it('has exactly one route per entry of the route table', () => {
    expect(routes.map((route) => route.routeKey).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it("sends every route to its bounded context's function", () => {
    for (const route of ROUTES) {
      expect(routes.find((deployed) => deployed.routeKey === routeKey(route))?.context).toBe(route.context);
    }
  });

  it('puts the JWT authorizer in front of every non-public route, and only public routes without it', () => {
    for (const route of ROUTES) {
      const deployed = routes.find((candidate) => candidate.routeKey === routeKey(route));
      expect(deployed?.authorizationType).toBe(route.access === 'public' ? 'NONE' : 'JWT');
    }
  });

  it('lets API Gateway invoke each function only for its own routes', () => {
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission').filter(
      ([, permission]) => permission.Properties?.Principal === 'apigateway.amazonaws.com',
    );
    expect(permissions).toHaveLength(ROUTES.length);
  });
});

describe('api: default stage', () => {
  const [[, stage] = []] = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage');

  it('is the auto-deployed $default stage with throttling', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
      },
    });
    expect(STAGE_THROTTLE.rateLimit).toBeGreaterThan(0);
  });

  it('writes access logs to a log group, without paths, query strings or bodies', () => {
    const settings = stage?.Properties?.AccessLogSettings as { DestinationArn: unknown; Format: string };
    const fields = Object.values(JSON.parse(settings.Format) as Record<string, string>);

    expect(resources[referencedId(settings.DestinationArn) ?? '']?.Type).toBe('AWS::Logs::LogGroup');
    expect(fields).toContain('$context.routeKey');
    expect(fields.filter((field) => /path|querystring|body|header/i.test(field))).toEqual([]);
  });
});
