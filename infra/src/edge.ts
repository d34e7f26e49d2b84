import type { ErrorResponse } from '@kikan/shared';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** WAF for CloudFront exists only in us-east-1, whatever region the rest of Kikan runs in. */
export const EDGE_REGION = 'us-east-1';

/** The path prefix CloudFront forwards to the HTTP API (web.ts), which the rate rule watches. */
export const API_PATH_PREFIX = '/api/';

/**
 * Requests per client IP to `/api/*` in a five-minute window before WAF answers 429. Generous on
 * purpose: a municipality's staff often share one egress address (LGWAN-connected gateways), and a
 * busy office's portal makes a few requests per second at most. Stage throttling (api.ts) caps the
 * total; this rule stops one address from using it all up.
 */
export const API_RATE_LIMIT = { limit: 2000, evaluationWindowSec: 300 } as const;

/** AWS managed rule groups in front of the portal and the API, all in blocking mode. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/**
 * The API's one error shape (shared/src/api-error.ts), so the portal shows the message as it shows
 * the API's own 429. WAF cannot insert a request id: the request reached no function.
 */
export const RATE_LIMITED_BODY = {
  error: {
    code: 'rate_limited',
    message: 'リクエストが多すぎます。しばらく時間をおいて再度お試しください',
    requestId: '',
  },
} satisfies ErrorResponse;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: false,
});

/**
 * The CloudFront web ACL of Kikan, in its own stack pinned to us-east-1. The main stack stays
 * region-agnostic and cannot reference it across regions, so a deployment deploys this stack first
 * and passes its `WebAclArn` output to the main stack as `kikan:webAclArn` (ADR 0017).
 * Sampled requests stay off: samples would store request headers, including Authorization.
 */
export class KikanEdgeStack extends Stack {
  private readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION } });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${id}-portal-and-api`,
      description: 'Kikan CloudFront distribution - per-IP rate limit on /api/ and AWS managed rules',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${id}WebAcl`),
      customResponseBodies: {
        TooManyRequests: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify(RATE_LIMITED_BODY),
        },
      },
      rules: [
        {
          name: 'ApiRatePerIp',
          priority: 0,
          action: {
            block: { customResponse: { responseCode: 429, customResponseBodyKey: 'TooManyRequests' } },
          },
          statement: {
            rateBasedStatement: {
              ...API_RATE_LIMIT,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: API_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('ApiRatePerIp'),
        },
        ...MANAGED_RULE_GROUPS.map((name, index) => ({
          name,
          priority: index + 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
      ],
    });

    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'Pass to the main stack: npx cdk deploy -c kikan:webAclArn=<this value>',
    });
  }
}
