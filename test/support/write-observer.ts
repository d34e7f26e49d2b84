import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A relay the stack talks to instead of DynamoDB Local. It can answer for another database of the
 * same DynamoDB Local (`accessKey`: each access key has its own database file, so a test file gets
 * its own copy of the seeded demo), and it can see every write DynamoDB Local acknowledges on the
 * wire (`observeWrites`): a refused request is proven to have written nothing by the commands it
 * sent, not by comparing table scans.
 */

export interface ObservedWrite {
  operation: string;
  request: Record<string, unknown>;
}

export interface DynamoDbRelay {
  /** The endpoint to give the stack in place of DynamoDB Local's. */
  endpoint: string;
  /** Acknowledged writes since the last `clear()`, in order (always empty without `observeWrites`). */
  writes: ObservedWrite[];
  clear(): void;
  /**
   * From now on, answer the requests `refuse` picks with a DynamoDB 500 instead of passing them
   * on (a database failing part-way through a long run); `null` passes everything again.
   */
  refuseWhere(refuse: ((operation: string, body: string) => boolean) | null): void;
  close(): Promise<void>;
}

export type WriteObserver = DynamoDbRelay;

export interface RelayOptions {
  /** The access key every request is sent with, whatever key its sender signed with. */
  accessKey?: string;
  observeWrites?: boolean;
}

export const WRITE_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

/** DynamoDB Local reads the access key from the signature's credential scope and checks no signature. */
const withAccessKey = (authorization: string | undefined, accessKey: string | undefined) =>
  authorization && accessKey
    ? authorization.replace(/Credential=[^/]+\//, `Credential=${accessKey}/`)
    : authorization;

export const startDynamoDbRelay = async (
  upstream: string,
  options: RelayOptions = {},
): Promise<DynamoDbRelay> => {
  const writes: ObservedWrite[] = [];
  let refuse: ((operation: string, body: string) => boolean) | null = null;
  const agent = new Agent({ keepAlive: true });
  const target = new URL(upstream);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      if (refuse?.(operation, body.toString('utf8'))) {
        response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
            message: 'refused',
          }),
        );
        return;
      }
      const authorization = withAccessKey(request.headers.authorization, options.accessKey);
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: request.url,
          method: request.method,
          headers: { ...request.headers, ...(authorization ? { authorization } : {}) },
          agent,
        },
        (upstreamResponse) => {
          const reply: Buffer[] = [];
          upstreamResponse.on('data', (chunk: Buffer) => reply.push(chunk));
          upstreamResponse.on('end', () => {
            // Recorded before the handler hears the acknowledgement, so before the API answers.
            if (
              options.observeWrites &&
              WRITE_OPERATIONS.has(operation) &&
              upstreamResponse.statusCode === 200
            ) {
              writes.push({
                operation,
                request: JSON.parse(body.toString('utf8')) as Record<string, unknown>,
              });
            }
            response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
            response.end(Buffer.concat(reply));
          });
        },
      );
      forward.on('error', () => response.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    writes,
    clear: () => {
      writes.length = 0;
    },
    refuseWhere: (next) => {
      refuse = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export const startWriteObserver = (upstream: string, options: Omit<RelayOptions, 'observeWrites'> = {}) =>
  startDynamoDbRelay(upstream, { ...options, observeWrites: true });

type AttributeMap = Record<string, { S?: string }>;

/** The items a write puts, and how many updates or deletes it makes besides. */
export const itemsOf = (write: ObservedWrite): { puts: AttributeMap[]; other: number } => {
  const request = write.request as {
    Item?: AttributeMap;
    TransactItems?: { Put?: { Item: AttributeMap } }[];
    RequestItems?: Record<string, { PutRequest?: { Item: AttributeMap } }[]>;
  };
  if (write.operation === 'PutItem') return { puts: request.Item ? [request.Item] : [], other: 0 };
  if (write.operation === 'TransactWriteItems') {
    const entries = request.TransactItems ?? [];
    const puts = entries.flatMap((entry) => (entry.Put ? [entry.Put.Item] : []));
    return { puts, other: entries.length - puts.length };
  }
  if (write.operation === 'BatchWriteItem') {
    const entries = Object.values(request.RequestItems ?? {}).flat();
    const puts = entries.flatMap((entry) => (entry.PutRequest ? [entry.PutRequest.Item] : []));
    return { puts, other: entries.length - puts.length };
  }
  return { puts: [], other: 1 };
};

const isDenied = (item: AttributeMap) => item.entity?.S === 'audit' && item.action?.S === 'denied';

/** What refused requests wrote besides `denied` audit entries: must be nothing. */
export const forbiddenWrites = (writes: readonly ObservedWrite[]): string[] =>
  writes.flatMap((write) => {
    const { puts, other } = itemsOf(write);
    const bad = puts.filter((item) => !isDenied(item));
    return bad.length || other
      ? [
          `${write.operation}: ${bad.map((item) => `${item.pk?.S} ${item.sk?.S}`).join(', ')}${other ? ` +${other} non-put` : ''}`,
        ]
      : [];
  });

/** The `denied` audit entries the writes put. */
export const deniedEntries = (writes: readonly ObservedWrite[]): AttributeMap[] =>
  writes.flatMap((write) => itemsOf(write).puts.filter(isDenied));
