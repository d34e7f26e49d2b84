import { createHash } from 'node:crypto';

/**
 * JSON with the keys of every object sorted and undefined members left out, as JSON.stringify
 * leaves them out: the same figures give the same text whatever order they were built in.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * A confirmation stores this hash of the figures it confirmed, not the figures: comparing it with
 * the hash of the figures as they stand now tells whether anything changed since.
 */
export const fingerprintOf = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');
