import { startLocalStack } from '../../services/local/stack.ts';
import { DEMO_DATABASE } from './demo-database.ts';
import { startDynamoDbRelay } from './write-observer.ts';

/**
 * Seeds the demo into the integration run's DynamoDB Local (its endpoint is the argument), under
 * the demo database's access key. A process of its own: the stack configures the data layer of the
 * process it runs in once, and the run's own process starts the e2e stack later.
 */
const endpoint = process.argv[2];
if (!endpoint) throw new Error('usage: seed-demo-database.ts <DynamoDB Local endpoint>');
const relay = await startDynamoDbRelay(endpoint, { accessKey: DEMO_DATABASE.accessKey });
const stack = await startLocalStack({
  port: 0,
  dynamoDb: { endpoint: relay.endpoint },
  tableName: DEMO_DATABASE.tableName,
  portal: 'none',
  seed: true,
});
await stack.stop();
await relay.close();
if (!stack.seeded.seeded) throw new Error('the demo database was seeded already');
console.log(`demo database: ${stack.seeded.items} items seeded once for the integration run`);
process.exit(0);
