import type { TenantContext } from '@kikan/shared';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { runInRequestScope } from './data/request-scope.ts';
import { bind, createFunction } from './http/create-function.ts';
import { defineRoute } from './http/route.ts';
import { apiGatewayEvent, lambdaContext } from './http/test-fixtures.ts';
import { logger } from './logger.ts';

const SATO: TenantContext = {
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  role: 'specialist',
  userId: 'user-sato',
};
const YAMAMOTO: TenantContext = {
  tenantId: 'hokushin',
  officeId: 'hokushin-sakura',
  role: 'specialist',
  userId: 'user-yamamoto',
};

let lines: Record<string, unknown>[] = [];
const capture = (chunk: unknown) => {
  for (const line of String(chunk).split('\n').filter(Boolean)) {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a log line
    }
  }
  return true;
};

beforeAll(() => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
});

beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  vi.spyOn(console, 'info').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  vi.spyOn(console, 'log').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A promise one side opens and the other awaits: concurrency in a fixed order, without timers. */
const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open: () => open() };
};

describe('the logger’s request keys', () => {
  it('keeps each of two interleaved requests’ lines to its own request id and tenant', async () => {
    // The two requests take turns at awaits they hand to each other: the order is fixed by the
    // test, not by timers, so a busy machine cannot reorder it.
    const a1 = gate();
    const b1 = gate();
    const a2 = gate();
    await Promise.all([
      runInRequestScope({ requestId: 'req-A', ctx: SATO }, async () => {
        logger.info('step', { step: 'A1' });
        a1.open();
        await b1.opened;
        logger.info('step', { step: 'A2' });
        a2.open();
      }),
      runInRequestScope({ requestId: 'req-B', ctx: YAMAMOTO }, async () => {
        await a1.opened;
        logger.info('step', { step: 'B1' });
        b1.open();
        await a2.opened;
        logger.info('step', { step: 'B2' });
      }),
    ]);

    const steps = lines.filter((line) => line.message === 'step');
    expect(steps.map((line) => line.step)).toEqual(['A1', 'B1', 'A2', 'B2']);
    for (const line of steps) {
      const own = String(line.step).startsWith('A')
        ? { requestId: 'req-A', tenantId: 'kibougaoka', officeId: 'himawari' }
        : { requestId: 'req-B', tenantId: 'hokushin', officeId: 'hokushin-sakura' };
      expect(line).toMatchObject(own);
    }
  });

  it('adds no request keys outside a request, and none linger from the last one', async () => {
    await runInRequestScope({ requestId: 'req-A', ctx: SATO }, async () => logger.info('inside'));
    logger.info('outside');

    const outside = lines.find((line) => line.message === 'outside');
    expect(outside).toBeDefined();
    expect(outside).not.toHaveProperty('requestId');
    expect(outside).not.toHaveProperty('tenantId');
  });

  it('gives each access-log line of two concurrent requests its own request id and tenant', async () => {
    const route = defineRoute({
      method: 'GET',
      path: '/api/test/log-notes',
      context: 'platform',
      access: ['specialist'],
      summary: 'A protected test route',
      response: z.strictObject({ ok: z.boolean() }),
      successStatus: 200,
    });
    // 佐藤's request waits inside its operation until 山本's has answered.
    const secondAnswered = gate();
    const handler = createFunction(
      [
        bind(route, async ({ ctx }) => {
          if (ctx.userId === SATO.userId) await secondAnswered.opened;
          return { ok: true };
        }),
      ],
      {
        verifier: async (token) => (token === 't.sato.x' ? SATO : YAMAMOTO),
        checkMembership: async () => undefined,
      },
    );
    const event = (token: string, requestId: string) =>
      apiGatewayEvent(route, { headers: { authorization: `Bearer ${token}` }, requestId });

    const sato = handler(event('t.sato.x', 'req-sato'), lambdaContext());
    await handler(event('t.yamamoto.x', 'req-yamamoto'), lambdaContext());
    secondAnswered.open();
    await sato;

    const access = lines.filter((line) => line.message === 'request');
    expect(access).toHaveLength(2);
    expect(access.map((line) => [line.requestId, line.tenantId])).toEqual([
      ['req-yamamoto', 'hokushin'],
      ['req-sato', 'kibougaoka'],
    ]);
    expect(JSON.stringify(access)).not.toContain('t.sato.x');
  });
});
