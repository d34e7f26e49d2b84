import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  derivedEventWrites,
  ledgerEventChange,
  ledgerEventItems,
  type LedgerEventRecord,
} from './ledger-store.ts';
import type { WriteContext } from './transaction.ts';

const event = (overrides: Partial<LedgerEventRecord> = {}): LedgerEventRecord => ({
  eventId: 'event_0001',
  kind: 'advice_visit',
  heldOn: '2026-03-31',
  title: '計画作成の助言',
  officeIds: ['himawari', 'aozora'],
  organisations: [],
  unnamedOrganisationCount: 0,
  participantCount: 4,
  municipalityCode: '990001',
  caseIds: ['case_0001', 'case_0002'],
  notes: '',
  version: 1,
  createdAt: '2026-03-31T01:00:00.000Z',
  createdBy: 'user-takahashi',
  updatedAt: '2026-03-31T01:00:00.000Z',
  updatedBy: 'user-takahashi',
  ...overrides,
});

describe('ledger event items', () => {
  it('keys the event by id and files its copies under the fiscal year of its date', () => {
    const { event: stored, copies } = ledgerEventItems('kibougaoka', event());

    expect(stored).toMatchObject({
      pk: 'T#kibougaoka#LEDGER#EVENT#event_0001',
      sk: 'EVENT',
      fiscalYear: 2025,
    });
    expect(copies.map(({ pk, sk }) => ({ pk, sk }))).toEqual([
      { pk: 'T#kibougaoka#LEDGER#FY2025', sk: '2026-03-31#event_0001' },
      { pk: 'T#kibougaoka#OFFICE#himawari#PARTICIPATION#FY2025', sk: '2026-03-31#event_0001' },
      { pk: 'T#kibougaoka#OFFICE#aozora#PARTICIPATION#FY2025', sk: '2026-03-31#event_0001' },
    ]);
  });

  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2027-03-31', 2026],
    ['2024-02-29', 2023],
  ])('files an event held on %s under FY%i', (heldOn, fiscalYear) => {
    const { copies } = ledgerEventItems('kibougaoka', event({ heldOn }));

    expect(copies[0]?.pk).toBe(`T#kibougaoka#LEDGER#FY${fiscalYear}`);
    expect(copies.every((copy) => copy.fiscalYear === fiscalYear)).toBe(true);
  });

  it('gives the copies the number of linked cases, never their ids', () => {
    const { event: stored, copies } = ledgerEventItems('kibougaoka', event());

    expect(stored.caseIds).toEqual(['case_0001', 'case_0002']);
    for (const copy of copies) {
      expect(copy).not.toHaveProperty('caseIds');
      expect(JSON.stringify(copy)).not.toContain('case_0001');
      expect(copy.linkedCaseCount).toBe(2);
    }
  });

  it('writes no participation copy for an event no office took part in', () => {
    const { copies } = ledgerEventItems('kibougaoka', event({ kind: 'training', officeIds: [] }));

    expect(copies).toHaveLength(1);
  });
});

describe('ledger event corrections', () => {
  const keysOf = (items: { pk: string; sk: string }[]) => items.map(({ pk, sk }) => `${pk} ${sk}`).sort();

  it('moves every copy to the next fiscal year when 31 March becomes 1 April', () => {
    const change = ledgerEventChange('kibougaoka', event(), event({ heldOn: '2026-04-01', version: 2 }));

    expect(keysOf(change.put)).toEqual([
      'T#kibougaoka#LEDGER#FY2026 2026-04-01#event_0001',
      'T#kibougaoka#OFFICE#aozora#PARTICIPATION#FY2026 2026-04-01#event_0001',
      'T#kibougaoka#OFFICE#himawari#PARTICIPATION#FY2026 2026-04-01#event_0001',
    ]);
    expect(keysOf(change.remove)).toEqual([
      'T#kibougaoka#LEDGER#FY2025 2026-03-31#event_0001',
      'T#kibougaoka#OFFICE#aozora#PARTICIPATION#FY2025 2026-03-31#event_0001',
      'T#kibougaoka#OFFICE#himawari#PARTICIPATION#FY2025 2026-03-31#event_0001',
    ]);
    expect(change.event).toMatchObject({ pk: 'T#kibougaoka#LEDGER#EVENT#event_0001', fiscalYear: 2026 });
  });

  it('only overwrites the copies whose key stays, and removes those of an office no longer taking part', () => {
    const change = ledgerEventChange(
      'kibougaoka',
      event(),
      event({ officeIds: ['himawari', 'midori'], title: '訂正後', version: 2 }),
    );

    expect(keysOf(change.put)).toEqual([
      'T#kibougaoka#LEDGER#FY2025 2026-03-31#event_0001',
      'T#kibougaoka#OFFICE#himawari#PARTICIPATION#FY2025 2026-03-31#event_0001',
      'T#kibougaoka#OFFICE#midori#PARTICIPATION#FY2025 2026-03-31#event_0001',
    ]);
    expect(keysOf(change.remove)).toEqual([
      'T#kibougaoka#OFFICE#aozora#PARTICIPATION#FY2025 2026-03-31#event_0001',
    ]);
    expect(change.put.every((copy) => copy.title === '訂正後')).toBe(true);
  });

  it('never removes and puts the same key in one transaction', () => {
    const change = ledgerEventChange('kibougaoka', event(), event({ notes: '追記', version: 2 }));

    expect(change.remove).toEqual([]);
    expect(change.put).toHaveLength(3);
  });
});

describe('the writes that make a derived event follow its record', () => {
  beforeAll(() => {
    vi.stubEnv('AUTH_MODE', 'local');
    vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
    vi.stubEnv('LOCAL_CLIENT_ID', 'x');
    vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
    vi.stubEnv('TABLE_NAME', 'test-table');
  });
  const write: WriteContext = {
    ctx: {
      tenantId: 'kibougaoka',
      officeId: 'kibou-core',
      userId: 'user-takahashi',
      role: 'core_supervisor',
    },
    requestId: 'req-1',
    now: new Date('2026-04-02T00:00:00.000Z'),
  };
  const derived = event({ source: { kind: 'supervision', id: 'event_0001' } });
  const keysOf = (items: ReturnType<typeof derivedEventWrites>['items']) =>
    items.map((item) => ({
      op: item.Put ? 'put' : 'delete',
      sk: String((item.Put?.Item ?? item.Delete?.Key)?.sk),
      pk: String((item.Put?.Item ?? item.Delete?.Key)?.pk),
    }));

  it('creates the event and its copies only if absent, audited as a ledger event', () => {
    const { items, audits } = derivedEventWrites(write, null, derived);

    expect(items).toHaveLength(4);
    expect(items.every((item) => item.Put?.ConditionExpression === 'attribute_not_exists(pk)')).toBe(true);
    expect(audits).toEqual([expect.objectContaining({ action: 'create', recordType: 'ledger_event' })]);
  });

  it('removes the event, at the version read, and every copy when its record no longer produces one', () => {
    const { items, audits } = derivedEventWrites(write, derived, null);

    expect(keysOf(items)).toEqual([
      { op: 'delete', pk: 'T#kibougaoka#LEDGER#EVENT#event_0001', sk: 'EVENT' },
      { op: 'delete', pk: 'T#kibougaoka#LEDGER#FY2025', sk: '2026-03-31#event_0001' },
      { op: 'delete', pk: 'T#kibougaoka#OFFICE#himawari#PARTICIPATION#FY2025', sk: '2026-03-31#event_0001' },
      { op: 'delete', pk: 'T#kibougaoka#OFFICE#aozora#PARTICIPATION#FY2025', sk: '2026-03-31#event_0001' },
    ]);
    expect(items[0]?.Delete?.ExpressionAttributeValues).toEqual({ ':expected': 1 });
    expect(audits).toEqual([expect.objectContaining({ action: 'delete' })]);
  });

  it('moves the copies to the new year and drops the office no longer advised', () => {
    const after = { ...derived, heldOn: '2026-04-01', officeIds: ['himawari'], version: 2 };

    const { items } = derivedEventWrites(write, derived, after);

    expect(keysOf(items).filter((item) => item.op === 'delete')).toEqual([
      { op: 'delete', pk: 'T#kibougaoka#LEDGER#FY2025', sk: '2026-03-31#event_0001' },
      { op: 'delete', pk: 'T#kibougaoka#OFFICE#himawari#PARTICIPATION#FY2025', sk: '2026-03-31#event_0001' },
      { op: 'delete', pk: 'T#kibougaoka#OFFICE#aozora#PARTICIPATION#FY2025', sk: '2026-03-31#event_0001' },
    ]);
    expect(
      keysOf(items)
        .filter((item) => item.op === 'put')
        .map((item) => item.pk),
    ).toEqual([
      'T#kibougaoka#LEDGER#EVENT#event_0001',
      'T#kibougaoka#LEDGER#FY2026',
      'T#kibougaoka#OFFICE#himawari#PARTICIPATION#FY2026',
    ]);
  });
});
