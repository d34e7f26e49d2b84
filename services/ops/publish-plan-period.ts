import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import {
  PlanPeriodDefinition,
  TENANT_ID_PATTERN,
  defaultPlanPeriod,
  keys,
  overlappingPeriod,
  withDefaultPeriods,
  type PlanPeriod,
} from '@kikan/shared';
import { planPeriodItems, planPeriodOfItem } from '../src/data/plan-period-store.ts';
import {
  ENDPOINT_USAGE,
  documentClient,
  parseCommonArguments,
  runAsScript,
  type Io,
} from './operator-cli.ts';

/**
 * `npm run plan-periods:publish -- <definition.json> <tenantId>… | --all-tenants [--dry-run] [--endpoint URL]`
 * `npm run plan-periods:publish -- --print-default <periodId>`
 *
 * Indicator definitions are data per plan period and tenant (ADR 0030). When a 告示 changes them —
 * a new period, an indicator added, renamed or given a 見込量 — an operator publishes the period's
 * new definition (a JSON file; `--print-default p8` prints the product's default to start from)
 * for each tenant: the tenant's current item becomes the next version and the version's own copy is
 * kept, in one transaction conditional on the version read (three tries). A definition equal to
 * the tenant's current one is reported unchanged; a period whose years overlap another is refused.
 * Figures approved before keep the definitions they were approved with (their snapshot carries them).
 *
 * Exit codes: 0 done, 1 refused or changed on every try, 2 wrong usage.
 */

const USAGE = [
  'usage: TABLE_NAME=<TableName output> AWS_REGION=<region> npm run plan-periods:publish -- <definition.json> (<tenantId>… | --all-tenants) [options]',
  '       npm run plan-periods:publish -- --print-default <periodId>',
  '  --dry-run            print what would change per tenant; nothing written',
  '  --all-tenants        every tenant of the registry',
  ENDPOINT_USAGE,
].join('\n');

const TRIES = 3;

export type PublishOutcome = 'published' | 'would_publish' | 'unchanged' | 'refused' | 'changed_meanwhile';

export interface TenantOutcome {
  tenantId: string;
  outcome: PublishOutcome;
  /** The version written (or that would be), the current one when unchanged. */
  version: number;
  /** Indicator ids: added, removed, and changed with the fields that changed. Never a value. */
  changes: string[];
  reason?: string;
}

/** JSON with object keys sorted: a map read back from DynamoDB need not keep its key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

const definitionOf = ({ version: _version, publishedAt: _publishedAt, ...definition }: PlanPeriod) =>
  definition;

/** What differs between two definitions of a period, by indicator id and field name. */
export const definitionChanges = (
  before: PlanPeriodDefinition | null,
  after: PlanPeriodDefinition,
): string[] => {
  if (!before) return [`new period ${after.periodId} (${after.indicators.length} indicators)`];
  const periodFields = (['label', 'fiscalYears', 'basis'] as const).filter(
    (field) => canonical(before[field]) !== canonical(after[field]),
  );
  const beforeIds = new Map(before.indicators.map((indicator) => [indicator.indicatorId, indicator]));
  const afterIds = new Map(after.indicators.map((indicator) => [indicator.indicatorId, indicator]));
  const changed = after.indicators.flatMap((indicator) => {
    const old = beforeIds.get(indicator.indicatorId);
    if (!old) return [`+${indicator.indicatorId}`];
    const fields = [...new Set([...Object.keys(old), ...Object.keys(indicator)])]
      .filter(
        (field) =>
          canonical(old[field as keyof typeof old]) !== canonical(indicator[field as keyof typeof indicator]),
      )
      .sort();
    return fields.length ? [`~${indicator.indicatorId}(${fields.join(',')})`] : [];
  });
  const removed = before.indicators
    .filter((indicator) => !afterIds.has(indicator.indicatorId))
    .map((indicator) => `-${indicator.indicatorId}`);
  const order =
    canonical(before.indicators.map((indicator) => indicator.indicatorId)) !==
      canonical(after.indicators.map((indicator) => indicator.indicatorId)) &&
    !changed.some((change) => change.startsWith('+')) &&
    !removed.length
      ? ['order']
      : [];
  return [...periodFields.map((field) => `period ${field}`), ...changed, ...removed, ...order];
};

const readStoredPeriods = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
): Promise<PlanPeriod[]> => {
  const current = keys.planPeriod(tenantId);
  const { Items } = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': current.pk, ':prefix': current.sk },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map(planPeriodOfItem);
};

/** Publishes one definition for one tenant (see the module comment). */
export const publishForTenant = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  definition: PlanPeriodDefinition,
  options: { dryRun: boolean; now: Date },
): Promise<TenantOutcome> => {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const stored = await readStoredPeriods(client, tableName, tenantId);
    const overlap = overlappingPeriod(withDefaultPeriods(stored), definition);
    if (overlap) {
      return {
        tenantId,
        outcome: 'refused',
        version: 0,
        changes: [],
        reason: `its fiscal years overlap ${overlap}`,
      };
    }
    const current = stored.find((period) => period.periodId === definition.periodId) ?? null;
    const changes = definitionChanges(current && definitionOf(current), definition);
    if (current && !changes.length) {
      return { tenantId, outcome: 'unchanged', version: current.version, changes };
    }
    const version = (current?.version ?? 0) + 1;
    if (options.dryRun) return { tenantId, outcome: 'would_publish', version, changes };
    const [currentItem, versionItem] = planPeriodItems(tenantId, {
      ...definition,
      version,
      publishedAt: options.now.toISOString(),
    });
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: currentItem,
                ...(current
                  ? {
                      ConditionExpression: 'version = :read',
                      ExpressionAttributeValues: { ':read': current.version },
                    }
                  : { ConditionExpression: 'attribute_not_exists(pk)' }),
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: versionItem,
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { tenantId, outcome: 'published', version, changes };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  return { tenantId, outcome: 'changed_meanwhile', version: 0, changes: [] };
};

const registeredTenants = async (client: DynamoDBDocumentClient, tableName: string): Promise<string[]> => {
  const tenants: string[] = [];
  for await (const page of paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.tenantRegistry().pk },
    },
  )) {
    for (const item of page.Items ?? []) if (typeof item.tenantId === 'string') tenants.push(item.tenantId);
  }
  return tenants;
};

const readDefinition = async (file: string): Promise<PlanPeriodDefinition | string> => {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(resolve(file), 'utf8'));
  } catch (error) {
    return `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = PlanPeriodDefinition.safeParse(input);
  if (parsed.success) return parsed.data;
  return `${file} refused, nothing written:\n${parsed.error.issues
    .map((issue) => `  ${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`)
    .join('\n')}`;
};

export const run = async (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
  now = new Date(),
): Promise<number> => {
  const parsed = parseCommonArguments(argv, ['--all-tenants', '--print-default']);
  if (typeof parsed === 'string') {
    io.err(`✖ ${parsed}\n${USAGE}`);
    return 2;
  }
  if (parsed.flags.has('--print-default')) {
    const [periodId, ...rest] = parsed.names;
    if (!periodId || rest.length) {
      io.err(`✖ give one period id (p7, p8)\n${USAGE}`);
      return 2;
    }
    try {
      io.out(JSON.stringify(definitionOf(defaultPlanPeriod(periodId)), null, 2));
      return 0;
    } catch {
      io.err(`✖ the product has no default of ${periodId}`);
      return 2;
    }
  }
  const [file, ...tenantIds] = parsed.names;
  const allTenants = parsed.flags.has('--all-tenants');
  if (!file || (allTenants ? tenantIds.length > 0 : tenantIds.length === 0)) {
    io.err(`✖ give a definition file and either tenant ids or --all-tenants\n${USAGE}`);
    return 2;
  }
  const wrongId = tenantIds.find((tenantId) => !TENANT_ID_PATTERN.test(tenantId));
  if (wrongId !== undefined) {
    io.err(`✖ not a tenant id: ${wrongId}\n${USAGE}`);
    return 2;
  }
  const tableName = env.TABLE_NAME;
  if (!tableName) {
    io.err(`✖ TABLE_NAME is not set (the stack's TableName output)\n${USAGE}`);
    return 2;
  }
  const definition = await readDefinition(file);
  if (typeof definition === 'string') {
    io.err(`✖ ${definition}`);
    return 1;
  }
  const client = documentClient(parsed.endpoint);
  try {
    const tenants = allTenants ? await registeredTenants(client, tableName) : tenantIds;
    let failed = 0;
    for (const tenantId of tenants) {
      const result = await publishForTenant(client, tableName, tenantId, definition, {
        dryRun: parsed.dryRun,
        now,
      });
      if (result.outcome === 'refused' || result.outcome === 'changed_meanwhile') failed += 1;
      const detail = result.reason ?? result.changes.join(' ');
      io.out(
        `  ${result.outcome.padEnd(17)} ${tenantId} ${definition.periodId}${result.version ? ` v${result.version}` : ''}${detail ? `  ${detail}` : ''}`,
      );
    }
    io.out(
      `${tenants.length} tenants, ${failed} not published${parsed.dryRun ? ' (dry run: nothing written)' : ''}.`,
    );
    return failed ? 1 : 0;
  } finally {
    client.destroy();
  }
};

runAsScript(import.meta.url, 'publishing failed', run);
