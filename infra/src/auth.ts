import { TENANT_CLAIMS } from '@kikan/services/cognito/pre-token-generation';
import { CfnOutput, Duration, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Data } from './data.ts';
import { KikanFunction } from './function-defaults.ts';
import type { TenantDataRole } from './tenant-data-role.ts';

export interface AuthProps {
  /** Prefix of the hosted login domain `https://<prefix>.auth.<region>.amazoncognito.com`. */
  domainPrefix: string;
  /** The table whose directory the pre-token trigger reads office and role from. */
  data: Data;
  /** The trigger reads on tenant-scoped credentials, like every request (ADR 0017). */
  tenantDataRole: TenantDataRole;
}

/**
 * Where the hosted login sends users back after sign-in and sign-out, appended to each allowed
 * origin. They must equal CALLBACK_PATH and LOGIN_PATH of web/src/lib/cognito.ts: Cognito accepts
 * only redirect URIs registered here, character for character.
 */
export const CALLBACK_PATH = '/auth/callback';
export const SIGN_OUT_PATH = '/login';

/** What the function adding staff may do in the user pool, and nothing else (ADR 0033). */
export const STAFF_CREATION_ACTIONS = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'] as const;

const PORTAL_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

/** `custom:tenant` → `tenant`: the user pool attributes behind the access-token claims. */
const tenantAttributeNames = TENANT_CLAIMS.map((claim) => claim.replace(/^custom:/, ''));

/**
 * Staff sign-in: a Cognito user pool that only administrators fill (no self sign-up), with TOTP
 * MFA and threat protection, and one public app client for the portal (authorization code + PKCE).
 * Tenant, office and role are immutable attributes the client can read but never write, copied
 * into access tokens by the pre-token-generation trigger.
 */
export class Auth extends Construct {
  readonly scopes: readonly string[] = PORTAL_SCOPES.map((scope) => scope.scopeName);
  private readonly userPool: UserPool;
  private readonly client: UserPoolClient;
  private readonly domain: UserPoolDomain;
  private readonly origins: string[] = [];

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: Object.fromEntries(
        tenantAttributeNames.map((name) => [
          name,
          new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        ]),
      ),
      userInvitation: {
        emailSubject: 'Kikan アカウントのご案内',
        emailBody:
          'Kikan のアカウントが作成されました。<br>ユーザー名: {username}<br>仮パスワード: {####}<br>' +
          '初回サインイン時にパスワードの変更と二段階認証の設定をお願いします。',
      },
      userVerification: {
        emailSubject: 'Kikan 確認コード',
        emailBody: 'Kikan の確認コードは {####} です。',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Tenant from the immutable attribute, office and role from the directory's current entry: a
    // user the tenant admin moved signs in with the new membership; a removed one gets no token.
    const trigger = new KikanFunction(this, 'PreTokenGeneration', {
      servicesEntry: 'src/cognito/pre-token-generation.ts',
      description: 'Kikan: sets tenant, office and role of Cognito access tokens from the directory',
      environment: {
        TABLE_NAME: props.data.tableName,
        TENANT_DATA_ROLE_ARN: props.tenantDataRole.roleArn,
      },
    });
    props.tenantDataRole.grantAssume(trigger.lambda);
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      trigger.lambda,
      LambdaVersion.V2_0,
    );

    this.domain = this.userPool.addDomain('HostedLogin', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    const urls = (path: string) =>
      Lazy.list({ produce: () => this.origins.map((origin) => `${origin}${path}`) });
    this.client = this.userPool.addClient('PortalClient', {
      generateSecret: false,
      // Only the hosted login signs users in; the SPA never handles a password itself.
      authFlows: { userSrp: false, userPassword: false, adminUserPassword: false, custom: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: PORTAL_SCOPES,
        callbackUrls: urls(CALLBACK_PATH),
        logoutUrls: urls(SIGN_OUT_PATH),
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Short-lived access: removing a user or changing an office takes effect within minutes.
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(10),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...tenantAttributeNames),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPoolId });
    new CfnOutput(this, 'PortalClientId', { value: this.clientId });
    new CfnOutput(this, 'HostedLoginUrl', { value: this.hostedLoginUrl });
  }

  /**
   * The tenant admin's function adds staff (ADR 0033): AdminCreateUser (invitation and temporary
   * password) and AdminDeleteUser (its compensation when the directory entry cannot be written), on
   * this pool only.
   */
  grantStaffCreation(grantee: IGrantable): Grant {
    return this.userPool.grant(grantee, ...STAFF_CREATION_ACTIONS);
  }

  /** Accept sign-in redirects to this origin (e.g. `https://d111.cloudfront.net`, no trailing slash). */
  allowOrigin(origin: string): void {
    this.origins.push(origin);
  }

  get userPoolId(): string {
    return this.userPool.userPoolId;
  }

  get clientId(): string {
    return this.client.userPoolClientId;
  }

  /** The hosted login base URL, e.g. `https://kikan-123456789012.auth.ap-northeast-1.amazoncognito.com`. */
  get hostedLoginUrl(): string {
    return this.domain.baseUrl();
  }

  /**
   * An HTTP API authorizer admitting tokens of this pool issued to the portal client (API Gateway
   * matches `client_id` of access tokens against the audience). Defence in depth: the functions
   * verify the token again, including `token_use`, with aws-jwt-verify.
   */
  httpAuthorizer(): IHttpRouteAuthorizer {
    return new HttpUserPoolAuthorizer('PortalAccessToken', this.userPool, { userPoolClients: [this.client] });
  }
}
