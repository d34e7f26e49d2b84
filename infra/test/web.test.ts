import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PortalConfig } from '@kikan/shared';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SPA_REWRITE_SOURCE } from '../src/spa-rewrite.ts';
import { createPortalBuildFixture, referencedId, resourcesOfType, synthesizeKikan } from './kikan-synth.ts';

const fixture = createPortalBuildFixture();
const { app, template } = synthesizeKikan({ context: { 'kikan:webBuildDir': fixture.buildDir } });
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, never> }
>;

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  AllowedMethods?: string[];
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId: unknown;
  ViewerProtocolPolicy: string;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}
interface DistributionConfig {
  DefaultRootObject: string;
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: unknown }[];
  CustomErrorResponses?: unknown;
  Logging: { Bucket: unknown };
  Restrictions: unknown;
}
const [[distributionId, distribution] = []] = resourcesOfType(template, 'AWS::CloudFront::Distribution');
const config = distribution?.Properties?.DistributionConfig as DistributionConfig;
const apiBehavior = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/api/*');
const [[siteBucketId] = []] = resourcesOfType(template, 'AWS::S3::Bucket').filter(
  ([, bucket]) => bucket.Properties?.LoggingConfiguration !== undefined,
);
const [[headersPolicyId, headersPolicy] = []] = resourcesOfType(
  template,
  'AWS::CloudFront::ResponseHeadersPolicy',
);
const securityHeaders = (
  headersPolicy?.Properties?.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: never }
).SecurityHeadersConfig as Record<string, Record<string, unknown>>;
const deployments = resourcesOfType(template, 'Custom::CDKBucketDeployment');

const runSpaRewrite = (uri: string): string => {
  const handler = new Function(`${SPA_REWRITE_SOURCE}\nreturn handler;`)() as (event: unknown) => {
    uri: string;
  };
  return handler({ request: { uri } }).uri;
};

describe('web: buckets', () => {
  it('blocks every kind of public access on every bucket', () => {
    for (const [, bucket] of resourcesOfType(template, 'AWS::S3::Bucket')) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('refuses requests without TLS on every bucket', () => {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(resourcesOfType(template, 'AWS::S3::Bucket').length);
    for (const [, policy] of policies) {
      expect((policy.Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('lets only this distribution read the site bucket', () => {
    const sitePolicy = resourcesOfType(template, 'AWS::S3::BucketPolicy').find(
      ([, policy]) => referencedId(policy.Properties?.Bucket) === siteBucketId,
    );
    const allows = (
      sitePolicy?.[1].Properties?.PolicyDocument as { Statement: { Effect: string }[] }
    ).Statement.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: {
          StringEquals: {
            'AWS:SourceArn': expect.objectContaining({
              'Fn::Join': ['', expect.arrayContaining([{ Ref: distributionId }])],
            }),
          },
        },
      }),
    ]);
  });
});

describe('web: distribution', () => {
  it('reads the site bucket through origin access control, not a public website endpoint', () => {
    const s3Origin = config.Origins.find(
      (origin) => origin.Id === config.DefaultCacheBehavior.TargetOriginId,
    );
    const controlId = referencedId(s3Origin?.OriginAccessControlId) ?? '';

    expect(s3Origin?.DomainName).toEqual({ 'Fn::GetAtt': [siteBucketId, 'RegionalDomainName'] });
    expect(resources[controlId]?.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
  });

  it('serves index.html at the root and rewrites client-side routes in a viewer-request function', () => {
    const [association] = config.DefaultCacheBehavior.FunctionAssociations ?? [];
    const functionId = referencedId(association?.FunctionARN) ?? '';

    expect(config.DefaultRootObject).toBe('index.html');
    expect(association?.EventType).toBe('viewer-request');
    expect(resources[functionId]?.Properties.FunctionCode).toBe(SPA_REWRITE_SOURCE);
  });

  it('rewrites routes without a file extension to index.html and leaves files alone', () => {
    expect(runSpaRewrite('/')).toBe('/index.html');
    expect(runSpaRewrite('/cases/case_0001')).toBe('/index.html');
    expect(runSpaRewrite('/_app/immutable/entry/start.js')).toBe('/_app/immutable/entry/start.js');
    expect(runSpaRewrite('/config.json')).toBe('/config.json');
  });

  it('has no custom error responses, which would turn API 403/404 answers into the SPA page', () => {
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('forwards /api/* to the HTTP API uncached, with every viewer header except Host and every method', () => {
    const apiOrigin = config.Origins.find((origin) => origin.Id === apiBehavior?.TargetOriginId);
    const [[httpApiId] = []] = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');

    expect(apiOrigin?.DomainName).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [httpApiId, 'ApiEndpoint'] }] }],
    });
    expect(apiBehavior?.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(apiBehavior?.OriginRequestPolicyId).toBe(
      OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    );
    expect(apiBehavior?.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    expect(apiBehavior?.ViewerProtocolPolicy).toBe('https-only');
    expect(apiBehavior?.FunctionAssociations).toBeUndefined();
  });

  it('logs requests to the access-log bucket and restricts viewers to Japan', () => {
    const logBucketId = referencedId(config.Logging.Bucket);
    expect(resources[logBucketId ?? '']?.Type).toBe('AWS::S3::Bucket');
    expect(logBucketId).not.toBe(siteBucketId);
    expect(config.Restrictions).toEqual({
      GeoRestriction: { Locations: ['JP'], RestrictionType: 'whitelist' },
    });
  });
});

describe('web: security headers', () => {
  it('applies one response headers policy to the portal and the API', () => {
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headersPolicyId });
    expect(apiBehavior?.ResponseHeadersPolicyId).toEqual({ Ref: headersPolicyId });
  });

  it('sets HSTS, nosniff, DENY framing and a same-origin referrer policy', () => {
    expect(securityHeaders.StrictTransportSecurity?.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(
      31_536_000,
    );
    expect(securityHeaders.StrictTransportSecurity?.IncludeSubdomains).toBe(true);
    expect(securityHeaders.ContentTypeOptions).toEqual({ Override: true });
    expect(securityHeaders.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(securityHeaders.ReferrerPolicy).toEqual({ ReferrerPolicy: 'same-origin', Override: true });
  });

  it('sends a strict Content-Security-Policy naming the inline start-up script by hash, connecting to its own origin and S3 only', () => {
    const csp = securityHeaders.ContentSecurityPolicy?.ContentSecurityPolicy as {
      'Fn::Join': [string, unknown[]];
    };
    const parts = csp['Fn::Join'][1];
    const text = parts.map((part) => (typeof part === 'string' ? part : `{${referencedId(part)}}`)).join('');
    const directives = Object.fromEntries(
      text.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]),
    );
    const scriptHash = createHash('sha256').update(fixture.inlineScript).digest('base64');

    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", `'sha256-${scriptHash}'`]);
    expect(directives['connect-src']).toEqual([
      "'self'",
      // No hosted login: the code is exchanged by POST /api/session (ADR 0037), not by the page.
      // Import files go straight to S3 with a pre-signed PUT (ADR 0034).
      'https://*.s3.{AWS::Region}.amazonaws.com',
    ]);
    expect(directives['img-src']).toEqual(["'self'", 'data:']);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });
});

describe('web: portal deployment', () => {
  const entryFiles = deployments.find(([, deployment]) => deployment.Properties?.Prune === true);
  const immutableAssets = deployments.find(([, deployment]) => deployment.Properties?.Prune === false);

  it('writes config.json in the PortalConfig shape for Cognito, with the stack’s client and login domain', () => {
    const markers = (entryFiles?.[1].Properties?.SourceMarkers as Record<string, unknown>[]).find(
      (candidate) => Object.keys(candidate).length > 0,
    );
    const deployed: Record<string, string> = {
      AuthUserPoolPortalClient: 'portal-client-id',
      AuthUserPoolHostedLogin: 'kikan-test',
      'AWS::Region': 'ap-northeast-1',
    };
    const valueOf = (marker: string) => {
      const id = referencedId(markers?.[marker]) ?? '';
      return Object.entries(deployed).find(([prefix]) => id.startsWith(prefix))?.[1] ?? `unresolved ${id}`;
    };
    const keys = entryFiles?.[1].Properties?.SourceObjectKeys as string[];
    const configAsset = keys
      .map((key) => path.join(app.outdir, `asset.${key.replace(/\.zip$/, '')}`, 'config.json'))
      .find((file) => existsSync(file));
    const json = readFileSync(configAsset ?? '', 'utf8').replace(/<<marker:0xbaba:\d+>>/g, valueOf);

    expect(PortalConfig.parse(JSON.parse(json))).toEqual({
      mode: 'cognito',
      cognitoDomain: 'https://kikan-test.auth.ap-northeast-1.amazoncognito.com',
      clientId: 'portal-client-id',
      scopes: ['openid', 'email', 'profile'],
    });
  });

  it('deploys hashed assets as immutable and never prunes them, so open tabs keep working', () => {
    expect(immutableAssets?.[1].Properties).toMatchObject({
      Include: ['_app/immutable/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
  });

  it('deploys entry files after the assets, revalidated on every load, and invalidates the CDN', () => {
    expect(entryFiles?.[1].Properties).toMatchObject({
      Exclude: ['_app/immutable/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
    });
    expect(entryFiles?.[1].DependsOn).toEqual(expect.arrayContaining([immutableAssets?.[0]]));
  });
});

describe('web: synthesis without a portal build', () => {
  const missing = synthesizeKikan({
    context: { 'kikan:webBuildDir': path.join(fixture.buildDir, 'missing') },
  });

  it('still synthesises, deploys config.json only and warns', () => {
    const onlyDeployments = resourcesOfType(missing.template, 'Custom::CDKBucketDeployment');

    expect(onlyDeployments).toHaveLength(1);
    expect(onlyDeployments[0]?.[1].Properties?.SourceObjectKeys).toHaveLength(1);
    Annotations.fromStack(missing.stack).hasWarning('/Kikan/Web', Match.stringLikeRegexp('No portal build'));
  });
});
