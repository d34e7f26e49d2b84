import { describe, expect, it } from 'vitest';
import { PreconditionRequiredError, VersionMismatchError } from './errors.ts';
import { requireVersion } from './version.ts';

describe('the version an update is based on', () => {
  it('is required (428)', () => {
    expect(() => requireVersion(null, 3)).toThrow(PreconditionRequiredError);
  });

  it('must be the current one; a stale one is a 412 carrying the current version', () => {
    expect(requireVersion(3, 3)).toBe(3);
    try {
      requireVersion(2, 3);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VersionMismatchError);
      expect(error instanceof VersionMismatchError && error.headers.etag).toBe('"3"');
    }
  });
});
