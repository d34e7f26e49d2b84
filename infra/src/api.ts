import { BOUNDED_CONTEXTS, functionEntry, ROUTES, type BoundedContext } from '@kikan/services/routes';
import { CfnOutput, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Auth } from './auth.ts';
import type { Data } from './data.ts';
import { KikanFunction } from './function-defaults.ts';

export interface ApiProps {
  data: Data;
  auth: Auth;
}

/** Requests per second across the whole stage; one municipality's staff stay far below it. */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

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

    const integrations = new Map<BoundedContext, HttpLambdaIntegration>();
    for (const context of BOUNDED_CONTEXTS) {
      const handler = new KikanFunction(this, `${context[0]?.toUpperCase()}${context.slice(1)}Function`, {
        servicesEntry: functionEntry(context),
        description: `Kikan API: ${context} routes`,
        environment: {
          TABLE_NAME: props.data.tableName,
          AUTH_MODE: 'cognito',
          COGNITO_USER_POOL_ID: props.auth.userPoolId,
          COGNITO_CLIENT_ID: props.auth.clientId,
        },
      });
      props.data.grantItemAccess(handler.lambda);
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

  /** The API's own host name, for the CloudFront origin that serves `/api/*`. */
  get originDomainName(): string {
    return Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }
}

const missingIntegration = (context: string): never => {
  throw new Error(`no function for bounded context ${context}`);
};
