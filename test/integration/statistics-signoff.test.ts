import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fiscalYearOf, keys, todayInJapan, type FiscalYearFigures, type Role } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSignOff } from '../../services/local/demo-signoff.ts';
import { writeItems } from '../../services/local/seed.ts';
import { localClient } from '../../services/local/table.ts';
import { userItem } from '../../services/src/data/directory-store.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/test-api.ts';

/**
 * The sign-off of a year's figures through the API: each office confirms its own, the core center
 * the tenant's, the municipality approves and the figures freeze as a version that later writes and
 * corrections never touch. FY2024 and FY2027 carry no demo sign-off state, so every step here starts
 * from nothing.
 */

let api: TestApi;
const YEAR = 2024;
const TANAKA = 'tanaka@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const ITO = 'ito@kibou.example';

/** The demo has a manager for あおぞら only; the other offices get one each for these tests. */
const MANAGERS = [
  { userId: 'user-test-himawari', officeId: 'himawari', displayName: '試験 ひまわり所長' },
  { userId: 'user-test-midori', officeId: 'midori', displayName: '試験 みどり所長' },
].map((manager) => ({
  ...manager,
  tenantId: 'kibougaoka',
  email: `${manager.userId}@kibou.example`,
  role: 'office_manager' as Role,
  senior: false,
}));
const tokens = new Map<string, string>();

beforeAll(async () => {
  api = await startTestApi();
  const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  await writeItems(documents, api.tableName, MANAGERS.map(userItem));
  for (const manager of MANAGERS) tokens.set(manager.officeId, await api.stack.issuer.mint(manager));
});
afterAll(async () => {
  await api.stop();
});

const managerOf = (officeId: string) =>
  officeId === 'aozora' ? { as: TANAKA } : { token: tokens.get(officeId) ?? '' };
const signOffPath = (year: number, step = '') => `/api/statistics/signoff/${year}${step}`;
const step = (who: { as?: string; token?: string }, path: string, body?: unknown): Promise<ApiResponse> =>
  api.call('POST', path, { ...who, ...(body === undefined ? {} : { body }) });
const confirmOffice = (officeId: string, year = YEAR) =>
  step(managerOf(officeId), signOffPath(year, '/office-confirmation'));
const signOff = async (as = ITO, year = YEAR) => {
  const response = await api.call('GET', signOffPath(year), { as });
  expect(response.status).toBe(200);
  return response.json;
};
const liveFigures = async (): Promise<FiscalYearFigures> => {
  const response = await api.call('GET', `/api/statistics/figures?fiscalYear=${YEAR}`, { as: ITO });
  expect(response.status).toBe(200);
  return response.json.figures;
};
const versionFigures = async (version: number) => {
  const response = await api.call('GET', `/api/statistics/figures?fiscalYear=${YEAR}&version=${version}`, {
    as: ITO,
  });
  expect(response.status).toBe(200);
  expect(response.json).toMatchObject({ source: 'approved', version });
  return response.json.figures as FiscalYearFigures;
};
const withoutTime = ({ computedAt: _computedAt, ...figures }: FiscalYearFigures) => figures;
/** A new case changes its office's caseload per specialist, a figure of every year. */
/**
 * A write that changes an office's FY2024 figures: the core center records an advice visit to it
 * in that year. (A case opened today would not: a past year's figures come from that year's
 * records, and the one figure that exists only as of today, the load per specialist, is left out
 * of a past year.)
 */
const visitIn2024 = async (officeId: string) => {
  const response = await api.call('POST', '/api/ledger/events', {
    as: TAKAHASHI,
    body: {
      kind: 'advice_visit',
      heldOn: '2024-11-12',
      title: '訪問による助言（記録の追加）',
      officeIds: [officeId],
      organisations: [],
      unnamedOrganisationCount: 0,
      participantCount: 2,
      caseIds: [],
    },
  });
  expect(response.status).toBe(201);
};
const signOffItem = async () =>
  (await api.queryPartition(keys.signOff('kibougaoka', YEAR).pk)).find(
    (item) => item.sk === keys.signOff('kibougaoka', YEAR).sk,
  );

describe('sign-off of a fiscal year', () => {
  let approvedV1: FiscalYearFigures;

  it("shows an office manager their own office's row only, and the municipality every office", async () => {
    expect((await signOff(TANAKA)).offices.map((row: { officeId: string }) => row.officeId)).toEqual([
      'aozora',
    ]);
    expect((await signOff(ITO)).offices.map((row: { officeId: string }) => row.officeId).sort()).toEqual([
      'aozora',
      'himawari',
      'midori',
    ]);
  });

  it('refuses the core confirmation while an office has not confirmed, naming it, and writes nothing', async () => {
    expect((await confirmOffice('aozora')).status).toBe(200);
    expect((await confirmOffice('himawari')).status).toBe(200);
    const before = await signOffItem();

    const response = await step({ as: TAKAHASHI }, signOffPath(YEAR, '/core-confirmation'));

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain('地域移行支援センターみどりの確認が済んでいません');
    expect(response.json.error.message).not.toContain('あおぞら');
    expect(await signOffItem()).toEqual(before);
  });

  it("refuses the core confirmation when an office's figures changed after it confirmed", async () => {
    expect((await confirmOffice('midori')).status).toBe(200);
    await visitIn2024('himawari');

    const response = await step({ as: TAKAHASHI }, signOffPath(YEAR, '/core-confirmation'));

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain('障害児相談支援事業所ひまわりの確認後に数値が変わりました');
    const himawari = (await signOff()).offices.find(
      (row: { officeId: string }) => row.officeId === 'himawari',
    );
    expect(himawari.changedSinceConfirmation).toBe(true);
  });

  it('approves the figures the offices and the core center confirmed and freezes them as version 1', async () => {
    expect((await confirmOffice('himawari')).status).toBe(200);
    const core = await step({ as: TAKAHASHI }, signOffPath(YEAR, '/core-confirmation'));
    expect(core.status).toBe(200);
    expect(core.json).toMatchObject({ status: 'core_confirmed', core: { byName: '高橋 誠' } });
    const atApproval = await liveFigures();

    const approval = await step({ as: ITO }, signOffPath(YEAR, '/approval'));

    expect(approval.status).toBe(200);
    expect(approval.json).toMatchObject({
      status: 'approved',
      currentVersion: 1,
      approvedVersions: [{ version: 1, approvedByName: '伊藤 直子', correctionReason: null }],
    });
    approvedV1 = await versionFigures(1);
    expect(withoutTime(approvedV1)).toEqual(withoutTime(atApproval));
  });

  it('leaves version 1 as approved when a later write changes the live figures', async () => {
    const before = withoutTime(await liveFigures());
    await visitIn2024('aozora');

    expect(withoutTime(await liveFigures())).not.toEqual(before);
    expect(await versionFigures(1)).toEqual(approvedV1);
    expect((await step({ as: ITO }, signOffPath(YEAR, '/approval'))).status).toBe(409);
  });

  it('opens version 2 for a correction and, once approved, lists both with version 1 unchanged', async () => {
    const snapshotsBefore = await api.queryPartition(keys.figuresSnapshot('kibougaoka', YEAR).pk);

    const correction = await step({ as: ITO }, signOffPath(YEAR, '/corrections'), {
      reason: 'あおぞらの新規利用者の計上漏れ',
    });

    expect(correction.status).toBe(200);
    expect(correction.json).toMatchObject({
      currentVersion: 2,
      status: 'open',
      core: null,
      correctionReason: 'あおぞらの新規利用者の計上漏れ',
    });
    expect(correction.json.offices.every((row: { confirmation: unknown }) => row.confirmation === null)).toBe(
      true,
    );

    for (const officeId of ['aozora', 'himawari', 'midori'])
      expect((await confirmOffice(officeId)).status).toBe(200);
    expect((await step({ as: TAKAHASHI }, signOffPath(YEAR, '/core-confirmation'))).status).toBe(200);
    const atApproval = await liveFigures();
    const approval = await step({ as: ITO }, signOffPath(YEAR, '/approval'));

    expect(approval.status).toBe(200);
    expect(
      approval.json.approvedVersions.map((entry: { version: number; correctionReason: string | null }) => [
        entry.version,
        entry.correctionReason,
      ]),
    ).toEqual([
      [1, null],
      [2, 'あおぞらの新規利用者の計上漏れ'],
    ]);
    expect(await versionFigures(1)).toEqual(approvedV1);
    expect(withoutTime(await versionFigures(2))).toEqual(withoutTime(atApproval));
    expect(withoutTime(atApproval)).not.toEqual(withoutTime(approvedV1));
    const snapshotsAfter = await api.queryPartition(keys.figuresSnapshot('kibougaoka', YEAR).pk);
    expect(snapshotsAfter.filter((item) => item.sk === 'V0001')).toEqual(
      snapshotsBefore.filter((item) => item.sk === 'V0001'),
    );
    expect(snapshotsAfter.map((item) => item.sk).sort()).toEqual(['V0001', 'V0002']);
  });

  it('refuses a correction before anything was approved', async () => {
    const response = await step({ as: ITO }, signOffPath(2027, '/corrections'), { reason: '訂正' });
    expect(response.status).toBe(409);
    expect(response.json.error.message).toBe('承認された版がないため、訂正を始められません');
  });
});

describe('concurrent confirmations', () => {
  it('keeps every office confirmation when the offices confirm at the same moment', async () => {
    const YEAR_AT_ONCE = 2027;
    /** What a client does on 409: send again. */
    const confirmUntilSettled = async (officeId: string) => {
      let response: ApiResponse;
      let attempts = 0;
      do {
        response = await confirmOffice(officeId, YEAR_AT_ONCE);
        attempts += 1;
      } while (response.status === 409 && attempts < 10);
      return response.status;
    };

    const statuses = await Promise.all(['aozora', 'himawari', 'midori'].map(confirmUntilSettled));

    expect(statuses).toEqual([200, 200, 200]);
    const view = await signOff(ITO, YEAR_AT_ONCE);
    expect(view.offices.filter((row: { confirmation: unknown }) => row.confirmation !== null)).toHaveLength(
      3,
    );
    expect(view.version).toBe(3);
  });
});

describe('demo sign-off state', () => {
  it('approves last year as version 1 and has one office confirm this year, matching the seeded figures', async () => {
    const now = new Date();
    const thisYear = fiscalYearOf(todayInJapan(now));
    // The stack wrote it on its first start (stack.ts); written again here from the figures as they now are.
    expect((await signOff(ITO, thisYear - 1)).status).toBe('approved');
    expect(await seedDemoSignOff(now)).toBe(3);

    const last = await signOff(ITO, thisYear - 1);
    expect(last).toMatchObject({
      status: 'approved',
      currentVersion: 1,
      coreChangedSinceConfirmation: false,
    });
    expect(last.approvedVersions.map((entry: { version: number }) => entry.version)).toEqual([1]);
    expect(
      last.offices.some((row: { changedSinceConfirmation: boolean }) => row.changedSinceConfirmation),
    ).toBe(false);
    const frozen = await api.call('GET', `/api/statistics/figures?fiscalYear=${thisYear - 1}&version=1`, {
      as: ITO,
    });
    expect(frozen.status).toBe(200);

    const current = await signOff(ITO, thisYear);
    expect(current.status).toBe('open');
    expect(
      current.offices
        .filter((row: { confirmation: unknown }) => row.confirmation !== null)
        .map((row: { officeId: string; changedSinceConfirmation: boolean }) => [
          row.officeId,
          row.changedSinceConfirmation,
        ]),
    ).toEqual([['himawari', false]]);
  });
});
