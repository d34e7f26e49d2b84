import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { run } from '../../services/ops/backfill-recipient-holders.ts';
import { recipientHolderItem } from '../../services/src/data/person-store.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Persons registered before ADR 0025 have no holder item for their 受給者証番号, so the number is
 * not protected. `npm run tenant:backfill-recipient-holders` writes the missing holders of one
 * tenant, and lists a number held by two persons (registered twice before the change, or once
 * before and once after it) by person ids only, writing neither, with exit code 3 until they are
 * merged. Proven on the demo tenant with its holders deleted (a table written before the change).
 */

let api: TestApi;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  api = await startTestApi();
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
});
afterAll(async () => {
  documents.destroy();
  await api.stop();
});

const TENANT = 'kibougaoka';
const SATO = 'sato@kibou.example'; // himawari

const runScript = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [TENANT, '--endpoint', api.stack.dynamoDbEndpoint, ...argv],
    { TABLE_NAME: api.tableName },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out, err, text: [...out, ...err].join('\n') };
};

const snapshot = async () =>
  new Map((await api.allItems()).map((item) => [`${item.pk}|${item.sk}`, JSON.stringify(item)]));

const tenantPersons = async () =>
  (await api.allItems()).filter((item) => item.entity === 'person' && item.tenantId === TENANT);
const holders = async () =>
  (await api.allItems()).filter(
    (item) => item.entity === 'recipient_holder' && String(item.pk).startsWith(`T#${TENANT}#`),
  );
const holderOf = async (municipalityCode: string, recipientNumber: string) =>
  (await api.queryPartition(keys.recipientNumberHolder(TENANT, municipalityCode, recipientNumber).pk))[0];

const deleteItem = (item: Record<string, unknown>) =>
  documents.send(new DeleteCommand({ TableName: api.tableName, Key: { pk: item.pk, sk: item.sk } }));

const create = async (body: object) => {
  const response = await api.call('POST', '/api/cases', {
    as: SATO,
    body: { ...body, confirmNotDuplicate: true },
  });
  expect(response.status).toBe(201);
  return response.json as { caseId: string; personId: string };
};

describe('backfilling the recipient-number holders of a tenant written before ADR 0025', () => {
  let twiceBefore: [string, string];
  let beforeAndAfter: { early: string; late: string; recipientNumber: string };

  it('lists the numbers held twice by person ids only (exit 3), and writes every other holder', async () => {
    // Registered once before the change (its holder deleted, as such a table holds it) and once
    // after it: the number was free, so the second registration went through.
    const body = newCaseBody();
    const early = await create(body);
    const { recipientNumber, municipalityCode } = body.person;
    await deleteItem((await holderOf(municipalityCode, recipientNumber)) ?? {});
    const late = await create({ ...newCaseBody(), person: { ...body.person, kana: 'ベツ ヨミ' } });
    beforeAndAfter = { early: early.personId, late: late.personId, recipientNumber };

    // Every other holder deleted; two demo persons of one municipality given one number, as two
    // registrations of one person before the change would have left them.
    for (const holder of await holders()) if (holder.personId !== late.personId) await deleteItem(holder);
    const demo = (await tenantPersons())
      .filter((person) => String(person.personId).startsWith('demo-') && person.municipalityCode === '990001')
      .sort((a, b) => String(a.personId).localeCompare(String(b.personId)));
    const [first, second] = demo;
    if (!first || !second) throw new Error('the demo tenant has two persons of 990001');
    await documents.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.person(TENANT, String(second.personId)),
        UpdateExpression: 'SET recipientNumber = :number',
        ExpressionAttributeValues: { ':number': first.recipientNumber },
      }),
    );
    twiceBefore = [String(first.personId), String(second.personId)].sort() as [string, string];
    const persons = await tenantPersons();
    const numbered = persons.filter((person) => person.recipientNumber);
    expect(numbered.length).toBeGreaterThan(10);

    const before = await snapshot();
    const dryRun = await runScript('--dry-run');
    expect(dryRun.code).toBe(3);
    expect(await snapshot()).toEqual(before);
    const wouldWrite = dryRun.out.filter((line) => line.trim().startsWith('would_write'));
    // Everyone numbered but the four persons of the two conflicts.
    expect(wouldWrite).toHaveLength(numbered.length - 4);

    const written = await runScript();
    expect(written.code).toBe(3);
    const conflicts = written.out.filter((line) => line.trim().startsWith('conflict'));
    expect(conflicts.sort()).toEqual(
      [
        `  conflict          persons ${twiceBefore.join(', ')}`,
        `  conflict          persons ${[early.personId, late.personId].sort().join(', ')}`,
      ].sort(),
    );
    expect(written.err.join('\n')).toMatch(/merge each pair listed/);
    expect(written.out.filter((line) => line.trim().startsWith('written'))).toHaveLength(numbered.length - 4);

    // Ids only: no name, reading, number or municipality of anyone leaves in the output.
    for (const person of persons) {
      for (const value of [person.name, person.kana, person.recipientNumber]) {
        expect(written.text).not.toContain(String(value));
        expect(dryRun.text).not.toContain(String(value));
      }
    }

    // Every person alone with their number holds it now, as the API writes the holder.
    const conflicting = new Set([...twiceBefore, early.personId, late.personId]);
    for (const person of numbered.filter((candidate) => !conflicting.has(String(candidate.personId)))) {
      const municipality = String(person.municipalityCode);
      const number = String(person.recipientNumber);
      expect(await holderOf(municipality, number)).toEqual(
        recipientHolderItem(TENANT, municipality, number, String(person.personId)),
      );
    }
    // The conflicts: nothing written, the holder claimed after the change left as it was.
    expect(await holderOf('990001', String(first.recipientNumber))).toBeUndefined();
    expect((await holderOf(municipalityCode, recipientNumber))?.personId).toBe(late.personId);
  });

  it('a second run writes nothing and lists the same conflicts', async () => {
    const before = await snapshot();
    const again = await runScript();
    expect(again.code).toBe(3);
    expect(again.out.filter((line) => line.trim().startsWith('written'))).toEqual([]);
    expect(again.out.filter((line) => line.trim().startsWith('conflict'))).toHaveLength(2);
    expect(await snapshot()).toEqual(before);
  });

  it('once the records are merged and the wrong number corrected, the rest is written and the run exits 0', async () => {
    const { early, late, recipientNumber } = beforeAndAfter;
    const merged = await api.call('POST', `/api/persons/${early}/merge`, {
      as: SATO,
      body: { duplicatePersonId: late, duplicateVersion: 1 },
      headers: { 'if-match': '"1"' },
    });
    expect(merged.status).toBe(200);
    // The number copied by mistake onto the second demo record is corrected directly.
    const [, second] = twiceBefore;
    const secondNumber = '9000009999';
    await documents.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.person(TENANT, second),
        UpdateExpression: 'SET recipientNumber = :number',
        ExpressionAttributeValues: { ':number': secondNumber },
      }),
    );

    const finished = await runScript();
    expect(finished.err).toEqual([]);
    expect(finished.code).toBe(0);
    expect(finished.out.filter((line) => line.trim().startsWith('written')).sort()).toEqual(
      twiceBefore.map((personId) => `  written           person ${personId}`).sort(),
    );
    expect((await holderOf('990001', recipientNumber))?.personId).toBe(early);
    expect((await holderOf('990001', secondNumber))?.personId).toBe(second);

    // The holders now protect the numbers: registering one again is refused.
    const [first] = twiceBefore;
    const firstNumber = (await tenantPersons()).find((person) => person.personId === first)?.recipientNumber;
    const again = await api.call('POST', '/api/cases', {
      as: SATO,
      body: { ...newCaseBody(), person: { ...newCaseBody().person, recipientNumber: firstNumber } },
    });
    expect(again.status).toBe(409);
    expect((await runScript()).code).toBe(0);
  });

  it('refuses a call without a tenant or a table (exit 2)', async () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(await run([], { TABLE_NAME: api.tableName }, io)).toBe(2);
    expect(await run([TENANT, '--endpoint', api.stack.dynamoDbEndpoint], {}, io)).toBe(2);
    expect(await run(['Bad#Tenant'], { TABLE_NAME: api.tableName }, io)).toBe(2);
  });
});
