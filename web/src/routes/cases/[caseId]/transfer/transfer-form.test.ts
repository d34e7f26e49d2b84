import type { Office } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { checkTransferForm, emptyTransferForm, transferTargets } from './transfer-form.ts';

const office = (officeId: string, name: string, type: Office['type'], officeNumber?: string): Office => ({
  officeId,
  name,
  type,
  operator: '法人',
  municipalityCode: '990001',
  ...(officeNumber ? { officeNumber } : {}),
});

describe('transfer to an adult plan', () => {
  it('offers adult-plan offices only, designated ones first', () => {
    const targets = transferTargets([
      office('himawari', '障害児相談支援事業所ひまわり', 'child_plan_consultation', '1290000011'),
      office('kibou-core', '基幹相談支援センター', 'core_center'),
      office('aozora', '相談支援事業所あおぞら', 'plan_consultation', '1290000029'),
      office('kibou-city', '障害福祉課', 'municipal_division'),
    ]);

    expect(targets.map((target) => target.officeId)).toEqual(['aozora', 'kibou-core']);
  });

  it('proposes today as the transfer day', () => {
    expect(emptyTransferForm('2026-05-01').transferOn).toBe('2026-05-01');
  });

  it('asks for the receiving office and sends the period as a number', () => {
    const values = emptyTransferForm('2026-05-01');

    const missing = checkTransferForm(values);
    values.targetOfficeId = 'aozora';
    const complete = checkTransferForm(values);

    expect(missing.ok === false && Object.keys(missing.errors)).toEqual(['targetOfficeId']);
    expect(complete.ok && complete.input).toMatchObject({
      targetOfficeId: 'aozora',
      monitoringPeriodMonths: 6,
    });
  });
});
