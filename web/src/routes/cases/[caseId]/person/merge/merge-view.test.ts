import type { CaseView, PersonView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { comparisonRows, likelyDuplicateCases } from './merge-view.ts';

const person = (overrides: Partial<PersonView> = {}): PersonView => ({
  personId: 'person-a',
  name: '山田 太郎',
  kana: 'ヤマダ タロウ',
  birthDate: '1990-05-10',
  municipalityCode: '990001',
  disabilityCategories: ['intellectual'],
  supportLevel: '3',
  familySituation: '',
  version: 1,
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
  consents: [],
  caseIds: ['case-a'],
  ...overrides,
});

const caseOf = (personId: string, kana: string, birthDate: string) =>
  ({ visibility: 'full', personId, personKana: kana, birthDate, caseId: `case-${personId}` }) as CaseView;

describe('the merge page', () => {
  it('offers the cases of another record with the same reading and birth date, never the person itself', () => {
    const kept = person();
    const found = likelyDuplicateCases(
      [
        caseOf('person-a', 'ヤマダ タロウ', '1990-05-10'),
        caseOf('person-b', 'ヤマダ　タロウ', '1990-05-10'),
        caseOf('person-c', 'ヤマダ タロウ', '1990-05-11'),
        caseOf('person-d', 'ヤマダ ジロウ', '1990-05-10'),
      ],
      kept,
    );
    expect(found.map((view) => view.personId)).toEqual(['person-b']);
  });

  it('marks the rows that differ between the two records', () => {
    const rows = comparisonRows(
      person(),
      person({ personId: 'person-b', recipientNumber: '1234567890', familySituation: '単身' }),
      (code) => (code === '990001' ? 'きぼうヶ丘市' : code),
    );
    const differing = rows.filter((row) => row.differs).map((row) => row.label);
    expect(differing).toEqual(['受給者証番号', '家族の状況']);
    expect(rows.find((row) => row.label === '市町村')?.kept).toBe('きぼうヶ丘市');
    expect(rows.find((row) => row.label === '受給者証番号')?.kept).toBe('未交付');
  });
});
