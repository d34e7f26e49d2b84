import { describe, expect, it } from 'vitest';
import { checkDecisionForm, emptyDecisionForm } from './decision-form.ts';

const firstDecision = { monitoringPeriodMonths: 6, nextMonitoringDueOn: null } as const;

describe('service decision form', () => {
  it('proposes a one-year period from today, ending the day before the anniversary', () => {
    const values = emptyDecisionForm(firstDecision, '2026-04-01');

    expect([values.validFrom, values.validTo]).toEqual(['2026-04-01', '2027-03-31']);
  });

  it('presets monthly monitoring at the start only for a case without any decision or monitoring', () => {
    expect(emptyDecisionForm(firstDecision, '2026-04-01').intensiveStart).toBe(true);
    expect(
      emptyDecisionForm({ ...firstDecision, nextMonitoringDueOn: '2026-06-30' }, '2026-04-01').intensiveStart,
    ).toBe(false);
  });

  it('sends the period as a number and the services one per line', () => {
    const values = emptyDecisionForm(firstDecision, '2026-04-01');
    values.monitoringPeriodMonths = '3';
    values.services = '生活介護 22日/月\n\n短期入所 7日/月';

    const check = checkDecisionForm(values);

    expect(check.ok && check.input).toMatchObject({
      monitoringPeriodMonths: 3,
      services: ['生活介護 22日/月', '短期入所 7日/月'],
    });
  });

  it('refuses a period that ends before it starts, on the end date', () => {
    const values = emptyDecisionForm(firstDecision, '2026-04-01');
    values.validTo = '2026-03-01';

    const check = checkDecisionForm(values);

    expect(check.ok === false && check.errors.validTo).toBe(
      '支給決定期間の終了日は開始日より後にしてください',
    );
  });
});
