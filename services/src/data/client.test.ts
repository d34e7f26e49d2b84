import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TenantContext } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { NoTenantScopeError, createClientRegistry } from './client.ts';
import { runInRequestScope, type RequestScope } from './request-scope.ts';
import {
  REFRESH_MARGIN_MS,
  SESSION_SECONDS,
  createSessionCache,
  roleSessionName,
  type AssumeRoleInput,
  type SessionCredentials,
} from './scoped-credentials.ts';

const ROLE = 'arn:aws:iam::123456789012:role/kikan-tenant-data';

const T1: TenantContext = {
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  role: 'specialist',
  userId: 'user-sato',
};
const T2: TenantContext = {
  tenantId: 'hokushin',
  officeId: 'hokushin-sakura',
  role: 'specialist',
  userId: 'user-yamamoto',
};

/** A stand-in for STS: records every AssumeRole input and answers with keys naming the tags. */
const fakeSts = (clock: { now: number }) => {
  const calls: AssumeRoleInput[] = [];
  const assumeRole = async (input: AssumeRoleInput): Promise<SessionCredentials> => {
    calls.push(input);
    const tag = (key: string) => input.Tags.find((candidate) => candidate.Key === key)?.Value;
    return {
      accessKeyId: `AK-${tag('tenant')}-${tag('office')}-${calls.length}`,
      secretAccessKey: 'secret',
      sessionToken: `token-${calls.length}`,
      expiration: new Date(clock.now + input.DurationSeconds * 1000),
    };
  };
  return { calls, assumeRole };
};

const scopeOf = (ctx: TenantContext | null): RequestScope => ({ requestId: 'req-1', ctx });

/** What the client would sign with: the SDK's resolved credentials provider. */
const credentialsOf = async (client: ReturnType<ReturnType<typeof createClientRegistry>['forScope']>) => {
  const provider = client.config.credentials as () => Promise<SessionCredentials>;
  return provider();
};

describe('tenant-scoped DynamoDB clients (AWS mode)', () => {
  it('gives T2 its own client with T2’s session tags, and T1 again its first client', async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 3) };
    const sts = fakeSts(clock);
    const registry = createClientRegistry({
      roleArn: ROLE,
      assumeRole: sts.assumeRole,
      now: () => clock.now,
    });

    const first = registry.forScope(scopeOf(T1));
    const t1Credentials = await credentialsOf(first);
    const second = registry.forScope(scopeOf(T2));
    const t2Credentials = await credentialsOf(second);
    const again = registry.forScope(scopeOf({ ...T1, userId: 'user-other' }));
    await credentialsOf(again);

    expect(second).not.toBe(first);
    expect(again).toBe(first);
    expect(t1Credentials.accessKeyId).toBe('AK-kibougaoka-himawari-1');
    expect(t2Credentials.accessKeyId).toBe('AK-hokushin-hokushin-sakura-2');
    expect(sts.calls).toEqual([
      {
        RoleArn: ROLE,
        RoleSessionName: 'kikan-user-sato',
        DurationSeconds: SESSION_SECONDS,
        Tags: [
          { Key: 'tenant', Value: 'kibougaoka' },
          { Key: 'office', Value: 'himawari' },
        ],
      },
      {
        RoleArn: ROLE,
        RoleSessionName: 'kikan-user-yamamoto',
        DurationSeconds: SESSION_SECONDS,
        Tags: [
          { Key: 'tenant', Value: 'hokushin' },
          { Key: 'office', Value: 'hokushin-sakura' },
        ],
      },
    ]);
    expect(registry.size).toBe(2);
  });

  it('keeps two offices of one tenant apart: the office is a session tag too', async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 3) };
    const sts = fakeSts(clock);
    const registry = createClientRegistry({
      roleArn: ROLE,
      assumeRole: sts.assumeRole,
      now: () => clock.now,
    });

    const himawari = registry.forScope(scopeOf(T1));
    const aozora = registry.forScope(scopeOf({ ...T1, officeId: 'aozora' }));

    expect(aozora).not.toBe(himawari);
    expect((await credentialsOf(aozora)).accessKeyId).toBe('AK-kibougaoka-aozora-1');
  });

  it('finds the current request’s client through the request scope', async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 3) };
    const sts = fakeSts(clock);
    const registry = createClientRegistry({
      roleArn: ROLE,
      assumeRole: sts.assumeRole,
      now: () => clock.now,
    });
    const { currentScope } = await import('./request-scope.ts');

    const [inT1, inT2] = await Promise.all([
      runInRequestScope(scopeOf(T1), async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return registry.forScope(currentScope());
      }),
      runInRequestScope(scopeOf(T2), async () => registry.forScope(currentScope())),
    ]);

    expect((await credentialsOf(inT1)).accessKeyId).toMatch(/^AK-kibougaoka-himawari-/);
    expect((await credentialsOf(inT2)).accessKeyId).toMatch(/^AK-hokushin-hokushin-sakura-/);
  });

  it('refuses tenant data outside a request scope, and on a public route', () => {
    const clock = { now: Date.UTC(2026, 10, 22, 3) };
    const registry = createClientRegistry({ roleArn: ROLE, assumeRole: fakeSts(clock).assumeRole });

    expect(() => registry.forScope(undefined)).toThrow(NoTenantScopeError);
    expect(() => registry.forScope(scopeOf(null))).toThrow(NoTenantScopeError);
  });

  it('refuses to start in AWS without the tenant data role', () => {
    expect(() => createClientRegistry({})).toThrow(/TENANT_DATA_ROLE_ARN/);
  });
});

describe('AssumeRole sessions', () => {
  it('reuses a session while it is fresh and assumes the role again shortly before it expires', async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 3) };
    const sts = fakeSts(clock);
    const cache = createSessionCache({ roleArn: ROLE, assumeRole: sts.assumeRole, now: () => clock.now });
    const provider = cache.provider('k', T1);

    const first = await provider();
    clock.now += SESSION_SECONDS * 1000 - REFRESH_MARGIN_MS - 1000;
    const stillFirst = await provider();
    clock.now += 2000;
    const refreshed = await provider();

    expect(stillFirst).toBe(first);
    expect(refreshed.sessionToken).toBe('token-2');
    expect(refreshed.expiration.getTime()).toBeGreaterThan(first.expiration.getTime());
    expect(sts.calls).toHaveLength(2);
  });

  it('assumes the role once for concurrent requests of one key', async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 3) };
    const sts = fakeSts(clock);
    const cache = createSessionCache({ roleArn: ROLE, assumeRole: sts.assumeRole, now: () => clock.now });
    const provider = cache.provider('k', T1);

    const results = await Promise.all([provider(), provider(), provider()]);

    expect(new Set(results).size).toBe(1);
    expect(sts.calls).toHaveLength(1);
  });

  it('tries again after a failed AssumeRole instead of keeping the failure', async () => {
    let fail = true;
    const clock = { now: Date.UTC(2026, 10, 22, 3) };
    const sts = fakeSts(clock);
    const cache = createSessionCache({
      roleArn: ROLE,
      assumeRole: async (input) => {
        if (fail) throw new Error('throttled');
        return sts.assumeRole(input);
      },
      now: () => clock.now,
    });
    const provider = cache.provider('k', T1);

    await expect(provider()).rejects.toThrow('throttled');
    fail = false;
    expect((await provider()).accessKeyId).toMatch(/^AK-kibougaoka-/);
  });

  it('names the session after the user id, within what STS accepts', () => {
    expect(roleSessionName('user-sato')).toBe('kikan-user-sato');
    expect(roleSessionName('a'.repeat(64))).toHaveLength(64);
    expect(roleSessionName('x y/z')).toBe('kikan-x_y_z');
  });
});

describe('local mode (DynamoDB Local)', () => {
  const ENDPOINT = 'http://127.0.0.1:1';

  it('runs the same path: one client per tenant+office with the static local credentials', async () => {
    const registry = createClientRegistry({ endpoint: ENDPOINT });

    const t1 = registry.forScope(scopeOf(T1));
    const t2 = registry.forScope(scopeOf(T2));

    expect(t2).not.toBe(t1);
    expect(registry.forScope(scopeOf(T1))).toBe(t1);
    expect((await credentialsOf(t1)).accessKeyId).toBe('local');
  });

  it('serves seeding and scripts outside a request with one unscoped client', () => {
    const registry = createClientRegistry({ endpoint: ENDPOINT });

    expect(registry.forScope(undefined)).toBe(registry.forScope(undefined));
    expect(registry.size).toBe(0);
  });
});

describe('the membership gate', () => {
  /** A client whose every command is answered by a fake at the end of the stack. */
  const gatedClient = (sent: string[]) => {
    const registry = createClientRegistry({ endpoint: 'http://127.0.0.1:1' });
    const client = registry.forScope(scopeOf(T1));
    client.middlewareStack.add(
      (_next, context) => async () => {
        sent.push(context.commandName ?? '');
        return { output: { $metadata: {} }, response: {} };
      },
      { step: 'build', name: 'answerWithoutNetwork', override: true },
    );
    return client;
  };

  it('lets reads run beside the check and holds writes until it passes', async () => {
    const sent: string[] = [];
    const client = gatedClient(sent);
    let pass: () => void = () => undefined;
    const membership = new Promise<void>((resolve) => {
      pass = resolve;
    });

    await runInRequestScope({ ...scopeOf(T1), membership }, async () => {
      const write = client.send(new PutCommand({ TableName: 't', Item: { pk: 'T#kibougaoka#X', sk: 'X' } }));
      await client.send(new GetCommand({ TableName: 't', Key: { pk: 'T#kibougaoka#X', sk: 'X' } }));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sent).toEqual(['GetItemCommand']);
      pass();
      await write;
    });

    expect(sent).toEqual(['GetItemCommand', 'PutItemCommand']);
  });

  it('never sends a write when the check fails', async () => {
    const sent: string[] = [];
    const client = gatedClient(sent);
    const membership = Promise.reject(new Error('revoked'));
    membership.catch(() => undefined);

    await runInRequestScope({ ...scopeOf(T1), membership }, async () => {
      await expect(
        client.send(new PutCommand({ TableName: 't', Item: { pk: 'T#kibougaoka#X', sk: 'X' } })),
      ).rejects.toThrow('revoked');
    });

    expect(sent).toEqual([]);
  });
});
