import { randomUUID } from 'node:crypto';
import { PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userItem } from '../../services/src/data/directory-store.ts';
import { localClient } from '../../services/local/table.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Offices and member municipalities added by the tenant admin (issue 15 point 1, ADR 0031): the
 * server makes the office id, a 事業所番号 has one office in the tenant (a holder item claimed in
 * the write's transaction), edits and member additions are at a version, every write leaves its
 * audit entry, and another tenant's admin neither sees nor touches any of it.
 */

let api: TestApi;
let hokushinAdmin: string;
beforeAll(async () => {
  api = await startTestApi();
  // The demo has no admin of 北信圏域: one is put in its directory for the isolation checks.
  const admin = {
    userId: 'user-hokushin-admin',
    tenantId: 'hokushin',
    email: 'admin@hokushin.example',
    displayName: '管理 次郎',
    role: 'tenant_admin' as const,
    officeId: 'hokushin-city',
    senior: false,
  };
  const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
  await documents.send(new PutCommand({ TableName: api.tableName, Item: userItem(admin) }));
  hokushinAdmin = await api.stack.issuer.mint(admin);
});
afterAll(async () => {
  await api.stop();
});

const ADMIN = 'admin@kibou.example';
type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;
const itemsSince = async (before: readonly Item[]) => {
  const known = new Set(before.map(keyOf));
  return (await api.allItems()).filter((item) => !known.has(keyOf(item)));
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const newOffice = (overrides: Record<string, unknown> = {}) => ({
  type: 'plan_consultation',
  name: '相談支援事業所こだま',
  operator: '社会福祉法人こだま会',
  officeNumber: '1290000045',
  municipalityCode: '990001',
  ...overrides,
});
const addOffice = (body: unknown, options: { as?: string; token?: string; key?: string } = {}) =>
  api.call('POST', '/api/offices', {
    ...(options.token ? { token: options.token } : { as: options.as ?? ADMIN }),
    body,
    headers: { 'idempotency-key': options.key ?? randomUUID() },
  });
const fieldsOf = (json: { error?: { fields?: { field: string }[] } }) =>
  (json.error?.fields ?? []).map((field) => field.field);

describe('adding an office', () => {
  it('the admin adds an office: a server-made id, version 1, in the list, one audit entry naming it', async () => {
    const before = await api.allItems();
    const response = await addOffice(newOffice());

    expect(response.status).toBe(201);
    const office = response.json;
    expect(office).toMatchObject({ ...newOffice(), version: 1 });
    expect(office.officeId).toMatch(UUID);
    const list = await api.call('GET', '/api/offices', { as: ADMIN });
    expect(list.json.items).toContainEqual(office);

    const written = await itemsSince(before);
    expect(written.map((item) => item.entity).sort()).toEqual([
      'audit',
      'idempotency',
      'office',
      'office_number_holder',
    ]);
    expect(written.find((item) => item.entity === 'audit')).toMatchObject({
      action: 'create',
      recordType: 'office',
      recordId: office.officeId,
      actorUserId: 'user-admin',
    });
  });

  it('a 事業所番号 another office of the tenant holds is a 409 naming the field, and nothing is written', async () => {
    const before = await api.allItems();
    // ひまわり's number, written by the seed with its holder.
    const response = await addOffice(newOffice({ officeNumber: '1290000011', name: '別の事業所' }));

    expect(response.status).toBe(409);
    expect(fieldsOf(response.json)).toEqual(['body.officeNumber']);
    expect(await itemsSince(before)).toEqual([]);
  });

  it('two admins adding the same new number at once: the transaction lets exactly one through', async () => {
    const body = newOffice({ officeNumber: '1290000052' });
    const responses = await Promise.all([addOffice(body), addOffice(body)]);

    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    const list = await api.call('GET', '/api/offices', { as: ADMIN });
    expect(list.json.items.filter((item: Item) => item.officeNumber === '1290000052')).toHaveLength(1);
  });

  it('the same Idempotency-Key again answers the first office, not a second one', async () => {
    const key = randomUUID();
    const body = newOffice({
      type: 'core_center',
      officeNumber: undefined,
      name: '第二基幹相談支援センター',
    });
    const first = await addOffice(body, { key });
    const again = await addOffice(body, { key });

    expect(first.status).toBe(201);
    expect(again.json).toEqual(first.json);
    const list = await api.call('GET', '/api/offices', { as: ADMIN });
    expect(list.json.items.filter((item: Item) => item.name === body.name)).toHaveLength(1);
  });

  it('a designated type without a number, and a municipality not among the members, are 400s naming the field', async () => {
    const noNumber = await addOffice(newOffice({ officeNumber: undefined }));
    expect(noNumber.status).toBe(400);
    expect(fieldsOf(noNumber.json)).toEqual(['body.officeNumber']);

    const notMember = await addOffice(newOffice({ officeNumber: '1290000060', municipalityCode: '990011' }));
    expect(notMember.status).toBe(400);
    expect(fieldsOf(notMember.json)).toEqual(['body.municipalityCode']);
  });

  it('a specialist may not add an office (403)', async () => {
    const response = await addOffice(newOffice({ officeNumber: '1290000078' }), { as: 'sato@kibou.example' });
    expect(response.status).toBe(403);
  });
});

describe('editing an office', () => {
  it('a demo office (no version yet: 0) is edited at If-Match "0"; the stale version is then a 412, none a 428', async () => {
    const before = await api.allItems();
    const change = { name: '地域移行支援センターみどり（本所）', operator: '医療法人みどり会' };
    const edited = await api.call('PUT', '/api/offices/midori', {
      as: ADMIN,
      body: change,
      headers: { 'if-match': '"0"' },
    });

    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      officeId: 'midori',
      ...change,
      officeNumber: '1290000037',
      version: 1,
    });
    expect(edited.headers.get('etag')).toBe('"1"');
    const audits = (await itemsSince(before)).filter((item) => item.entity === 'audit');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'update', recordType: 'office', recordId: 'midori' });

    const stale = await api.call('PUT', '/api/offices/midori', {
      as: ADMIN,
      body: { ...change, name: '古い版からの変更' },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"1"');

    const unversioned = await api.call('PUT', '/api/offices/midori', { as: ADMIN, body: change });
    expect(unversioned.status).toBe(428);
  });

  it('an unknown office is a 404', async () => {
    const response = await api.call('PUT', '/api/offices/no-such-office', {
      as: ADMIN,
      body: { name: '名前', operator: '法人' },
      headers: { 'if-match': '"0"' },
    });
    expect(response.status).toBe(404);
  });
});

describe('member municipalities', () => {
  it('the admin adds 千代田区 (131016) at the profile version; the audit names the code; /api/me offers it', async () => {
    const profile = await api.call('GET', '/api/tenant', { as: ADMIN });
    expect(profile.status).toBe(200);
    expect(profile.json).toMatchObject({ tenantId: 'kibougaoka', version: 0 });

    const before = await api.allItems();
    const added = await api.call('POST', '/api/tenant/members', {
      as: ADMIN,
      body: { code: '131016', name: '千代田区' },
      headers: { 'if-match': '"0"' },
    });

    expect(added.status).toBe(200);
    expect(added.json.version).toBe(1);
    expect(added.json.members).toEqual([
      { code: '990001', name: '希望が丘市' },
      { code: '131016', name: '千代田区' },
    ]);
    const audits = (await itemsSince(before)).filter((item) => item.entity === 'audit');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'create',
      recordType: 'member_municipality',
      recordId: '131016',
    });
    const me = await api.call('GET', '/api/me', { as: ADMIN });
    expect(me.json.members).toContainEqual({ code: '131016', name: '千代田区' });

    // An office of the new member may now be added.
    const office = await addOffice(newOffice({ officeNumber: '1310000019', municipalityCode: '131016' }));
    expect(office.status).toBe(201);
  });

  it('a wrong check digit is a 400 naming body.code, and nothing is written', async () => {
    const version = (await api.call('GET', '/api/tenant', { as: ADMIN })).json.version;
    const before = await api.allItems();
    const response = await api.call('POST', '/api/tenant/members', {
      as: ADMIN,
      body: { code: '011001', name: '札幌市' },
      headers: { 'if-match': `"${String(version)}"` },
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.json)).toEqual(['body.code']);
    expect(await itemsSince(before)).toEqual([]);
  });

  it('a code already a member is a 409 naming body.code; a stale version is a 412', async () => {
    const version = (await api.call('GET', '/api/tenant', { as: ADMIN })).json.version as number;
    const again = await api.call('POST', '/api/tenant/members', {
      as: ADMIN,
      body: { code: '131016', name: '千代田区' },
      headers: { 'if-match': `"${String(version)}"` },
    });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.json)).toEqual(['body.code']);

    const stale = await api.call('POST', '/api/tenant/members', {
      as: ADMIN,
      body: { code: '011002', name: '札幌市' },
      headers: { 'if-match': `"${String(version - 1)}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(`"${String(version)}"`);
  });
});

describe("another tenant's admin", () => {
  it("sees only their own tenant's offices and members, and cannot edit another tenant's office (404)", async () => {
    const office = (
      await addOffice(newOffice({ type: 'outreach', officeNumber: undefined, name: '訪問支援室' }))
    ).json;

    const list = await api.call('GET', '/api/offices', { token: hokushinAdmin });
    expect(list.status).toBe(200);
    expect(list.json.items.map((item: Item) => item.officeId)).not.toContain(office.officeId);
    expect(
      list.json.items.every(
        (item: Item) => String(item.officeId).startsWith('hokushin') || item.officeId === 'kawabe-town',
      ),
    ).toBe(true);

    const profile = await api.call('GET', '/api/tenant', { token: hokushinAdmin });
    expect(profile.json.tenantId).toBe('hokushin');
    expect(profile.json.members.map((member: Item) => member.code)).toEqual(['990011', '990012']);

    const edit = await api.call('PUT', `/api/offices/${String(office.officeId)}`, {
      token: hokushinAdmin,
      body: { name: '乗っ取り', operator: '法人' },
      headers: { 'if-match': '"1"' },
    });
    expect(edit.status).toBe(404);
    const ours = await api.call('GET', '/api/offices', { as: ADMIN });
    expect(ours.json.items.find((item: Item) => item.officeId === office.officeId)).toEqual(office);
  });

  it('may use a 事業所番号 held in another tenant: the number is unique per tenant', async () => {
    const response = await addOffice(newOffice({ officeNumber: '1290000011', municipalityCode: '990011' }), {
      token: hokushinAdmin,
    });
    expect(response.status).toBe(201);
  });
});
