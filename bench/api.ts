import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { todayInJapan, type User } from '@kikan/shared';
import type { ScaleCase } from '../services/local/scale-data.ts';
import { instrumentClients } from '../services/src/data/client.ts';
import type { Floors } from './floors.ts';
import { measurement, type Measurement } from './results.ts';
import { percentilesOf, round2 } from './timing.ts';

/**
 * The API through the local gateway, as the portal calls it: a bearer token, the handlers in this
 * process, DynamoDB Local behind them. Each route runs under autocannon at a fixed concurrency for
 * a fixed time (latency percentiles from every response, throughput), then a few sequential calls
 * with ReturnConsumedCapacity on every request of the one DocumentClient give the DynamoDB
 * requests and capacity per call. autocannon shares this process (and the machine's 2 CPUs) with
 * the gateway, the handlers and DynamoDB Local, as the floors share it with DynamoDB Local.
 * BENCH_DEBUG_REQUESTS=1 prints every counted request (command, index, partition, items, units).
 */

export const CONCURRENCY = 4;
export const DURATION_SECONDS = 8;
/**
 * The routes with a budget against a floor also run one request at a time, as the floor does:
 * at concurrency 4 on two CPUs a latency is mostly queueing behind the other three.
 */
const SEQUENTIAL_SECONDS = 4;
/** Sequential calls per route whose DynamoDB requests and capacity are averaged. */
const COUNTED_CALLS = 3;

export interface ApiTarget {
  url: string;
  token(user: User): Promise<string>;
  scale: string;
  floors: Floors;
  largeTenantId: string;
  largeUsers: readonly User[];
  largeCases: readonly ScaleCase[];
  /** The core supervisors whose dashboard requests are counted beside the large tenant's. */
  twinSupervisor: User;
  demoSupervisor: User;
  fiscalYear: number;
}

export interface ApiTimes {
  dashboardP50: number;
  figuresP50: number;
  exportP50: number;
}

// ── DynamoDB requests and consumed capacity, counted at the one DocumentClient ──

interface Usage {
  requests: number;
  rcu: number;
  wcu: number;
  byCommand: Map<string, number>;
}

const READ_COMMANDS = new Set(['Get', 'Query', 'Scan', 'BatchGet', 'TransactGet']);

let usage: Usage | null = null;
let counterInstalled = false;
/** DynamoDB requests of the handlers under way: a load's last responses can still be reading. */
let inFlight = 0;

const capacityUnits = (consumed: unknown): number => {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum: number, entry: unknown) => {
    const units =
      typeof entry === 'object' && entry !== null && 'CapacityUnits' in entry ? entry.CapacityUnits : 0;
    return sum + (typeof units === 'number' ? units : 0);
  }, 0);
};

/** Asks every request of the handlers' DocumentClient for its consumed capacity while counting. */
export const installCapacityCounter = (): void => {
  if (counterInstalled) return;
  counterInstalled = true;
  instrumentClients({
    middleware: (next, context) => async (args) => {
      const counting = usage;
      if (!counting) {
        inFlight += 1;
        try {
          return await next(args);
        } finally {
          inFlight -= 1;
        }
      }
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const command = String(context.commandName).replace(/Command$/, '');
      const label = typeof input.IndexName === 'string' ? `${command}:${input.IndexName}` : command;
      const output = result.output as unknown as Record<string, unknown>;
      const units = capacityUnits(output.ConsumedCapacity);
      if (process.env.BENCH_DEBUG_REQUESTS) {
        const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
        process.stdout.write(
          `  ${label} ${String(values?.[':pk'] ?? '')} count=${String(output.Count)} units=${units} more=${output.LastEvaluatedKey ? 'yes' : 'no'}\n`,
        );
      }
      counting.requests += 1;
      counting.byCommand.set(label, (counting.byCommand.get(label) ?? 0) + 1);
      if (READ_COMMANDS.has(command)) counting.rcu += units;
      else counting.wcu += units;
      return result;
    },
    options: { step: 'initialize', name: 'benchConsumedCapacity' },
  });
};

/**
 * Waits until no handler has had a DynamoDB request under way for a while: autocannon stops at
 * its deadline, but the handlers of the requests it gave up on still finish (an export, 19 reads).
 */
const quiesce = async (): Promise<void> => {
  for (let quiet = 0; quiet < 5;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    quiet = inFlight === 0 ? quiet + 1 : 0;
  }
};

/** DynamoDB usage of `calls` sequential runs of `call`, divided by the number of calls. */
export const countUsage = async (
  calls: number,
  call: (index: number) => Promise<void>,
): Promise<{ requests: number; rcu: number; wcu: number; byCommand: string }> => {
  installCapacityCounter();
  await quiesce();
  const counting: Usage = { requests: 0, rcu: 0, wcu: 0, byCommand: new Map() };
  usage = counting;
  try {
    for (let index = 0; index < calls; index += 1) await call(index);
  } finally {
    usage = null;
  }
  return {
    requests: counting.requests / calls,
    rcu: counting.rcu / calls,
    wcu: counting.wcu / calls,
    byCommand: [...counting.byCommand].map(([name, count]) => `${name} ${count / calls}`).join(', '),
  };
};

// ── The routes ──

interface RouteLoad {
  name: string;
  user: User;
  method: 'GET' | 'POST';
  /** The path and body of the n-th request (n counts across connections). */
  request(index: number): { path: string; body?: unknown; idempotent?: boolean };
  /** The floor its latency is divided by, and the budget on that ratio if the issue sets one. */
  floor: number;
  budgetRatio?: { rule: string; max: number };
  budgetMs?: { rule: string; max: number };
}

interface LoadResult {
  latencies: number[];
  throughput: number;
  non2xx: number;
  errors: number;
}

const runLoad = async (
  url: string,
  token: string,
  route: RouteLoad,
  connections = CONCURRENCY,
  duration = DURATION_SECONDS,
): Promise<LoadResult> => {
  await quiesce();
  let next = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url,
    connections,
    duration,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: route.method,
        setupRequest: (request) => {
          const { path, body, idempotent } = route.request(next++);
          return {
            ...request,
            path,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            headers: {
              ...request.headers,
              ...(idempotent ? { 'idempotency-key': `bench-${randomUUID()}` } : {}),
            },
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, finished: autocannon.Result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    latencies,
    throughput: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors,
  };
};

const callOnce = async (url: string, token: string, route: RouteLoad, index: number): Promise<void> => {
  const { path, body, idempotent } = route.request(index);
  const response = await fetch(`${url}${path}`, {
    method: route.method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(idempotent ? { 'idempotency-key': `bench-${randomUUID()}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${route.name}: ${route.method} ${path} answered ${response.status}`);
};

const userOf = (users: readonly User[], userId: string): User => {
  const user = users.find((candidate) => candidate.userId === userId);
  if (!user) throw new Error(`no user ${userId}`);
  return user;
};

/**
 * A reading of its own for every created person: one person, one record (ADR 0025) refuses a second
 * person of the same reading and birth date as a likely duplicate, which is not what is measured.
 */
const kanaOf = (index: number): string =>
  `ベンチ ${[...String(index)].map((digit) => 'アイウエオカキクケコ'[Number(digit)]).join('')}`;

export const measureApi = async (
  target: ApiTarget,
  log: (message: string) => void,
): Promise<{ times: ApiTimes; measurements: Measurement[] }> => {
  const today = todayInJapan();
  const { floors, largeCases, largeUsers, fiscalYear } = target;
  const readOffice = 'scale-plan-01';
  const writeOffice = 'scale-plan-02';
  const readCases = largeCases
    .filter(({ record }) => record.officeId === readOffice)
    .slice(0, 50)
    .map(({ record }) => record.caseId);
  // Monitorings go to open cases with a decision, one case after another, so that concurrent
  // requests do not fight over one case's version.
  const monitoringCases = largeCases
    .filter(
      ({ record }) =>
        record.officeId === writeOffice &&
        record.decision &&
        (record.phase === 'implementation' || record.phase === 'monitoring'),
    )
    .map(({ record }) => record.caseId);
  const at = <T>(list: readonly T[], index: number): T => {
    const item = list[index % list.length];
    if (item === undefined) throw new Error('empty request pool');
    return item;
  };

  const routes: RouteLoad[] = [
    {
      name: 'case_read',
      user: userOf(largeUsers, `${readOffice}-worker-1`),
      method: 'GET',
      request: (index) => ({ path: `/api/cases/${at(readCases, index)}` }),
      floor: floors.getItem.p50,
      budgetRatio: { rule: 'single-record read p50 ≤ 2× the GetItem floor', max: 2 },
    },
    {
      name: 'caseload_page',
      user: userOf(largeUsers, `${readOffice}-worker-1`),
      method: 'GET',
      request: () => ({ path: '/api/cases' }),
      floor: floors.queryPage.p50,
      budgetRatio: { rule: 'caseload page p50 ≤ 2× the one-page Query floor', max: 2 },
    },
    {
      name: 'case_create',
      user: userOf(largeUsers, `${writeOffice}-worker-1`),
      method: 'POST',
      request: (index) => ({
        path: '/api/cases',
        idempotent: true,
        body: {
          person: {
            name: `ベンチ 利用者${index}`,
            kana: kanaOf(index),
            birthDate: '1990-05-01',
            municipalityCode: '990101',
          },
          serviceKind: 'plan_consultation',
          planAuthor: 'specialist',
          monitoringPeriodMonths: 3,
          openedOn: today,
        },
      }),
      floor: floors.getItem.p50,
    },
    {
      name: 'monitoring_create',
      user: userOf(largeUsers, `${writeOffice}-worker-1`),
      method: 'POST',
      request: (index) => ({
        path: `/api/cases/${at(monitoringCases, index)}/monitorings`,
        idempotent: true,
        body: { conductedOn: today, kind: 'regular', method: 'home_visit', planChangeNeeded: false },
      }),
      floor: floors.getItem.p50,
    },
    {
      name: 'dashboard',
      user: userOf(largeUsers, 'scale-core-supervisor'),
      method: 'GET',
      request: () => ({ path: '/api/dashboard' }),
      floor: floors.fullQuery.p50,
    },
    {
      name: 'statistics_figures',
      user: userOf(largeUsers, 'scale-ito'),
      method: 'GET',
      request: () => ({ path: `/api/statistics/figures?fiscalYear=${fiscalYear}` }),
      floor: floors.fullQuery.p50,
    },
    {
      name: 'statistics_export',
      user: userOf(largeUsers, 'scale-ito'),
      method: 'GET',
      request: () => ({ path: `/api/statistics/export.xlsx?fiscalYear=${fiscalYear}` }),
      floor: floors.fullQuery.p50,
      budgetMs: { rule: 'fiscal-year export at 20,000 cases ≤ 5 s (p50)', max: 5_000 },
    },
  ];

  const scale = `${target.scale} concurrency=${CONCURRENCY} duration=${DURATION_SECONDS}s`;
  const measurements: Measurement[] = [];
  const p50Of = new Map<string, number>();
  // Counted first, on an idle system; the counting calls also warm every route up.
  const usageOf = new Map<string, Awaited<ReturnType<typeof countUsage>>>();
  const tokens = new Map<string, string>();
  for (const route of routes) {
    const token = await target.token(route.user);
    tokens.set(route.name, token);
    usageOf.set(
      route.name,
      await countUsage(COUNTED_CALLS, (index) => callOnce(target.url, token, route, 100_000 + index)),
    );
  }

  for (const route of routes) {
    const token = tokens.get(route.name) ?? '';
    const load = await runLoad(target.url, token, route);
    const { p50, p95, p99 } = percentilesOf(load.latencies);
    p50Of.set(route.name, p50);
    const used = usageOf.get(route.name);
    log(
      `api ${route.name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${load.throughput.toFixed(0)} req/s, ` +
        `${load.latencies.length} responses${load.non2xx ? `, ${load.non2xx} not 2xx` : ''}` +
        `${load.errors ? `, ${load.errors} errors` : ''}; DynamoDB per call: ${used?.byCommand ?? ''}`,
    );
    const name = `api.${route.name}`;
    const msBudget = route.budgetMs;
    measurements.push(
      measurement({
        name: `${name}.p50`,
        unit: 'ms',
        value: round2(p50),
        floor: round2(route.floor),
        scale,
        ...(msBudget ? { budget: { rule: msBudget.rule, met: p50 <= msBudget.max } } : {}),
      }),
      measurement({ name: `${name}.p95`, unit: 'ms', value: round2(p95), floor: round2(route.floor), scale }),
      measurement({ name: `${name}.p99`, unit: 'ms', value: round2(p99), floor: round2(route.floor), scale }),
      measurement({ name: `${name}.throughput`, unit: 'req/s', value: round2(load.throughput), scale }),
    );
    const ratioBudget = route.budgetRatio;
    if (ratioBudget) {
      const sequential = await runLoad(target.url, token, route, 1, SEQUENTIAL_SECONDS);
      const sequentialP50 = percentilesOf(sequential.latencies).p50;
      log(
        `api ${route.name} one at a time: p50 ${sequentialP50.toFixed(2)} ms (floor ${route.floor.toFixed(2)} ms)`,
      );
      measurements.push(
        measurement({
          name: `${name}.sequential.p50`,
          unit: 'ms',
          value: round2(sequentialP50),
          floor: round2(route.floor),
          scale: `${target.scale} concurrency=1 duration=${SEQUENTIAL_SECONDS}s, as the floor`,
          budget: { rule: ratioBudget.rule, met: sequentialP50 <= ratioBudget.max * route.floor },
        }),
      );
      if (route.name === 'case_read') {
        // The gateway's own HTTP hop, one at a time like the read: a public route that reads nothing.
        const hopRoute: RouteLoad = {
          ...route,
          name: 'gateway_hop',
          request: () => ({ path: '/api/health' }),
        };
        const hop = percentilesOf(
          (await runLoad(target.url, token, hopRoute, 1, SEQUENTIAL_SECONDS)).latencies,
        ).p50;
        log(`api gateway hop (GET /api/health) one at a time: p50 ${hop.toFixed(2)} ms`);
        // A full read is audited: its GetItem is followed by the audit entry's PutItem.
        measurements.push(
          measurement({
            name: 'floor.gateway_hop.p50',
            unit: 'ms',
            value: round2(hop),
            scale: `${target.scale} concurrency=1; GET /api/health through the local gateway, no DynamoDB`,
          }),
          measurement({
            name: `${name}.sequential.p50_vs_hop_get_put`,
            unit: 'ms',
            value: round2(sequentialP50),
            floor: round2(hop + floors.getItem.p50 + floors.putItem.p50),
            scale: `${target.scale} concurrency=1; floor: gateway hop + GetItem p50 + PutItem p50`,
          }),
        );
        measurements.push(
          measurement({
            name: `${name}.sequential.p50_vs_get_plus_put`,
            unit: 'ms',
            value: round2(sequentialP50),
            floor: round2(floors.getItem.p50 + floors.putItem.p50),
            scale: `${target.scale} concurrency=1; floor: GetItem p50 + PutItem p50 (the audit entry)`,
          }),
        );
      }
    }
    if (load.non2xx || load.errors) {
      measurements.push(
        measurement({ name: `${name}.failed`, unit: 'count', value: load.non2xx + load.errors, scale }),
      );
    }
    if (used) {
      measurements.push(
        measurement({
          name: `${name}.dynamodb_requests`,
          unit: 'requests',
          value: round2(used.requests),
          scale,
        }),
        measurement({ name: `${name}.rcu`, unit: 'rcu', value: round2(used.rcu), scale }),
        measurement({ name: `${name}.wcu`, unit: 'wcu', value: round2(used.wcu), scale }),
      );
    }
  }

  // The dashboard's requests per load: the large tenant against its twin (same fifty offices,
  // 500 cases) and the demo tenant (a handful of offices), one load each.
  const dashboardRequests = async (user: User) => {
    const token = await target.token(user);
    const dashboard = routes.find((route) => route.name === 'dashboard');
    if (!dashboard) throw new Error('no dashboard route');
    return countUsage(1, () => callOnce(target.url, token, dashboard, 0));
  };
  const large = (await dashboardRequests(userOf(largeUsers, 'scale-core-supervisor'))).requests;
  const twin = (await dashboardRequests(target.twinSupervisor)).requests;
  const demo = (await dashboardRequests(target.demoSupervisor)).requests;
  log(`dashboard DynamoDB requests per load: large ${large}, twin ${twin}, demo ${demo}`);
  measurements.push(
    measurement({
      name: 'api.dashboard.requests_per_load.large_vs_twin',
      unit: 'requests',
      value: large,
      floor: twin,
      scale: `${target.largeTenantId} (20,000 cases) vs ${target.twinSupervisor.tenantId} (500 cases), both 50 offices`,
      budget: {
        rule: 'dashboard DynamoDB requests per load independent of the number of cases',
        met: large === twin,
      },
    }),
    measurement({
      name: 'api.dashboard.requests_per_load.demo',
      unit: 'requests',
      value: demo,
      scale: `${target.demoSupervisor.tenantId} (demo tenant; fewer offices, the same requests per load)`,
    }),
  );

  return {
    times: {
      dashboardP50: p50Of.get('dashboard') ?? Number.NaN,
      figuresP50: p50Of.get('statistics_figures') ?? Number.NaN,
      exportP50: p50Of.get('statistics_export') ?? Number.NaN,
    },
    measurements,
  };
};

// ── Five times the cases: the same requests, at most twice the time ──

export interface ScaleRatioTarget {
  url: string;
  token(user: User): Promise<string>;
  fiscalYear: number;
  /** The large tenant (20,000 cases) and the one five times its size, same offices and staff. */
  tenants: readonly [ScaleRatioTenant, ScaleRatioTenant];
}

export interface ScaleRatioTenant {
  tenantId: string;
  users: readonly User[];
  cases: number;
  label: string;
}

/** Sequential calls per tenant and route whose median is compared, the two tenants taking turns. */
const TIMED_CALLS = 9;

const timedCall = async (url: string, token: string, route: RouteLoad): Promise<number> => {
  const started = performance.now();
  await callOnce(url, token, route, 0);
  return performance.now() - started;
};

/**
 * The statistics figures, the fiscal-year XLSX and the dashboard of the large tenant and of the
 * tenant with five times its cases, in the same run: DynamoDB requests and capacity per call
 * (requests must be equal), and the median of sequential calls taken in turns, one tenant then
 * the other, so that the machine's noise falls on both alike (ratio 100k / 20k, at most 2 for the
 * figures and the export).
 */
export const measureScaleRatio = async (
  target: ScaleRatioTarget,
  log: (message: string) => void,
): Promise<Measurement[]> => {
  const routes = [
    {
      name: 'statistics_figures',
      path: `/api/statistics/figures?fiscalYear=${target.fiscalYear}`,
      userId: 'scale-ito',
      timeBudget: true,
    },
    {
      name: 'statistics_export',
      path: `/api/statistics/export.xlsx?fiscalYear=${target.fiscalYear}`,
      userId: 'scale-ito',
      timeBudget: true,
    },
    { name: 'dashboard', path: '/api/dashboard', userId: 'scale-core-supervisor', timeBudget: false },
  ];
  const [small, large] = target.tenants;
  const measurements: Measurement[] = [];
  for (const route of routes) {
    const loads = await Promise.all(
      target.tenants.map(async (tenant) => {
        const user = userOf(tenant.users, route.userId);
        const load: RouteLoad = {
          name: route.name,
          user,
          method: 'GET',
          request: () => ({ path: route.path }),
          floor: 0,
        };
        return { tenant, load, token: await target.token(user) };
      }),
    );
    const usage = [];
    for (const { load, token } of loads) {
      usage.push(await countUsage(COUNTED_CALLS, (index) => callOnce(target.url, token, load, index)));
    }
    await quiesce();
    const times: number[][] = loads.map(() => []);
    for (let call = 0; call < TIMED_CALLS; call += 1) {
      for (const [index, { load, token }] of loads.entries()) {
        times[index]?.push(await timedCall(target.url, token, load));
      }
    }
    const [smallUsage, largeUsage] = usage;
    const [smallP50, largeP50] = times.map((list) => percentilesOf(list).p50);
    if (!smallUsage || !largeUsage || smallP50 === undefined || largeP50 === undefined) {
      throw new Error(`${route.name}: nothing measured`);
    }
    log(
      `scale ${route.name}: ${small.cases} cases ${smallUsage.requests} requests ${round2(smallUsage.rcu)} RCU ` +
        `p50 ${smallP50.toFixed(1)} ms; ${large.cases} cases ${largeUsage.requests} requests ${round2(largeUsage.rcu)} RCU ` +
        `p50 ${largeP50.toFixed(1)} ms (${(largeP50 / smallP50).toFixed(2)}×); DynamoDB per call at ${large.cases}: ${largeUsage.byCommand}`,
    );
    const name = `api.${route.name}.scale`;
    const scale = `${large.label} vs ${small.label}; median of ${TIMED_CALLS} sequential calls, the tenants in turns`;
    measurements.push(
      measurement({
        name: `${name}.dynamodb_requests`,
        unit: 'requests',
        value: round2(largeUsage.requests),
        floor: round2(smallUsage.requests),
        scale,
        budget: {
          rule: `DynamoDB requests per call at ${large.cases} cases = at ${small.cases} cases`,
          met: largeUsage.requests === smallUsage.requests,
        },
      }),
      measurement({
        name: `${name}.rcu`,
        unit: 'rcu',
        value: round2(largeUsage.rcu),
        floor: round2(smallUsage.rcu),
        scale,
      }),
      measurement({ name: `${name}.small.p50`, unit: 'ms', value: round2(smallP50), scale: small.label }),
      measurement({
        name: `${name}.p50`,
        unit: 'ms',
        value: round2(largeP50),
        floor: round2(smallP50),
        scale,
        ...(route.timeBudget
          ? {
              budget: {
                rule: `p50 at ${large.cases} cases ≤ 2× p50 at ${small.cases} cases, same run`,
                met: largeP50 <= 2 * smallP50,
              },
            }
          : {}),
      }),
    );
  }
  return measurements;
};
