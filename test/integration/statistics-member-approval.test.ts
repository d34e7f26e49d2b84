import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys, type Office, type Role } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeItems } from '../../services/local/seed.ts';
import { localClient } from '../../services/local/table.ts';
import { officeItem, userItem } from '../../services/src/data/directory-store.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/test-api.ts';

/**
 * A joint tenant's approval through the API: after the core center confirmed, each member
 * municipality approves its own figures, and the version is approved and frozen with the last one.
 * 北信 (北信市 990011, 川辺町 990012) has no municipal division or officer in the demo, and no
 * sign-off state for FY2024: this file gives each member a division with an officer, and
 * さくら a manager to confirm its figures.
 */

let api: TestApi;
const YEAR = 2024;
const NAKAMURA = 'nakamura@hokushin.example';

const DIVISIONS: Office[] = [
  { officeId: 'hokushin-city', name: '北信市障害福祉課', municipalityCode: '990011' },
  { officeId: 'kawabe-town', name: '川辺町福祉課', municipalityCode: '990012' },
].map((office) => ({ ...office, type: 'municipal_division', operator: office.name }));

const user = (userId: string, officeId: string, displayName: string, role: Role) => ({
  userId,
  officeId,
  displayName,
  role,
  tenantId: 'hokushin',
  email: `${userId}@hokushin.example`,
  senior: false,
});
const USERS = {
  hokushinCity: user('user-test-hokushin-city', 'hokushin-city', '試験 北信市担当', 'municipal_officer'),
  kawabeTown: user('user-test-kawabe-town', 'kawabe-town', '試験 川辺町担当', 'municipal_officer'),
  /** A municipal officer at the core center's office: no member's division, so no member to approve for. */
  atCore: user('user-test-hokushin-core-officer', 'hokushin-core', '試験 基幹所属担当', 'municipal_officer'),
  sakuraManager: user('user-test-sakura-manager', 'hokushin-sakura', '試験 さくら所長', 'office_manager'),
};
const tokens = new Map<string, string>();

beforeAll(async () => {
  api = await startTestApi();
  const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  await writeItems(documents, api.tableName, [
    ...DIVISIONS.map((office) => officeItem('hokushin', office)),
    ...Object.values(USERS).map(userItem),
  ]);
  for (const [name, each] of Object.entries(USERS)) tokens.set(name, await api.stack.issuer.mint(each));
});
afterAll(async () => {
  await api.stop();
});

const tokenOf = (name: keyof typeof USERS) => ({ token: tokens.get(name) ?? '' });
const signOffPath = (step = '') => `/api/statistics/signoff/${YEAR}${step}`;
const post = (who: { as?: string; token?: string }, step: string): Promise<ApiResponse> =>
  api.call('POST', signOffPath(step), who);
const approveAs = (name: keyof typeof USERS) => post(tokenOf(name), '/approval');
const memberRows = (view: { memberApprovals?: { name: string; approval: { byName: string } | null }[] }) =>
  view.memberApprovals?.map((row) => [row.name, row.approval?.byName ?? null]);
const snapshotExists = async () =>
  (await api.queryPartition(keys.figuresSnapshot('hokushin', YEAR, 1).pk)).some(
    (item) => item.sk === keys.figuresSnapshot('hokushin', YEAR, 1).sk,
  );

describe("a joint tenant's approval, one per member municipality", () => {
  it("lists every member as not yet approved, marking the caller's own municipality", async () => {
    const response = await api.call('GET', signOffPath(), tokenOf('kawabeTown'));
    expect(response.status).toBe(200);
    expect(memberRows(response.json)).toEqual([
      ['北信市', null],
      ['川辺町', null],
    ]);
    expect(response.json.memberApprovals.map((row: { callersOwn: boolean }) => row.callersOwn)).toEqual([
      false,
      true,
    ]);
  });

  it("refuses a municipal officer whose office is not a member's division, with 403", async () => {
    const response = await approveAs('atCore');
    expect(response.status).toBe(403);
    expect(response.json.error.message).toContain('構成市町村の障害福祉担当課');
  });

  it("keeps the year core-confirmed after the first member's approval, without a snapshot", async () => {
    expect((await post(tokenOf('sakuraManager'), '/office-confirmation')).status).toBe(200);
    expect((await post({ as: NAKAMURA }, '/core-confirmation')).status).toBe(200);

    const response = await approveAs('hokushinCity');
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('core_confirmed');
    expect(response.json.approvedVersions).toEqual([]);
    expect(memberRows(response.json)).toEqual([
      ['北信市', '試験 北信市担当'],
      ['川辺町', null],
    ]);
    expect(await snapshotExists()).toBe(false);
  });

  it('refuses a second approval by the same member with 409', async () => {
    const response = await approveAs('hokushinCity');
    expect(response.status).toBe(409);
    expect(response.json.error.message).toBe('北信市は第1版を承認済みです');
  });

  it("approves and freezes the version with the last member's approval", async () => {
    const response = await approveAs('kawabeTown');
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('approved');
    expect(response.json.approvedVersions).toMatchObject([{ version: 1, approvedByName: '試験 川辺町担当' }]);
    expect(memberRows(response.json)).toEqual([
      ['北信市', '試験 北信市担当'],
      ['川辺町', '試験 川辺町担当'],
    ]);
    expect(await snapshotExists()).toBe(true);
  });
});
