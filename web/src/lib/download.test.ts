import { describe, expect, it } from 'vitest';
import { safeFilename } from './download.ts';

describe('download file names', () => {
  it('joins the parts with underscores, spaces included', () => {
    expect(safeFilename('参加記録', '相談支援事業所 あおぞら', '令和8年度')).toBe(
      '参加記録_相談支援事業所_あおぞら_令和8年度',
    );
  });

  it('replaces characters a file system refuses, so an office name cannot make a path', () => {
    expect(safeFilename('参加記録', 'A/B:C*D?"E"<F>|G\\H')).toBe('参加記録_A_B_C_D__E__F__G_H');
  });

  it('leaves out empty parts', () => {
    expect(safeFilename('監査ログ', '', '2026-11-23')).toBe('監査ログ_2026-11-23');
  });
});
