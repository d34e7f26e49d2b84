import { TABLE_NAME_DEFAULT } from '@kikan/shared';
import * as z from 'zod';

const Environment = z.discriminatedUnion('AUTH_MODE', [
  z.object({
    AUTH_MODE: z.literal('cognito'),
    TABLE_NAME: z.string().min(3),
    COGNITO_USER_POOL_ID: z.string().min(1),
    COGNITO_CLIENT_ID: z.string().min(1),
    /** The role every request's DynamoDB client assumes with its tenant and office tags (ADR 0017). */
    TENANT_DATA_ROLE_ARN: z.string().startsWith('arn:').optional(),
    /** The secret CloudFront sends in x-kikan-origin-verify; requests without it are refused. */
    ORIGIN_VERIFY_SECRET: z.string().min(16).optional(),
    /** The Secrets Manager secret pagination cursors are sealed with (read at first use). */
    CURSOR_SECRET_ARN: z.string().startsWith('arn:').optional(),
    /** The private bucket import files are uploaded to (pre-signed PUT) and read from (ADR 0034). */
    IMPORT_BUCKET: z.string().min(3).optional(),
    /** The function that checks and applies an import, invoked asynchronously. */
    IMPORT_PROCESSOR_FUNCTION: z.string().min(1).optional(),
    /** The hosted login's base URL, whose /oauth2/token and /oauth2/revoke the session routes call. */
    OAUTH_BASE_URL: z.url().startsWith('https://').optional(),
    AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  }),
  z.object({
    AUTH_MODE: z.literal('local'),
    TABLE_NAME: z.string().min(3).default(TABLE_NAME_DEFAULT),
    LOCAL_ISSUER: z.url(),
    LOCAL_CLIENT_ID: z.string().min(1),
    DYNAMODB_ENDPOINT: z.url(),
    /** The local stack's stand-in for the cursor secret (kept in the data folder). */
    CURSOR_SECRET: z.string().min(32).optional(),
    /** The local stand-in for the import bucket: a folder, written through the gateway's signed PUT. */
    LOCAL_IMPORT_DIR: z.string().min(1).optional(),
    /** The key local upload URLs are signed with (the gateway checks them). */
    LOCAL_UPLOAD_SECRET: z.string().min(32).optional(),
    AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  }),
]);

export type AuthConfig =
  | { mode: 'cognito'; userPoolId: string; clientId: string }
  | { mode: 'local'; issuer: string; clientId: string };

export interface Config {
  tableName: string;
  auth: AuthConfig;
  /** Only the local stack and tests point the SDK at DynamoDB Local. */
  dynamoDbEndpoint?: string;
  /** In AWS, the tenant data role each request assumes; without it no tenant data is served. */
  tenantDataRoleArn?: string;
  /** In AWS, the value of x-kikan-origin-verify that proves a request came through CloudFront. */
  originVerifySecret?: string;
  /** Where the secret that seals pagination cursors comes from; absent, a list refuses to page. */
  cursorSecret?: { value: string } | { arn: string };
  /** Where import files go and where the work runs; absent, imports are refused (ADR 0034). */
  imports?: ImportConfig;
  /**
   * The OAuth 2.0 endpoints behind the sign-in session (ADR 0037): Cognito's hosted login in AWS,
   * the local issuer locally, the same calls to both. Absent, the session routes answer 503.
   */
  oauth?: { baseUrl: string; clientId: string };
}

export type ImportConfig =
  | { mode: 'aws'; bucket: string; processorFunction: string }
  | { mode: 'local'; directory: string; uploadSecret: string };

export class ConfigurationError extends Error {}

/**
 * Reads the environment once per cold start. The local issuer is refused inside Lambda: a
 * misconfigured stage must fail to start rather than accept tokens anyone can mint.
 */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new ConfigurationError(`invalid service environment: ${names}`);
  }
  const vars = parsed.data;
  if (vars.AUTH_MODE === 'local') {
    if (vars.AWS_LAMBDA_FUNCTION_NAME) {
      throw new ConfigurationError('AUTH_MODE=local is refused inside AWS Lambda');
    }
    return {
      tableName: vars.TABLE_NAME,
      auth: { mode: 'local', issuer: vars.LOCAL_ISSUER, clientId: vars.LOCAL_CLIENT_ID },
      dynamoDbEndpoint: vars.DYNAMODB_ENDPOINT,
      oauth: { baseUrl: vars.LOCAL_ISSUER, clientId: vars.LOCAL_CLIENT_ID },
      ...(vars.CURSOR_SECRET ? { cursorSecret: { value: vars.CURSOR_SECRET } } : {}),
      ...(vars.LOCAL_IMPORT_DIR && vars.LOCAL_UPLOAD_SECRET
        ? {
            imports: {
              mode: 'local',
              directory: vars.LOCAL_IMPORT_DIR,
              uploadSecret: vars.LOCAL_UPLOAD_SECRET,
            },
          }
        : {}),
    };
  }
  return {
    tableName: vars.TABLE_NAME,
    auth: { mode: 'cognito', userPoolId: vars.COGNITO_USER_POOL_ID, clientId: vars.COGNITO_CLIENT_ID },
    ...(vars.TENANT_DATA_ROLE_ARN ? { tenantDataRoleArn: vars.TENANT_DATA_ROLE_ARN } : {}),
    ...(vars.ORIGIN_VERIFY_SECRET ? { originVerifySecret: vars.ORIGIN_VERIFY_SECRET } : {}),
    ...(vars.CURSOR_SECRET_ARN ? { cursorSecret: { arn: vars.CURSOR_SECRET_ARN } } : {}),
    ...(vars.OAUTH_BASE_URL
      ? { oauth: { baseUrl: vars.OAUTH_BASE_URL, clientId: vars.COGNITO_CLIENT_ID } }
      : {}),
    ...(vars.IMPORT_BUCKET && vars.IMPORT_PROCESSOR_FUNCTION
      ? {
          imports: {
            mode: 'aws',
            bucket: vars.IMPORT_BUCKET,
            processorFunction: vars.IMPORT_PROCESSOR_FUNCTION,
          },
        }
      : {}),
  };
};

let cached: Config | undefined;

let installed: NodeJS.ProcessEnv | undefined;

/**
 * The variables the services read: the process's own in Lambda, or those the local stack installed.
 * Every function reads its environment through this (the API functions through `config()`).
 */
export const serviceEnvironment = (): NodeJS.ProcessEnv => installed ?? process.env;

/** The process-wide configuration, read on first use. */
export const config = (): Config => (cached ??= loadConfig(serviceEnvironment()));

/**
 * The local stack and the local scripts configure the handlers they run from their own variables,
 * without writing them into `process.env`: what a process's environment says stays what its parent
 * gave it, so a test setup's table never leaks into the workers or tools started after it.
 */
export const installConfig = (env: NodeJS.ProcessEnv): Config => {
  installed = env;
  return (cached = loadConfig(env));
};
