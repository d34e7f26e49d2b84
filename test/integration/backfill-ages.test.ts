import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dateOfReachingAge, fiscalYearOf, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { backfillOfficeAges, reachesFiscalYears, run } from '../../services/ops/backfill-ages.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Since issue 14 (ADR 0012, 年齢計算ニ関スル法律) a person reaches an age on the day before the
 * birthday anniversary, and the life-stage milestones and `reaches:18/65` counters carry that day.
 * A table written before carries the birthday. `npm run tenant:backfill-ages` brings one tenant in
 * line from its cases: proven on the demo tenant plus people born on the days where the two rules
 * part (1 April, the 1st of a month, 29 February, a case opened on the birthday), rewritten to the
 * old shape, one case then closed by the API (which leaves its old items behind), against a recount
 * from the case items.
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
const AGES = [18, 65] as const;

/** The rule before issue 14: the birthday anniversary (29 February → 1 March in a common year). */
const birthdayOf = (birthDate: string, age: number): string => {
  const year = Number(birthDate.slice(0, 4)) + age;
  const monthDay = birthDate.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-29' && !leap ? `${year}-03-01` : `${year}${birthDate.slice(4)}`;
};

type Rule = (birthDate: string, age: number) => string;

const openCases = async () =>
  (await api.allItems()).filter(
    (item) => item.entity === 'case' && item.tenantId === TENANT && item.phase !== 'closed',
  );

/** Milestone sort keys and reaches counters (`FY|office|name` → count) the open cases give under a rule. */
const recount = async (rule: Rule = dateOfReachingAge) => {
  const milestones: string[] = [];
  const reaches: Record<string, number> = {};
  for (const item of await openCases()) {
    for (const age of AGES) {
      const day = rule(String(item.birthDate), age);
      if (day < String(item.openedOn)) continue;
      milestones.push(`${day}#${String(item.officeId)}#${age}#${String(item.caseId)}`);
      const name = `reaches:${age}|${String(item.municipalityCode ?? '000000')}|${day.slice(0, 7)}`;
      const cell = `${fiscalYearOf(day)}|${String(item.officeId)}|${name}`;
      reaches[cell] = (reaches[cell] ?? 0) + 1;
    }
  }
  return { milestones: milestones.sort(), reaches };
};

const statisticsItems = async () =>
  (await api.allItems()).filter((item) => item.entity === 'case_statistics' && item.tenantId === TENANT);

/** What the table holds: the same shape as recount (zero counters left out, as the figures read them). */
const stored = async () => {
  const milestones = (await api.queryPartition(keys.lifeStageMilestone(TENANT).pk))
    .map((item) => String(item.sk))
    .sort();
  const reaches: Record<string, number> = {};
  for (const item of await statisticsItems()) {
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith('reaches:') && value !== 0) {
        reaches[`${String(item.fiscalYear)}|${String(item.officeId)}|${name}`] = Number(value);
      }
    }
  }
  return { milestones, reaches };
};

/** Every counter of the statistics items but the reaches ones: what the backfill must leave alone. */
const otherCounters = async () =>
  (await statisticsItems())
    .map((item) => Object.fromEntries(Object.entries(item).filter(([name]) => !name.startsWith('reaches:'))))
    .sort((a, b) => `${String(a.pk)}${String(a.sk)}`.localeCompare(`${String(b.pk)}${String(b.sk)}`));

const snapshot = async () =>
  new Map((await api.allItems()).map((item) => [`${item.pk}|${item.sk}`, JSON.stringify(item)]));

const batchWrite = async (requests: Record<string, unknown>[]) => {
  for (let start = 0; start < requests.length; start += 25) {
    await documents.send(
      new BatchWriteCommand({ RequestItems: { [api.tableName]: requests.slice(start, start + 25) } }),
    );
  }
};

/**
 * The table as the code before issue 14 wrote it, for the offices given (all by default): milestone
 * items keyed by the birthday, reaches counters in the birthday's month.
 */
const writeOldShape = async (officeIds?: readonly string[]) => {
  const ofOffice = (officeId: unknown) => !officeIds || officeIds.includes(String(officeId));
  const { pk } = keys.lifeStageMilestone(TENANT);
  const current = (await api.queryPartition(pk)).filter((item) => ofOffice(item.officeId));
  const old = (await recount(birthdayOf)).milestones.filter((sk) => ofOffice(sk.split('#')[1]));
  await batchWrite([
    ...current.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
    ...old.map((sk) => {
      const [reachesOn, officeId, age, caseId] = sk.split('#');
      return {
        PutRequest: {
          Item: {
            pk,
            sk,
            entity: 'life_stage_milestone',
            tenantId: TENANT,
            officeId,
            caseId,
            age: Number(age),
            reachesOn,
          },
        },
      };
    }),
  ]);
  await Promise.all(
    (await statisticsItems()).map((item) => {
      const names = Object.keys(item).filter((name) => name.startsWith('reaches:'));
      if (!ofOffice(item.officeId) || !names.length) return undefined;
      return documents.send(
        new UpdateCommand({
          TableName: api.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: `REMOVE ${names.map((_, index) => `#r${index}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#r${index}`, name])),
        }),
      );
    }),
  );
  const cells = Object.entries((await recount(birthdayOf)).reaches);
  await Promise.all(
    cells.map(([cell, count]) => {
      const [fiscalYear, officeId, ...parts] = cell.split('|');
      if (!ofOffice(officeId)) return undefined;
      return documents.send(
        new UpdateCommand({
          TableName: api.tableName,
          Key: keys.caseStatistics(TENANT, Number(fiscalYear), String(officeId)),
          UpdateExpression:
            'SET entity = :entity, tenantId = :tenant, fiscalYear = :year, officeId = :office ADD #n :count',
          ExpressionAttributeNames: { '#n': parts.join('|') },
          ExpressionAttributeValues: {
            ':entity': 'case_statistics',
            ':tenant': TENANT,
            ':year': Number(fiscalYear),
            ':office': officeId,
            ':count': count,
          },
        }),
      );
    }),
  );
};

const runScript = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [TENANT, '--endpoint', api.stack.dynamoDbEndpoint, ...argv],
    { TABLE_NAME: api.tableName },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out, err };
};

const create = async (birthDate: string, openedOn: string) => {
  const body = newCaseBody({ openedOn });
  const response = await api.call('POST', '/api/cases', {
    as: SATO,
    body: { ...body, person: { ...body.person, birthDate }, confirmNotDuplicate: true },
  });
  expect(response.status).toBe(201);
  return response.json as { caseId: string };
};

describe('the years a birth date is looked for in', () => {
  it('are those of the reaching days and of the birthdays after them (1 April: two fiscal years)', () => {
    // Born 2009-04-01: 18 on 2027-03-31 (FY2026), birthday 2027-04-01 (FY2027); 65 on 2074-03-31.
    expect(reachesFiscalYears('2009-04-01')).toEqual([2026, 2027, 2073, 2074]);
    expect(reachesFiscalYears('2008-12-01')).toEqual([2026, 2026, 2073, 2073]);
  });
});

describe('backfilling the ages of a tenant written before issue 14', () => {
  let closedCaseId = '';

  // Five cases written through the API and a dozen scans of the table: a longer timeout.
  it('sets milestones and reaches counters to what the cases give under the current rule', async () => {
    await create('2009-04-01', '2026-04-01'); // 18 on 31 March 2027, FY2026; the birthday is FY2027
    await create('2008-12-01', '2026-04-01'); // 18 on 30 November 2026: another month
    await create('1961-04-01', '2026-04-01'); // 65 the day before the case opened: not counted now
    await create('2008-02-29', '2025-04-01'); // 18 on 28 February 2026, not 1 March
    closedCaseId = (await create('2010-04-01', '2026-04-01')).caseId;

    // The API writes under the current rule: the table agrees with the recount.
    const current = await recount();
    expect(await stored()).toEqual(current);
    expect(current.reaches).toMatchObject({
      '2026|himawari|reaches:18|990001|2027-03': expect.any(Number),
      '2025|himawari|reaches:18|990001|2026-02': expect.any(Number),
    });

    await writeOldShape();
    const oldCounts = (await recount(birthdayOf)).reaches;
    // A case closed after the change took away the items of the current rule it never had: its
    // old milestone and counter stay, and its counter of the current rule goes one below the others.
    const closed = await api.call('POST', `/api/cases/${closedCaseId}/phase`, {
      as: SATO,
      body: { to: 'closed', closedOn: todayInJapan(), reason: 'other', postEvaluation: '転居のため終結。' },
      headers: { 'if-match': '"1"' },
    });
    expect(closed.status).toBe(200);
    const old = await stored();
    const currentRuleCell = '2027|himawari|reaches:18|990001|2028-03';
    const oldRuleCell = '2028|himawari|reaches:18|990001|2028-04';
    expect(old.reaches[currentRuleCell] ?? 0).toBe((oldCounts[currentRuleCell] ?? 0) - 1);
    expect(old.reaches[oldRuleCell]).toBe(oldCounts[oldRuleCell]);
    expect(old.milestones.filter((sk) => sk.endsWith(closedCaseId))).toHaveLength(2);
    const expected = await recount();
    expect(old).not.toEqual(expected);
    // What the backfill must change at himawari, as `<counter> <stored>→<counted>`.
    const himawariChanges = [...new Set([...Object.keys(old.reaches), ...Object.keys(expected.reaches)])]
      .filter((cell) => cell.split('|')[1] === 'himawari')
      .filter((cell) => (old.reaches[cell] ?? 0) !== (expected.reaches[cell] ?? 0))
      .map(
        (cell) =>
          `${cell.split('|').slice(2).join('|')} ${old.reaches[cell] ?? 0}→${expected.reaches[cell] ?? 0}`,
      );
    for (const cell of [currentRuleCell, oldRuleCell, '2026|himawari|reaches:18|990001|2027-03']) {
      expect(himawariChanges.some((change) => change.startsWith(cell.split('|').slice(2).join('|')))).toBe(
        true,
      );
    }
    const others = await otherCounters();

    const before = await snapshot();
    const dryRun = await runScript('--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.out.find((line) => line.includes('himawari'))).toMatch(/^ {2}would_write/);
    expect(await snapshot()).toEqual(before);

    const written = await runScript();
    expect(written.err).toEqual([]);
    expect(written.code).toBe(0);
    const himawari = written.out.find((line) => line.includes(' himawari'));
    expect(himawari).toMatch(/^ {2}written/);
    const printed = himawari?.split('  ').at(-1)?.split(', ') ?? [];
    expect(printed.filter((part) => part.startsWith('reaches:')).sort()).toEqual(himawariChanges.sort());
    expect(printed[0]).toMatch(/^milestones −\d+ \+\d+$/);
    expect(written.out.at(-1)).toMatch(
      /^kibougaoka: \d+ offices written, \d+ unchanged, 0 changed on every try/,
    );

    expect(await stored()).toEqual(expected);
    expect(await otherCounters()).toEqual(others);
    // A milestone under the reaching day, as the case write puts it.
    const milestone = (await api.queryPartition(keys.lifeStageMilestone(TENANT).pk)).find((item) =>
      String(item.sk).startsWith('2027-03-31#himawari#18#'),
    );
    expect(milestone).toMatchObject({ entity: 'life_stage_milestone', reachesOn: '2027-03-31', age: 18 });
  }, 60_000);

  it('a second run reports every office unchanged and writes nothing', async () => {
    const before = await snapshot();
    const again = await runScript();
    expect(again.code).toBe(0);
    expect(again.out.slice(0, -1).every((line) => line.trim().startsWith('unchanged'))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('writes an office only as read: a counter changed between the read and the write makes it read again', async () => {
    await writeOldShape(['himawari']);
    const fiscalYears = new Set([2025, 2026, 2027, 2028]);
    const direct = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    /** A case write landing on the office's counters just before each of the first `times` writes. */
    const interfering = (times: number) => {
      const client = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
      const send = client.send.bind(client);
      let left = times;
      client.send = (async (command: Parameters<typeof send>[0]) => {
        if (command instanceof TransactWriteCommand && left > 0) {
          left -= 1;
          await direct.send(
            new UpdateCommand({
              TableName: api.tableName,
              Key: keys.caseStatistics(TENANT, 2027, 'himawari'),
              UpdateExpression: 'ADD #n :one',
              ExpressionAttributeNames: { '#n': 'reaches:18|990001|2027-04' },
              ExpressionAttributeValues: { ':one': 1 },
            }),
          );
        }
        return send(command);
      }) as typeof client.send;
      return client;
    };

    const stale = await stored();
    const gaveUp = await backfillOfficeAges(
      interfering(3),
      api.tableName,
      TENANT,
      'himawari',
      fiscalYears,
      false,
    );
    expect(gaveUp.outcome).toBe('changed_meanwhile');
    // Nothing of the office written: its milestones are still the birthdays.
    expect((await stored()).milestones).toEqual(stale.milestones);

    const retried = await backfillOfficeAges(
      interfering(1),
      api.tableName,
      TENANT,
      'himawari',
      fiscalYears,
      false,
    );
    expect(retried.outcome).toBe('written');
    expect(await stored()).toEqual(await recount());
    direct.destroy();
  });

  it('refuses a call without a tenant or a table (exit 2)', async () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(await run([], { TABLE_NAME: api.tableName }, io)).toBe(2);
    expect(await run([TENANT, '--endpoint', api.stack.dynamoDbEndpoint], {}, io)).toBe(2);
    expect(await run([TENANT, '--force'], { TABLE_NAME: api.tableName }, io)).toBe(2);
  });
});
