import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { DEMO_USERS } from '../../services/local/demo-data.ts';
import { startLocalStack, type LocalStack } from '../../services/local/stack.ts';
import { localClient } from '../../services/local/table.ts';
import { copyDemoDatabase } from './demo-database.ts';
import { startDynamoDbRelay, type WriteObserver } from './write-observer.ts';

export interface TestApi {
  stack: LocalStack;
  tableName: string;
  tokenOf(email: string): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  /** Every item of this file's table: tests use it to prove nothing was written. */
  allItems(): Promise<Record<string, unknown>[]>;
  queryPartition(pk: string): Promise<Record<string, unknown>[]>;
  /** The writes the stack sent to DynamoDB Local, when started with `observeWrites`. */
  observer?: WriteObserver;
  stop(): Promise<void>;
}

export interface TestApiOptions {
  /** Put a write observer (test/support/write-observer.ts) between the stack and DynamoDB Local. */
  observeWrites?: boolean;
  /** The local issuer's clock, for tests of token age (instead of waiting for the next second). */
  issuerClock?: () => number;
}

export interface CallOptions {
  as?: string;
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary bodies
  text: string;
}

/**
 * The local stack against the run's DynamoDB Local, on a database of its own that starts as a copy
 * of the run's seeded demo (test/support/demo-database.ts): what one file writes, no other sees.
 */
export const startTestApi = async (options: TestApiOptions = {}): Promise<TestApi> => {
  const demo = inject('demoDatabase');
  const accessKey = `file${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  copyDemoDatabase(demo, accessKey);
  const relay = await startDynamoDbRelay(inject('dynamoDbEndpoint'), {
    accessKey,
    ...(options.observeWrites ? { observeWrites: true } : {}),
  });
  const tableName = demo.tableName;
  const stack = await startLocalStack({
    port: 0,
    dynamoDb: { endpoint: relay.endpoint },
    tableName,
    portal: 'none',
    seed: false,
    ...(options.issuerClock ? { issuerClock: options.issuerClock } : {}),
  });
  const documents = DynamoDBDocumentClient.from(localClient(stack.dynamoDbEndpoint));
  const tokens = new Map<string, string>();
  const tokenOf = async (email: string) => {
    const cached = tokens.get(email);
    if (cached) return cached;
    const user = DEMO_USERS.find((candidate) => candidate.email === email);
    if (!user) throw new Error(`no demo user ${email}`);
    const token = await stack.issuer.mint(user);
    tokens.set(email, token);
    return token;
  };
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> => {
    const token = options.token ?? (options.as ? await tokenOf(options.as) : undefined);
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
  const allItems = async () => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  const queryPartition = async (pk: string) =>
    (
      await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      )
    ).Items ?? [];
  const stop = async () => {
    await stack.stop();
    await relay.close();
  };
  return {
    stack,
    tableName,
    tokenOf,
    call,
    allItems,
    queryPartition,
    ...(options.observeWrites ? { observer: relay } : {}),
    stop,
  };
};

/** Katakana digits: each new case body is another person (ADR 0025: one person, one record). */
const KANA_DIGITS = 'アイウエオカキクケコ';
let bodies = 0;

export const newCaseBody = (overrides: Record<string, unknown> = {}) => {
  const n = bodies++;
  return {
    person: {
      name: '試験 花子',
      kana: `シケン ハナコ${[...String(n)].map((digit) => KANA_DIGITS[Number(digit)]).join('')}`,
      birthDate: '1990-05-10',
      municipalityCode: '990001',
      recipientNumber: String(1234567890 + n),
      disabilityCategories: ['intellectual'],
      supportLevel: '3',
      familySituation: '母と同居',
    },
    serviceKind: 'plan_consultation',
    planAuthor: 'specialist',
    monitoringPeriodMonths: 6,
    openedOn: '2026-04-01',
    ...overrides,
  };
};
