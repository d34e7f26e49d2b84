import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The demo data is seeded once per integration run, into a database of its own in the run's
 * DynamoDB Local (test/support/seed-demo-database.ts). DynamoDB Local keeps one database file per
 * access key, so a test file gets its own seeded database by copying that file under a key of its
 * own, in a millisecond instead of the seconds that writing 2,000 items takes.
 */
export interface DemoDatabase {
  /** DynamoDB Local's `-dbPath`. */
  dataDir: string;
  /** The access key whose database holds the seeded demo; no test uses it. */
  accessKey: string;
  tableName: string;
}

/** The region every local client signs with (services/local/table.ts, the data layer's local client). */
const LOCAL_REGION = 'ap-northeast-1';

export const DEMO_DATABASE = { accessKey: 'kikandemo', tableName: 'kikan-demo' } as const;

const databaseFile = (dataDir: string, accessKey: string) => join(dataDir, `${accessKey}_${LOCAL_REGION}.db`);

/** A copy of the seeded database under `accessKey`: requests signed with that key see only it. */
export const copyDemoDatabase = (demo: DemoDatabase, accessKey: string): void => {
  copyFileSync(databaseFile(demo.dataDir, demo.accessKey), databaseFile(demo.dataDir, accessKey));
};

/** A copy of the seeded database as the one database of a DynamoDB Local started on `dataDir` with `-sharedDb`. */
export const copyDemoDatabaseAsShared = (demo: DemoDatabase, dataDir: string): void => {
  copyFileSync(databaseFile(demo.dataDir, demo.accessKey), join(dataDir, 'shared-local-instance.db'));
};
