import { describe, expect, it, vi } from 'vitest';
import { ConflictError, NotFoundError, VersionMismatchError } from './errors.ts';
import { retryOnceOnVersionConflict } from './retry-on-version-conflict.ts';

describe('retrying a case change once on a version conflict', () => {
  it('returns the first result without a second attempt', async () => {
    const attempt = vi.fn().mockResolvedValue('done');
    await expect(retryOnceOnVersionConflict(attempt)).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('redoes the work once after another writer changed the case', async () => {
    const attempt = vi.fn().mockRejectedValueOnce(new VersionMismatchError(5)).mockResolvedValueOnce('done');
    await expect(retryOnceOnVersionConflict(attempt)).resolves.toBe('done');
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('gives up after a second conflict with a retryable 409, not a 412', async () => {
    const attempt = vi.fn().mockRejectedValue(new VersionMismatchError(6));
    const error: unknown = await retryOnceOnVersionConflict(attempt).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409 });
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('does not retry other errors', async () => {
    const attempt = vi.fn().mockRejectedValue(new NotFoundError());
    await expect(retryOnceOnVersionConflict(attempt)).rejects.toBeInstanceOf(NotFoundError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('passes on an error of the second attempt that is not a conflict', async () => {
    const attempt = vi
      .fn()
      .mockRejectedValueOnce(new VersionMismatchError(5))
      .mockRejectedValueOnce(new NotFoundError());
    await expect(retryOnceOnVersionConflict(attempt)).rejects.toBeInstanceOf(NotFoundError);
  });
});
