import { describe, expect, it } from 'vitest';
import { DESIGNATED_OFFICE_TYPES, OFFICE_TYPES, OfficeChange, OfficeInput } from './office.ts';

const office = (overrides: Record<string, unknown> = {}) => ({
  type: 'plan_consultation',
  name: '相談支援事業所こだま',
  operator: '社会福祉法人こだま会',
  officeNumber: '1290000045',
  municipalityCode: '990001',
  ...overrides,
});

const issuesOf = (input: unknown) => {
  const parsed = OfficeInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('an office the tenant admin adds', () => {
  it.each(DESIGNATED_OFFICE_TYPES)('a designated office (%s) needs its 事業所番号', (type) => {
    expect(issuesOf(office({ type, officeNumber: undefined }))).toEqual(['officeNumber']);
    expect(issuesOf(office({ type }))).toEqual([]);
  });

  it.each(OFFICE_TYPES.filter((type) => !DESIGNATED_OFFICE_TYPES.includes(type)))(
    'an office without designation (%s) may have no 事業所番号, as the demo core center and division have none',
    (type) => {
      expect(issuesOf(office({ type, officeNumber: undefined }))).toEqual([]);
    },
  );

  it.each(['129000004', '12900000456', '12900-0045'])(
    'a 事業所番号 is exactly ten digits: %s is refused',
    (officeNumber) => {
      expect(issuesOf(office({ officeNumber }))).toEqual(['officeNumber']);
    },
  );

  it('a 事業所番号 typed in full-width digits is read as its ten ASCII digits (ADR 0032)', () => {
    const parsed = OfficeInput.safeParse(office({ officeNumber: '１２９０００００４５' }));
    expect(parsed.success && parsed.data.officeNumber).toBe('1290000045');
  });

  it('names each missing field, and refuses an id chosen by the client (the server makes it)', () => {
    expect(issuesOf({ type: 'core_center' }).sort()).toEqual(['municipalityCode', 'name', 'operator']);
    expect(OfficeInput.safeParse(office({ officeId: 'chosen-by-me' })).success).toBe(false);
  });

  it('an edit changes the name and operator only', () => {
    expect(OfficeChange.safeParse({ name: '新しい名前', operator: '新しい法人' }).success).toBe(true);
    expect(
      OfficeChange.safeParse({ name: '新しい名前', operator: '法人', type: 'core_center' }).success,
    ).toBe(false);
  });
});
