import { startDynamoDbLocal } from '../services/local/dynamodb-local.ts';
import type { TokenSubject } from '../services/local/issuer.ts';
import { freePort, startLocalStack, type LocalStack } from '../services/local/stack.ts';

/**
 * The system under measurement: an in-memory DynamoDB Local on a free port, the table as CDK
 * defines it with the demo tenants, and the in-process gateway in front of the handlers (no
 * portal). DynamoDB Local is started here rather than by startLocalStack so that an exit hook can
 * kill its process group even when the run dies between start and stop.
 */

export const BENCH_TABLE_NAME = 'kikan-bench';

export interface BenchStack {
  url: string;
  dynamoDbEndpoint: string;
  tableName: string;
  token(subject: TokenSubject): Promise<string>;
  stop(): Promise<void>;
}

export const startBenchStack = async (): Promise<BenchStack> => {
  // The handlers log every request at INFO; thousands of requests a second would drown the progress lines.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const killJava = () => {
    try {
      process.kill(-dynamo.pid, 'SIGKILL');
    } catch {
      // already stopped
    }
  };
  process.on('exit', killJava);
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      port: 0,
      dynamoDb: { endpoint: dynamo.endpoint },
      tableName: BENCH_TABLE_NAME,
      portal: 'none',
      seed: true,
    });
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  return {
    url: stack.url,
    dynamoDbEndpoint: dynamo.endpoint,
    tableName: BENCH_TABLE_NAME,
    token: (subject) => stack.issuer.mint(subject),
    stop: async () => {
      await stack.stop();
      await dynamo.stop();
      process.off('exit', killJava);
    },
  };
};
