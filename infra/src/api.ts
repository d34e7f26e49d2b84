import {
  BOUNDED_CONTEXTS,
  FUNCTION_FILES,
  functionEntry,
  ROUTES,
  type BoundedContext,
} from '@kikan/services/routes';
import { ORIGIN_VERIFY_HEADER } from '@kikan/shared';
import { CfnOutput, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Auth } from './auth.ts';
import type { Data } from './data.ts';
import type { Imports } from './imports.ts';
import { KikanFunction } from './function-defaults.ts';
import type { TenantDataRole } from './tenant-data-role.ts';

export interface ApiProps {
  data: Data;
  auth: Auth;
  /** The functions' only way to the table: per-request credentials of this role (ADR 0017). */
  tenantDataRole: TenantDataRole;
  /** The caseload function signs import uploads and starts the import processor (ADR 0034). */
  imports: Imports;
}

/** The context whose routes create and run import jobs. */
const IMPORTING_CONTEXT: BoundedContext = 'caseload';

/** Requests per second across the whole stage; one municipality's staff stay far below it. */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * The execute-api endpoint is public and an HTTP API takes neither WAF nor a resource policy, so
 * CloudFront sends ORIGIN_VERIFY_HEADER (from shared, the one name the functions check) with a
 * secret generated at deployment, and the functions refuse requests without it: they did not come
 * through CloudFront, its WAF rate rule and its geo restriction (ADR 0017). Functions read the value
 * from ORIGIN_VERIFY_SECRET; the local stack sets neither and checks nothing.
 */
export { ORIGIN_VERIFY_HEADER };

/**
 * Who called which route, how it ended and how long it took. No path (ids), no query string, no
 * headers and no body: the access log must never hold personal data.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  user: '$context.authorizer.claims.sub',
};

/**
 * The HTTP API: one function per bounded context, one route per entry of the services' route
 * table (the same table the local gateway serves), each non-public route behind a JWT authorizer.
 */
export class Api extends Construct {
  private readonly httpApi: HttpApi;
  private readonly originVerify: Secret;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Kikan API',
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.originVerify = new Secret(this, 'OriginVerify', {
      description: `Kikan: value of the ${ORIGIN_VERIFY_HEADER} header CloudFront sends to the API`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Resolved into the CloudFront origin header and the function environment at deployment; a rotation would need a redeploy of both, which replacing the secret does.',
    });
    const originVerifyValue = this.originVerify.secretValue.unsafeUnwrap();

    // Pagination cursors are sealed with this (services/src/http/cursor-seal.ts): the functions
    // read it from Secrets Manager at their first page, so it is in no function's configuration.
    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Kikan: the key material that seals pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A new value only ends the pages open at that moment (their cursors are refused with a 400 and the portal starts from the first page); the functions read it once per container, so it is replaced with a redeploy rather than rotated in place.',
    });

    const integrations = new Map<BoundedContext, HttpLambdaIntegration>();
    for (const context of BOUNDED_CONTEXTS) {
      const handler = new KikanFunction(this, `${context[0]?.toUpperCase()}${context.slice(1)}Function`, {
        servicesEntry: functionEntry(context),
        description: `Kikan API: ${context} routes`,
        files: FUNCTION_FILES[context] ?? [],
        environment: {
          TABLE_NAME: props.data.tableName,
          TENANT_DATA_ROLE_ARN: props.tenantDataRole.roleArn,
          AUTH_MODE: 'cognito',
          COGNITO_USER_POOL_ID: props.auth.userPoolId,
          COGNITO_CLIENT_ID: props.auth.clientId,
          ORIGIN_VERIFY_SECRET: originVerifyValue,
          CURSOR_SECRET_ARN: cursorSecret.secretArn,
        },
      });
      if (context === IMPORTING_CONTEXT) {
        for (const [name, value] of Object.entries(props.imports.grantStart(handler.lambda))) {
          handler.lambda.addEnvironment(name, value);
        }
      }
      // The sign-in session (ADR 0037) exchanges and refreshes at the hosted login's token endpoint.
      if (context === 'platform') handler.lambda.addEnvironment('OAUTH_BASE_URL', props.auth.hostedLoginUrl);
      cursorSecret.grantRead(handler.lambda);
      // No table access of its own: every item read or write runs on tenant-scoped credentials.
      props.tenantDataRole.grantAssume(handler.lambda);
      // Staff in the product (ADR 0033): the admin function makes users in this stage's pool only.
      if (context === 'admin') props.auth.grantStaffCreation(handler.lambda);
      integrations.set(context, new HttpLambdaIntegration(`${context}Integration`, handler.lambda));
    }

    const authorizer = props.auth.httpAuthorizer();
    for (const route of ROUTES) {
      const isPublic = route.access === 'public';
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations.get(route.context) ?? missingIntegration(route.context),
        ...(isPublic ? {} : { authorizer }),
      });
      if (isPublic && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public in the services route table (access: 'public') and serves no tenant data.`,
        });
      }
    }

    new CfnOutput(this, 'ExecuteApiUrl', { value: this.httpApi.apiEndpoint });
  }

  /** Headers CloudFront must add to every request it forwards to the API. */
  get originHeaders(): Record<string, string> {
    return { [ORIGIN_VERIFY_HEADER]: this.originVerify.secretValue.unsafeUnwrap() };
  }

  /** The API's own host name, for the CloudFront origin that serves `/api/*`. */
  get originDomainName(): string {
    return Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }
}

const missingIntegration = (context: string): never => {
  throw new Error(`no function for bounded context ${context}`);
};
