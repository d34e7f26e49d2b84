import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../services/local/table.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 28: every consent purpose is enforced where its data flows, or not offered.
 * The `statistics` purpose is no longer offered (ADR 0020).
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TODAY = todayInJapan(new Date());

/** Demo persons (demo-data.ts: the n-th case is the n-th person's). */
const personOf = (n: number) => `demo-kibougaoka-person-${String(n).padStart(3, '0')}`;

// ひまわり (sato@): 20 has no consent at all.
const NEVER_CONSENTED = 20;

const newKey = () => ({ 'idempotency-key': randomUUID() });

const consentCall = (n: number, action: 'grant' | 'revoke', body: Record<string, unknown>) =>
  api.call('POST', `/api/persons/${personOf(n)}/consents${action === 'revoke' ? '/revoke' : ''}`, {
    as: SATO,
    body,
    headers: newKey(),
  });

describe('the statistics purpose is no longer offered', () => {
  it('refuses to grant it with a 400 naming body.purpose, and writes nothing', async () => {
    const before = await api.allItems();

    const response = await consentCall(NEVER_CONSENTED, 'grant', { purpose: 'statistics', grantedOn: TODAY });

    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'body.purpose',
    ]);
    expect(await api.allItems()).toEqual(before);
  });

  it('still reads a person with a statistics consent stored before, leaving it out of the consents shown', async () => {
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
    await documents.send(
      new PutCommand({
        TableName: api.tableName,
        Item: {
          ...keys.consent('kibougaoka', personOf(NEVER_CONSENTED), 'statistics'),
          entity: 'consent',
          personId: personOf(NEVER_CONSENTED),
          purpose: 'statistics',
          status: 'granted',
          grantedOn: '2024-04-01',
          history: [{ event: 'granted', on: '2024-04-01', at: '2024-04-01T00:00:00.000Z', by: 'user-sato' }],
          version: 1,
          updatedAt: '2024-04-01T00:00:00.000Z',
        },
      }),
    );

    const person = await api.call('GET', `/api/persons/${personOf(NEVER_CONSENTED)}`, { as: SATO });

    expect(person.status).toBe(200);
    expect(person.json.consents.map((consent: { purpose: string }) => consent.purpose)).not.toContain(
      'statistics',
    );
    const granted = await consentCall(NEVER_CONSENTED, 'grant', {
      purpose: 'core_supervision',
      grantedOn: TODAY,
    });
    expect(granted.status).toBe(201);
  });
});
