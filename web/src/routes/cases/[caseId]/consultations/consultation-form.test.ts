import { describe, expect, it } from 'vitest';
import {
  checkConsultationForm,
  emptyConsultationForm,
  type ConsultationFormValues,
} from './consultation-form.ts';

describe('consultation form', () => {
  it('sends the minutes as a number', () => {
    const values: ConsultationFormValues = {
      ...emptyConsultationForm('2026-05-10'),
      channel: 'phone',
      counterpart: 'family',
      supportCategories: ['employment', 'welfare_services'],
      summary: '通所の相談',
      minutes: '30',
    };

    const check = checkConsultationForm(values);

    expect(check.ok && check.input).toEqual({
      consultedOn: '2026-05-10',
      channel: 'phone',
      counterpart: 'family',
      supportCategories: ['welfare_services', 'employment'],
      summary: '通所の相談',
      minutes: 30,
    });
  });

  it('asks for the channel, the counterpart, the 支援内容, the summary and the minutes', () => {
    const check = checkConsultationForm(emptyConsultationForm('2026-05-10'));

    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual([
      'channel',
      'counterpart',
      'minutes',
      'summary',
      'supportCategories',
    ]);
    expect(check.ok === false && check.errors.supportCategories).toBe('支援内容を1つ以上選んでください');
  });

  it('refuses minutes that are not a whole number of minutes', () => {
    const check = checkConsultationForm({
      ...emptyConsultationForm('2026-05-10'),
      channel: 'visit',
      counterpart: 'person',
      supportCategories: ['other'],
      summary: '近況',
      minutes: '1.5',
    });

    expect(check.ok === false && Object.keys(check.errors)).toEqual(['minutes']);
  });
});
