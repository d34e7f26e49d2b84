import { describe, expect, it } from 'vitest';
import type { LedgerEventRecord } from '../data/ledger-store.ts';
import { toLedgerEventView } from './ledger-access.ts';

const EVENT: LedgerEventRecord = {
  eventId: 'event_0001',
  kind: 'case_review',
  heldOn: '2026-04-01',
  title: '事例検討会',
  officeIds: ['himawari'],
  organisations: ['こども発達ルームそら'],
  unnamedOrganisationCount: 1,
  participantCount: 9,
  municipalityCode: '990001',
  caseIds: ['demo-kibougaoka-case-001', 'demo-kibougaoka-case-002'],
  notes: '',
  version: 3,
  createdAt: '2026-04-01T01:00:00.000Z',
  createdBy: 'user-takahashi',
  updatedAt: '2026-04-02T01:00:00.000Z',
  updatedBy: 'user-takahashi',
};

describe('the event view', () => {
  it('counts the linked cases and never carries their ids', () => {
    const view = toLedgerEventView(EVENT);

    expect(view).toMatchObject({ linkedCaseCount: 2, organisationCount: 2, fiscalYear: 2026 });
    expect(JSON.stringify(view)).not.toContain('demo-kibougaoka-case');
  });
});
