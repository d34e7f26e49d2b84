import { createRequire } from 'node:module';
import path from 'node:path';
import {
  AssetHashType,
  DockerImage,
  Duration,
  RemovalPolicy,
  Validations,
  type ILocalBundling,
} from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleLambda } from './bundling.ts';
import { REPOSITORY_ROOT, SERVICES_ROOT } from './repository.ts';

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
  readonly lambda: LambdaFunction;

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

    const entry = path.join(SERVICES_ROOT, props.servicesEntry);
    const files = (props.files ?? []).map((file) => path.join(SERVICES_ROOT, file));
    this.lambda = new LambdaFunction(this, 'Function', {
      // Our own asset bundling instead of NodejsFunction, whose single outfile allows no code
      // splitting: bundleLambda (bundling.ts) writes index.mjs and its chunks, as `npm run bench`
      // measures them (ADR 0016, 0023).
      code: Code.fromAsset(REPOSITORY_ROOT, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: bundling is local (esbuild from the repository) or fails; never Docker.
          image: DockerImage.fromRegistry('kikan-bundles-locally-only'),
          local: new LocalBundling(entry, files),
        },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(10),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      // No --enable-source-maps: Node then reads and parses the whole map while loading the bundle,
      // which doubled the API functions' cold init (ADR 0023). The maps are still built beside the
      // bundle (cdk.out) for reading a logged stack trace.
      environment: {
        POWERTOOLS_SERVICE_NAME: 'kikan',
        ...props.environment,
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
 * esbuild on this machine, through the one build function the bench uses too. A class with the entry
 * as a field, not an object literal: CDK caches staged assets by their options serialised as JSON,
 * where a function does not show, so two functions would share one bundle.
 */
class LocalBundling implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly files: readonly string[],
  ) {}

  tryBundle(outputDir: string): boolean {
    bundleLambda(this.entry, outputDir, { absWorkingDir: REPOSITORY_ROOT, files: this.files });
    return true;
  }
}

/**
 * Bundling never falls back to Docker: synthesis must stay offline and Docker-free, so a missing
 * esbuild is an error here rather than a surprise there.
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
