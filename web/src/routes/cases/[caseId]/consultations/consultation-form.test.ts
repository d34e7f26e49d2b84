import { describe, expect, it } from 'vitest';
import { checkConsultationForm, emptyConsultationForm } from './consultation-form.ts';

describe('consultation form', () => {
  it('sends the minutes as a number', () => {
    const values = {
      ...emptyConsultationForm('2026-05-10'),
      channel: 'phone',
      counterpart: 'family',
      summary: '通所の相談',
      minutes: '30',
    } as const;

    const check = checkConsultationForm(values);

    expect(check.ok && check.input).toEqual({
      consultedOn: '2026-05-10',
      channel: 'phone',
      counterpart: 'family',
      summary: '通所の相談',
      minutes: 30,
    });
  });

  it('asks for the channel, the counterpart, the summary and the minutes', () => {
    const check = checkConsultationForm(emptyConsultationForm('2026-05-10'));

    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual([
      'channel',
      'counterpart',
      'minutes',
      'summary',
    ]);
  });

  it('refuses minutes that are not a whole number of minutes', () => {
    const check = checkConsultationForm({
      ...emptyConsultationForm('2026-05-10'),
      channel: 'visit',
      counterpart: 'person',
      summary: '近況',
      minutes: '1.5',
    });

    expect(check.ok === false && Object.keys(check.errors)).toEqual(['minutes']);
  });
});
