import { describe, expect, it } from 'vitest';
import { checkAnonymousForm, emptyAnonymousForm, shiftMonth } from './anonymous-form.ts';

describe('anonymous basic consultation form', () => {
  it('sends only the counted fields, with the minutes as a number', () => {
    const values = {
      ...emptyAnonymousForm('2026-05-10'),
      channel: 'phone',
      counterpart: 'family',
      topic: 'housing',
      minutes: '15',
    } as const;

    const check = checkAnonymousForm(values);

    expect(check.ok && check.input).toEqual({
      consultedOn: '2026-05-10',
      channel: 'phone',
      counterpart: 'family',
      topic: 'housing',
      minutes: 15,
    });
  });

  it('asks for every choice that was left open', () => {
    const check = checkAnonymousForm(emptyAnonymousForm('2026-05-10'));

    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual([
      'channel',
      'counterpart',
      'minutes',
      'topic',
    ]);
  });
});

describe('month switcher', () => {
  it('moves across a year boundary', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });
});
