import { describe, expect, it } from 'vitest';
import { CursorPager } from './cursor-pager.ts';

describe('CursorPager', () => {
  it('starts on the first page with nothing to go back to', () => {
    const pager = new CursorPager();

    expect(pager.current).toBeUndefined();
    expect(pager.pageNumber).toBe(1);
    expect(pager.hasPrevious).toBe(false);
  });

  it('walks forward with next cursors and back through the same pages', () => {
    const pager = new CursorPager();

    pager.next('cursor-2');
    pager.next('cursor-3');
    expect(pager.current).toBe('cursor-3');
    expect(pager.pageNumber).toBe(3);

    pager.previous();
    expect(pager.current).toBe('cursor-2');
    pager.previous();
    expect(pager.current).toBeUndefined();
    expect(pager.hasPrevious).toBe(false);
    pager.previous();
    expect(pager.pageNumber).toBe(1);
  });

  it('returns to the first page on reset (a new filter)', () => {
    const pager = new CursorPager();
    pager.next('cursor-2');

    pager.reset();

    expect(pager.current).toBeUndefined();
    expect(pager.pageNumber).toBe(1);
  });
});
