import * as z from 'zod';
import { describe, expect, it } from 'vitest';

describe('zod in the portal', () => {
  it('is jitless once the portal has configured it, so it never probes `new Function` under the CSP', async () => {
    await import('./zod-config.ts');
    expect(z.config().jitless).toBe(true);
  });
});
