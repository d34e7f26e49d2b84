import type { Context } from 'aws-lambda';
import { REGISTRY_TENANT } from '@kikan/shared';
import * as z from 'zod';
import { serviceEnvironment } from '../config.ts';
import { createClientRegistry, type ClientRegistry, type TableHandle } from '../data/client.ts';
import { logger } from '../logger.ts';
import { SWEEPER } from '../data/audit.ts';
import { runSweep } from './sweep.ts';

/**
 * The daily retention sweep (EventBridge schedule → this Lambda). This function has no table access
 * of its own: the tenant list is read with the tenant data role assumed for the registry's reserved
 * pseudo-tenant (session tag tenant=_registry), and each tenant is swept with the role assumed for
 * that tenant (tenant=<id>), so a slip in the sweep cannot reach another tenant's items. It stops
 * a minute before its timeout; the next run finishes what is left.
 */
const Environment = z.object({
  TABLE_NAME: z.string().min(3),
  TENANT_DATA_ROLE_ARN: z.string().min(1).optional(),
  /** DynamoDB Local only (the local command). */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

const STOP_MARGIN_MS = 60_000;

let cached: { env: z.infer<typeof Environment>; tenants: ClientRegistry } | undefined;

const setup = () => {
  if (cached) return cached;
  const env = Environment.parse(serviceEnvironment());
  cached = {
    env,
    tenants: createClientRegistry({
      ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
      ...(env.TENANT_DATA_ROLE_ARN ? { roleArn: env.TENANT_DATA_ROLE_ARN } : {}),
    }),
  };
  return cached;
};

export const handler = async (
  _event: unknown,
  context?: Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>,
) => {
  const { env, tenants } = setup();
  const requestId = context?.awsRequestId ?? 'retention-local';
  const tableFor = (tenantId: string): TableHandle => ({
    client: tenants.forScope({
      requestId,
      ctx: { tenantId, userId: SWEEPER.userId, officeId: SWEEPER.officeId, role: SWEEPER.role },
    }),
    name: env.TABLE_NAME,
  });
  const result = await runSweep({
    registry: tableFor(REGISTRY_TENANT),
    tableFor,
    now: new Date(),
    shouldStop: () => (context ? context.getRemainingTimeInMillis() < STOP_MARGIN_MS : false),
    onTenant: (report) => logger.info('retention sweep of a tenant', { ...report }),
  });
  const deleted = result.reports.reduce((sum, report) => sum + report.deleted, 0);
  logger.info('retention sweep done', { tenants: result.reports.length, deleted, failed: result.failed });
  if (result.failed.length) throw new Error(`retention sweep failed for ${result.failed.length} tenant(s)`);
  return { tenants: result.reports.length, deleted, failed: result.failed };
};
