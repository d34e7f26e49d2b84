import { createRequire } from 'node:module';
import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ESBUILD_OPTIONS } from './bundling.ts';
import { REPOSITORY_ROOT, SERVICES_ROOT } from './repository.ts';

const OUTPUT_FORMATS = { esm: OutputFormat.ESM, cjs: OutputFormat.CJS } as const;

export interface KikanFunctionProps {
  /** The handler file, relative to the services package (e.g. `functionEntry('caseload')`). */
  servicesEntry: string;
  description: string;
  environment?: Record<string, string>;
  /**
   * Files (relative to the services package) the function reads at run time, copied beside its
   * bundle: the handler finds them as `new URL('./<name>', import.meta.url)`, as it does locally.
   */
  files?: readonly string[];
}

/**
 * Every Lambda function of Kikan, with the one set of defaults: Node 24 on Graviton, ESM bundled
 * and minified by the local esbuild, its own log group and a role that starts empty. Settings are
 * never copied into another construct; a function that needs something else changes this one.
 */
export class KikanFunction extends Construct {
  readonly lambda: NodejsFunction;

  constructor(scope: Construct, id: string, props: KikanFunctionProps) {
    super(scope, id);
    assertLocalEsbuild();

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to every
    // log group of the account; this role may write to its own log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    logGroup.grantWrite(role);
    // Scan and PartiQL cannot be confined by dynamodb:LeadingKeys, so no grant may ever enable them.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['dynamodb:Scan', 'dynamodb:PartiQL*'],
        resources: ['*'],
      }),
    );

    this.lambda = new NodejsFunction(this, 'Function', {
      entry: path.join(SERVICES_ROOT, props.servicesEntry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(10),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: path.join(REPOSITORY_ROOT, 'package-lock.json'),
      // No --enable-source-maps: Node then reads and parses the whole map while loading the bundle,
      // which doubled the API functions' cold init (ADR 0023). The map is still built beside the
      // bundle (cdk.out) for reading a logged stack trace.
      environment: {
        POWERTOOLS_SERVICE_NAME: 'kikan',
        ...props.environment,
      },
      bundling: {
        // One set of esbuild options, shared with `npm run bench` (bundling.ts, ADR 0016).
        target: LAMBDA_ESBUILD_OPTIONS.target,
        format: OUTPUT_FORMATS[LAMBDA_ESBUILD_OPTIONS.format],
        mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
        minify: LAMBDA_ESBUILD_OPTIONS.minify,
        sourceMap: LAMBDA_ESBUILD_OPTIONS.sourcemap,
        sourcesContent: LAMBDA_ESBUILD_OPTIONS.sourcesContent,
        // Not `charset`: aws-cdk-lib 2.276 accepts it but never passes it to esbuild, so every
        // Japanese string was shipped \u-escaped (infra/test/api.test.ts compares the bytes).
        esbuildArgs: { '--charset': LAMBDA_ESBUILD_OPTIONS.charset },
        banner: LAMBDA_ESBUILD_OPTIONS.banner.js,
        // Replaces CDK's default (all of `@aws-sdk/*` from the runtime): the request path's SDK is
        // bundled, only the credential fallbacks Lambda never loads are left to the runtime.
        externalModules: [...LAMBDA_ESBUILD_OPTIONS.external],
        forceDockerBundling: false,
        ...(props.files?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) =>
                  (props.files ?? []).map(
                    (file) =>
                      `cp "${path.join(SERVICES_ROOT, file)}" "${path.join(outputDir, path.basename(file))}"`,
                  ),
              },
            }
          : {}),
      },
    });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; the Deny on * only narrows.',
    });
  }
}

/**
 * NodejsFunction silently falls back to Docker when it cannot find esbuild. Synthesis must stay
 * offline and Docker-free, so a missing esbuild is an error here rather than a surprise there.
 */
const assertLocalEsbuild = (): void => {
  try {
    createRequire(path.join(REPOSITORY_ROOT, 'package.json')).resolve('esbuild');
  } catch {
    throw new Error(
      'esbuild is not installed in the repository: run `npm install` (bundling never uses Docker)',
    );
  }
};
