import { serviceEnvironment } from '../config.ts';
import type { Context } from 'aws-lambda';
import { REGISTRY_TENANT } from '@kikan/shared';
import * as z from 'zod';
import { createClientRegistry, type ClientRegistry, type TableHandle } from '../data/client.ts';
import { logger } from '../logger.ts';
import { fileSender, sesSender, type MailSender } from './mail-sender.ts';
import { runDigest } from './run-digest.ts';

/**
 * The daily e-mail digest (EventBridge schedule, JST morning → this Lambda; ADR 0038). Like the
 * retention sweep it has no table access of its own: the tenant list is read with the tenant data
 * role assumed for the registry's pseudo-tenant, each tenant with the role assumed for that tenant.
 * Mail goes through SES from one identity, or locally into a folder (MAIL_MODE), by the same code.
 */
const Common = z.object({
  TABLE_NAME: z.string().min(3),
  TENANT_DATA_ROLE_ARN: z.string().min(1).optional(),
  /** DynamoDB Local only (the local command). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** The portal's origin: every link of a digest starts with it. */
  PORTAL_URL: z.url(),
  /** The sender address, of the one SES identity the function may send from. */
  MAIL_FROM: z.email(),
});
const Environment = z.discriminatedUnion('MAIL_MODE', [
  Common.extend({ MAIL_MODE: z.literal('ses'), SES_IDENTITY_ARN: z.string().startsWith('arn:') }),
  Common.extend({ MAIL_MODE: z.literal('local'), LOCAL_MAIL_DIR: z.string().min(1) }),
]);
type Environment = z.infer<typeof Environment>;

/** The actor the digest's scoped credentials carry: no user, the job itself (reads only). */
const DIGEST_PRINCIPAL = { userId: 'system-digest', officeId: 'system', role: 'tenant_admin' } as const;

const STOP_MARGIN_MS = 60_000;

let cached: { env: Environment; tenants: ClientRegistry; send: MailSender } | undefined;

const senderOf = (env: Environment): MailSender =>
  env.MAIL_MODE === 'ses'
    ? sesSender({ from: env.MAIL_FROM, identityArn: env.SES_IDENTITY_ARN })
    : fileSender({ directory: env.LOCAL_MAIL_DIR, from: env.MAIL_FROM });

const setup = () => {
  if (cached) return cached;
  const env = Environment.parse(serviceEnvironment());
  cached = {
    env,
    tenants: createClientRegistry({
      ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
      ...(env.TENANT_DATA_ROLE_ARN ? { roleArn: env.TENANT_DATA_ROLE_ARN } : {}),
    }),
    send: senderOf(env),
  };
  return cached;
};

export const handler = async (
  _event: unknown,
  context?: Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>,
) => {
  const { env, tenants, send } = setup();
  const requestId = context?.awsRequestId ?? 'digest-local';
  const tableFor = (tenantId: string): TableHandle => ({
    client: tenants.forScope({ requestId, ctx: { tenantId, ...DIGEST_PRINCIPAL } }),
    name: env.TABLE_NAME,
  });
  const result = await runDigest({
    registry: tableFor(REGISTRY_TENANT),
    tableFor,
    now: new Date(),
    send,
    portalUrl: env.PORTAL_URL.replace(/\/+$/, ''),
    shouldStop: () => (context ? context.getRemainingTimeInMillis() < STOP_MARGIN_MS : false),
    onTenant: (report) => logger.info('digest of a tenant', { ...report }),
  });
  const sent = result.reports.reduce((sum, report) => sum + report.sent, 0);
  logger.info('digest done', { tenants: result.reports.length, sent, failed: result.failed });
  if (result.failed.length) throw new Error(`digest failed for ${result.failed.length} tenant(s)`);
  return { tenants: result.reports.length, sent, failed: result.failed };
};
