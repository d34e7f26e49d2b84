import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprintOf } from './fingerprint.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('leaves out undefined members as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});

describe('fingerprintOf', () => {
  it('gives the same hash for the same figures built in another key order', () => {
    const first = { indicatorId: 'x', total: { value: 3, months: [1, 2, null] } };
    const second = { total: { months: [1, 2, null], value: 3 }, indicatorId: 'x' };
    expect(fingerprintOf(first)).toBe(fingerprintOf(second));
  });

  it('changes when one value changes', () => {
    const before = { total: { value: 3, months: [1, 2, null] } };
    const after = { total: { value: 3, months: [1, 2, 0] } };
    expect(fingerprintOf(before)).not.toBe(fingerprintOf(after));
  });

  it('is a sha256 in hex', () => {
    expect(fingerprintOf([])).toMatch(/^[0-9a-f]{64}$/);
  });
});
