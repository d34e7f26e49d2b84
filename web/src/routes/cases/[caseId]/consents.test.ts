import type { ConsentView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { consentInForce, consentRows } from './consents.ts';

const consent = (purpose: ConsentView['purpose'], status: ConsentView['status']): ConsentView => ({
  purpose,
  status,
  grantedOn: '2026-04-01',
  ...(status === 'revoked' ? { revokedOn: '2026-05-01' } : {}),
  history: [],
  version: 1,
  updatedAt: '2026-05-01T00:00:00.000Z',
});

describe('consent rows', () => {
  it('lists every purpose once, in a fixed order, asked or not', () => {
    const rows = consentRows([consent('council_anonymised', 'granted')]);

    expect(rows.map((row) => row.purpose)).toEqual(['core_supervision', 'council_anonymised']);
    expect(rows.map((row) => row.granted)).toEqual([false, true]);
  });

  it('counts a revoked consent as not in force', () => {
    const [row] = consentRows([consent('core_supervision', 'revoked')]);

    expect(row?.granted).toBe(false);
    expect(row?.consent?.revokedOn).toBe('2026-05-01');
  });
});

describe('consent in force', () => {
  it('holds only for a granted consent of that purpose', () => {
    const consents = [consent('core_supervision', 'granted'), consent('council_anonymised', 'revoked')];

    expect(consentInForce(consents, 'core_supervision')).toBe(true);
    expect(consentInForce(consents, 'council_anonymised')).toBe(false);
    expect(consentInForce([consent('council_anonymised', 'granted')], 'core_supervision')).toBe(false);
  });
});
