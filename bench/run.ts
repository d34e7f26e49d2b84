import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fiscalYearOf, todayInJapan } from '@kikan/shared';
import { formatTable, writeResults, type Measurement } from './results.ts';

/**
 * `npm run bench`: starts its own in-memory DynamoDB Local and local gateway, seeds the scale data
 * set, and measures the floors, the API, the naive way, the Lambda bundles and the portal; writes
 * bench/results.json and prints the table. Everything it starts is stopped, also on failure.
 *
 * `--only=floors,api,scale,naive,lambda,portal,import` runs a subset (floors, api, scale and naive need
 * the seeded stack; api and naive measure against the floors of the same run, so they bring them
 * along). `scale` seeds a tenant of 100,000 cases beside the 20,000-case one and compares the
 * statistics figures, the fiscal-year XLSX and the dashboard of the two.
 *
 * The handlers read their configuration and create their DynamoDB client once per process, so
 * the portal part, which starts a stack of its own, runs in a child process of this script.
 */

const PARTS = ['floors', 'api', 'scale', 'naive', 'lambda', 'portal', 'import'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    /** Internal: run one part and write its measurements to this file (the portal's child process). */
    'child-part': { type: 'string' },
    'child-out': { type: 'string' },
  },
});

// The handlers log every request at INFO; set before any of their modules load.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const startedAt = performance.now();
const log = (message: string) =>
  process.stdout.write(`[${((performance.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);

const selected = (): Set<Part> => {
  if (!values.only) return new Set(PARTS);
  const names = values.only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(PARTS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  const parts = new Set(names as Part[]);
  if (parts.has('api') || parts.has('naive') || parts.has('scale')) parts.add('floors');
  if (parts.has('naive')) parts.add('api');
  return parts;
};

/** A part with a stack of its own runs in a child process (the handlers configure once per process). */
const runPartInChild = async (part: 'portal' | 'import'): Promise<Measurement[]> => {
  const directory = mkdtempSync(join(tmpdir(), 'kikan-bench-'));
  const out = join(directory, `${part}.json`);
  try {
    const child = spawn(
      process.execPath,
      [...process.execArgv, import.meta.filename, `--child-part=${part}`, `--child-out=${out}`],
      { stdio: 'inherit', env: process.env },
    );
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`the ${part} part exited with ${code}`);
    return JSON.parse(readFileSync(out, 'utf8')) as Measurement[];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

const measureStackParts = async (parts: Set<Part>): Promise<Measurement[]> => {
  const { startBenchStack } = await import('./stack.ts');
  const { seedScale, seedFiveTimes } = await import('./scale-seed.ts');
  const { measureFloors } = await import('./floors.ts');
  const { DEMO_TENANTS, DEMO_USERS } = await import('../services/local/demo-data.ts');
  const { SCALE_USERS } = await import('../services/local/scale-data.ts');

  log('starting DynamoDB Local (in memory) and the local gateway with the demo tenants');
  const stack = await startBenchStack();
  const results: Measurement[] = [];
  let seededFiveTimes: Awaited<ReturnType<typeof seedFiveTimes>> | null = null;
  try {
    log(`stack at ${stack.url}, DynamoDB Local at ${stack.dynamoDbEndpoint}; seeding the scale data set`);
    const seeded = await seedScale(stack.dynamoDbEndpoint, stack.tableName, log, DEMO_TENANTS.length);
    log(`seeded ${seeded.items} items: ${seeded.label}`);
    if (parts.has('scale')) {
      const seedStarted = performance.now();
      const fiveTimes = await seedFiveTimes(stack.dynamoDbEndpoint, stack.tableName, log);
      log(
        `seeded ${fiveTimes.items} items in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s: ${fiveTimes.label}`,
      );
      seededFiveTimes = fiveTimes;
    }

    const firstCase = seeded.largeCases.find(({ record }) => record.officeId === 'scale-plan-01');
    if (!firstCase) throw new Error('the large tenant has no case in scale-plan-01');
    log('floors: GetItem, one-page Query, full paginated Query (SDK alone)');
    const { floors, measurements: floorRows } = await measureFloors(
      {
        endpoint: stack.dynamoDbEndpoint,
        tableName: stack.tableName,
        tenantId: seeded.largeTenantId,
        caseId: firstCase.record.caseId,
        officeId: firstCase.record.officeId,
        scale: seeded.label,
      },
      log,
    );
    results.push(...floorRows);
    log(
      `floors: GetItem p50 ${floors.getItem.p50.toFixed(2)} ms, Query page p50 ${floors.queryPage.p50.toFixed(2)} ms, ` +
        `full Query p50 ${floors.fullQuery.p50.toFixed(0)} ms (${floors.fullQueryItems} cases, ${floors.fullQueryPages} pages)`,
    );
    const fiscalYear = fiscalYearOf(todayInJapan()) - 1;
    if (seededFiveTimes) {
      const { measureScaleRatio } = await import('./api.ts');
      log('scale: figures, XLSX export and dashboard at 20,000 and at 100,000 cases');
      results.push(
        ...(await measureScaleRatio(
          {
            url: stack.url,
            token: (user) => stack.token(user),
            fiscalYear,
            tenants: [
              {
                tenantId: seeded.largeTenantId,
                users: SCALE_USERS,
                cases: seeded.largeCases.length,
                label: `${seeded.largeTenantId} ${seeded.largeCases.length} cases`,
              },
              {
                tenantId: seededFiveTimes.tenantId,
                users: seededFiveTimes.users,
                cases: seededFiveTimes.cases,
                label: seededFiveTimes.label,
              },
            ],
          },
          log,
        )),
      );
    }
    if (!parts.has('api')) return results;

    const { measureApi } = await import('./api.ts');
    const coreSupervisorOf = <T extends { role: string; tenantId: string }>(
      users: readonly T[],
      tenantId: string,
    ): T => {
      const user = users.find(
        (candidate) => candidate.tenantId === tenantId && candidate.role === 'core_supervisor',
      );
      if (!user) throw new Error(`no core supervisor in ${tenantId}`);
      return user;
    };
    const largeSupervisor = coreSupervisorOf(SCALE_USERS, seeded.largeTenantId);
    const twinSupervisor = coreSupervisorOf(seeded.twinUsers, seeded.twinTenantId);
    const demoSupervisor = coreSupervisorOf(DEMO_USERS, DEMO_TENANTS[0]?.tenantId ?? '');
    log(`api: ${fiscalYear} figures; each route at fixed concurrency and duration`);
    const api = await measureApi(
      {
        url: stack.url,
        token: (user) => stack.token(user),
        scale: seeded.label,
        floors,
        largeTenantId: seeded.largeTenantId,
        largeUsers: SCALE_USERS,
        largeCases: seeded.largeCases,
        twinSupervisor,
        demoSupervisor,
        fiscalYear,
      },
      log,
    );
    results.push(...api.measurements);
    if (!parts.has('naive')) return results;

    const { measureNaive } = await import('./naive.ts');
    const supervisorToken = await stack.token(largeSupervisor);
    log('naive: Scan the large tenant and count its cases in code (median of 3)');
    results.push(
      ...(await measureNaive(
        {
          endpoint: stack.dynamoDbEndpoint,
          tableName: stack.tableName,
          tenantId: seeded.largeTenantId,
          fiscalYear,
          scale: seeded.label,
          apiFiguresP50: api.times.figuresP50,
          apiExportP50: api.times.exportP50,
          apiDashboardP50: api.times.dashboardP50,
          apiDashboard: async () => {
            const response = await fetch(`${stack.url}/api/dashboard`, {
              headers: { authorization: `Bearer ${supervisorToken}` },
            });
            return response.json();
          },
        },
        log,
      )),
    );
    return results;
  } finally {
    log('stopping the stack');
    await stack.stop();
  }
};

const main = async () => {
  if (values['child-part'] === 'portal') {
    const { measurePortal } = await import('./portal.ts');
    writeResults(values['child-out'] ?? 'portal.json', await measurePortal());
    return;
  }
  if (values['child-part'] === 'import') {
    const { measureImport } = await import('./import.ts');
    writeResults(values['child-out'] ?? 'import.json', await measureImport(log));
    return;
  }
  const parts = selected();
  const results: Measurement[] = [];
  const failures: string[] = [];
  const attempt = async (name: string, run: () => Promise<Measurement[]>) => {
    try {
      results.push(...(await run()));
    } catch (error) {
      failures.push(name);
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };

  if (parts.has('floors')) await attempt('floors/api/naive', () => measureStackParts(parts));
  if (parts.has('lambda')) {
    log('lambda: bundles and cold init');
    await attempt('lambda', async () => (await import('./lambda.ts')).measureLambda());
  }
  if (parts.has('portal')) {
    log('portal: JavaScript per route and dashboard paint (child process)');
    await attempt('portal', () => runPartInChild('portal'));
  }
  if (parts.has('import')) {
    log('import: a caseload of 2,000 and of 20,000 rows, dry run and import (child process)');
    await attempt('import', () => runPartInChild('import'));
  }

  const resultsFile = join(import.meta.dirname, 'results.json');
  writeResults(resultsFile, results);
  process.stdout.write(`\n${formatTable(results)}\n\n`);
  const missed = results.filter((result) => result.budget && !result.budget.met);
  log(
    `${results.length} measurements in ${resultsFile}; ` +
      `${results.filter((result) => result.budget).length - missed.length} budgets met, ${missed.length} missed` +
      (failures.length ? `; FAILED parts: ${failures.join(', ')}` : ''),
  );
  // A missed budget is a finding, not a failure (the machine is noisy); a part that broke is.
  if (failures.length) process.exitCode = 1;
};

await main();
