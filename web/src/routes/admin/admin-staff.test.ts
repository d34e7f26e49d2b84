import type { OfficeView, StaffMember } from '@kikan/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '#lib/api.ts';
import { everyone, loadStaffByOffice } from './admin-staff.ts';

const office = (officeId: string, name: string): OfficeView => ({
  officeId,
  name,
  type: 'plan_consultation',
  operator: '法人',
  municipalityCode: '990001',
  version: 0,
});

const member = (userId: string, officeId: string): StaffMember => ({
  userId,
  displayName: userId,
  role: 'specialist',
  officeId,
  senior: false,
  confirmsFigures: false,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('staff of every office', () => {
  it('asks for each office’s staff by officeId and keeps the offices’ order', async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'https://portal.example.jp');
      if (url.pathname === '/api/offices')
        return json(200, { items: [office('midori', 'みどり'), office('aozora', 'あおぞら')] });
      const officeId = url.searchParams.get('officeId') ?? '';
      return json(200, { items: [member(`user-${officeId}`, officeId)] });
    });
    const api = new ApiClient({ token: () => 't', onUnauthorized: vi.fn(), fetch: fetchMock });

    const groups = await loadStaffByOffice(api);

    expect(groups.map((group) => [group.office.officeId, group.staff.map((s) => s.userId)])).toEqual([
      ['midori', ['user-midori']],
      ['aozora', ['user-aozora']],
    ]);
    expect(fetchMock.mock.calls.map(([input]) => String(input)).sort()).toEqual([
      '/api/offices',
      '/api/users?officeId=aozora',
      '/api/users?officeId=midori',
    ]);
    expect(everyone(groups).map((s) => s.userId)).toEqual(['user-midori', 'user-aozora']);
  });

  it('fails as a whole when one office’s list is refused', async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) =>
      String(input) === '/api/offices'
        ? json(200, { items: [office('midori', 'みどり')] })
        : json(403, { error: { code: 'forbidden', message: '権限がありません', requestId: 'r' } }),
    );
    const api = new ApiClient({ token: () => 't', onUnauthorized: vi.fn(), fetch: fetchMock });

    await expect(loadStaffByOffice(api)).rejects.toMatchObject({ status: 403 });
  });
});
