import { describe, expect, it } from 'vitest';
import { participationFilename } from './participation.ts';

describe('participation CSV file name', () => {
  it('names the office and the fiscal year in 令和, as a CSV', () => {
    expect(participationFilename('相談支援事業所あおぞら', 2026)).toBe(
      '参加記録_相談支援事業所あおぞら_令和8年度.csv',
    );
  });

  it('keeps an office name with a slash or spaces from making a path', () => {
    expect(participationFilename('地域移行/定着 センター', 2019)).toBe(
      '参加記録_地域移行_定着_センター_令和元年度.csv',
    );
  });
});
