import { describe, expect, it } from 'vitest';
import { moveRow, removeRow } from './rows.ts';

describe('rows of a repeated group', () => {
  const rows = ['a', 'b', 'c'];

  it('moves a row up and down by one place', () => {
    expect(moveRow(rows, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(rows, 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('leaves the order unchanged for a move past either end', () => {
    expect(moveRow(rows, 0, -1)).toEqual(rows);
    expect(moveRow(rows, 2, 1)).toEqual(rows);
  });

  it('returns a new array and leaves the original alone', () => {
    const moved = moveRow(rows, 1, 1);

    expect(moved).not.toBe(rows);
    expect(rows).toEqual(['a', 'b', 'c']);
  });

  it('removes exactly the row asked for', () => {
    expect(removeRow(rows, 1)).toEqual(['a', 'c']);
  });
});
