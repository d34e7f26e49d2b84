import { describe, expect, it } from 'vitest';
import { requestOnce, runInRequestScope } from './request-scope.ts';

describe('requestOnce', () => {
  it('loads once per request and key, again in the next request, and every time outside one', async () => {
    let loads = 0;
    const load = () => requestOnce('plan-periods:t1', async () => ++loads);
    const scope = () => ({ requestId: 'r', ctx: null });
    expect(await runInRequestScope(scope(), async () => [await load(), await load()])).toEqual([1, 1]);
    expect(await runInRequestScope(scope(), load)).toBe(2);
    expect(await runInRequestScope(scope(), () => requestOnce('plan-periods:t2', async () => ++loads))).toBe(
      3,
    );
    expect([await load(), await load()]).toEqual([4, 5]);
  });
});
