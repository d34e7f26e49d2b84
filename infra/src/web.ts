import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PortalConfig } from '@kikan/shared';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { Api } from './api.ts';
import type { Auth } from './auth.ts';
import { contentSecurityPolicy, inlineScriptHashes } from '@kikan/shared/content-security-policy';
import { SPA_REWRITE_SOURCE } from './spa-rewrite.ts';

export interface WebProps {
  api: Api;
  auth: Auth;
  /** Where the browser uploads import files (the import bucket's own host, ADR 0034). */
  uploadOrigin: string;
  /** The portal build (SvelteKit adapter-static output); may be missing, then only config.json is deployed. */
  buildDir: string;
  /** ISO country codes allowed to reach the distribution; empty for no restriction. */
  allowedCountries: readonly string[];
  /** The web ACL of the edge stack (per-IP rate rule on `/api/*`, managed rules); see ADR 0017. */
  webAclArn?: string;
}

/** SvelteKit's content-hashed output: safe to cache for a year. */
const IMMUTABLE_ASSETS = '_app/immutable/*';

/**
 * The portal: a private bucket behind CloudFront (origin access control), security headers on
 * every response, client-side routes rewritten to index.html, and `/api/*` forwarded to the HTTP
 * API so portal and API share one origin and need no CORS.
 */
export class Web extends Construct {
  private readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    const logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with ACLs, so this bucket keeps them enabled.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own writes would log every log delivery.',
    });

    const siteBucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3-site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const indexHtml = path.join(props.buildDir, 'index.html');
    const hasBuild = existsSync(indexHtml);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Kikan security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({
            // The hosted login is a page the browser goes to, never a fetch: the code is exchanged
            // by POST /api/session (ADR 0037), so the portal connects to its own origin and S3 only.
            connectTo: [props.uploadOrigin],
            inlineScripts: hasBuild ? inlineScriptHashes(readFileSync(indexHtml, 'utf8')) : [],
          }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(SPA_REWRITE_SOURCE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Kikan portal: client-side routes to index.html',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Kikan portal and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Price class 200 is the cheapest that includes edge locations in Japan, where the users are.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(props.allowedCountries.length > 0
        ? { geoRestriction: GeoRestriction.allowlist(...props.allowedCountries) }
        : {}),
      ...(props.webAclArn === undefined ? {} : { webAclId: props.webAclArn }),
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.api.originDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            customHeaders: props.api.originHeaders,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // With caching disabled, this policy may forward Authorization; API Gateway needs its own Host.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate cannot set a minimum TLS version; a custom domain with its own certificate (TLSv1.2_2021) is a later step.',
    });
    if (props.webAclArn === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No kikan:webAclArn given: the web ACL lives in the us-east-1 edge stack, whose ARN this region-agnostic stack cannot reference (ADR 0017).',
      });
      Annotations.of(this).addWarningV2(
        'kikan:web-acl-missing',
        'No kikan:webAclArn: the portal and /api/* run without WAF (no per-IP rate limit). Deploy the edge stack first and pass its WebAclArn output.',
      );
    }
    if (props.allowedCountries.length === 0) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR1',
        reason: 'Geo restriction switched off by the kikan:allowedCountries context for this deployment.',
      });
    }

    const portalConfig: PortalConfig = {
      mode: 'cognito',
      cognitoDomain: props.auth.hostedLoginUrl,
      clientId: props.auth.clientId,
      scopes: [...props.auth.scopes],
    };
    const entryFiles = [Source.jsonData('config.json', portalConfig)];
    if (hasBuild) {
      // Hashed chunks first and never pruned: a tab still running the previous index.html can load them.
      const immutable = new BucketDeployment(this, 'ImmutableAssets', {
        destinationBucket: siteBucket,
        sources: [Source.asset(props.buildDir)],
        exclude: ['*'],
        include: [IMMUTABLE_ASSETS],
        prune: false,
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      });
      entryFiles.unshift(Source.asset(props.buildDir));
      this.portalDeployment(siteBucket, entryFiles).node.addDependency(immutable);
    } else {
      Annotations.of(this).addWarningV2(
        'kikan:web-build-missing',
        `No portal build at ${props.buildDir}: only config.json is deployed. Run \`npm run build -w web\` before deploying.`,
      );
      this.portalDeployment(siteBucket, entryFiles);
    }

    new CfnOutput(this, 'PortalUrl', { value: this.origin });
  }

  /** The portal's origin, e.g. `https://d111111abcdef8.cloudfront.net`. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** index.html, config.json and other unhashed files: revalidated on every load, CDN cache invalidated. */
  private portalDeployment(siteBucket: Bucket, sources: ISource[]): BucketDeployment {
    const deployment = new BucketDeployment(this, 'EntryFiles', {
      destinationBucket: siteBucket,
      sources,
      exclude: [IMMUTABLE_ASSETS],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    acknowledgeDeploymentHandler(deployment, siteBucket);
    return deployment;
  }
}

/**
 * BucketDeployment runs one aws-cdk-lib-owned Lambda function (shared by both deployments) during
 * CloudFormation updates only. Its role and runtime are the library's; these are its findings.
 */
const acknowledgeDeploymentHandler = (deployment: BucketDeployment, siteBucket: Bucket): void => {
  const handler = deployment.handlerRole.node.scope;
  const cfnSiteBucket = siteBucket.node.defaultChild;
  if (!handler || !(cfnSiteBucket instanceof CfnBucket)) {
    throw new Error(
      'BucketDeployment no longer has the expected handler layout; review its cdk-nag findings',
    );
  }
  const siteBucketId = Stack.of(siteBucket).getLogicalId(cfnSiteBucket);
  const findings: Record<string, string> = {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      'The deployment handler only writes its own logs; the managed policy is how aws-cdk-lib builds it.',
    'AwsSolutions-IAM5[Action::s3:GetBucket*]':
      'Reads the CDK asset bucket and the site bucket, nothing else.',
    'AwsSolutions-IAM5[Action::s3:GetObject*]': 'Reads the portal build from the CDK asset bucket.',
    'AwsSolutions-IAM5[Action::s3:List*]': 'Lists the site bucket to prune files of older builds.',
    'AwsSolutions-IAM5[Action::s3:Abort*]': 'Aborts its own multipart uploads into the site bucket.',
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 'Prunes files of older builds from the site bucket.',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]':
      'Objects of the CDK bootstrap asset bucket, where the portal build is staged.',
    [`AwsSolutions-IAM5[Resource::<${siteBucketId}.Arn>/*]`]: 'Objects of the site bucket it deploys to.',
    'AwsSolutions-IAM5[Resource::*]':
      'cloudfront:CreateInvalidation/GetInvalidation; the invalidation API takes no distribution-level resource here.',
    'AwsSolutions-L1':
      "The runtime is chosen by aws-cdk-lib's BucketDeployment and runs only during deployments.",
  };
  for (const [id, reason] of Object.entries(findings)) {
    Validations.of(handler).acknowledge({ id, reason });
  }
};
