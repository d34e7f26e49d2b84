import { installConfig } from '../src/config.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAME_DEFAULT } from '@kikan/shared';
import { LOCAL_CLIENT_ID, LocalIssuer } from './issuer.ts';
import { REPO_ROOT } from './stack.ts';

/**
 * Prints an access token of any active user of the local directory (the demo staff, users a tenant
 * admin added, the scale tenant's after `npm run seed:scale`), signed by the same key the running
 * local stack uses and with the office and role the directory holds now.
 */
const email = process.argv[2];
const dataDir = process.env.KIKAN_DATA_DIR ?? join(REPO_ROOT, '.data');
const keyFile = join(dataDir, 'issuer-key.json');
if (!existsSync(keyFile)) {
  process.stderr.write('✖ 署名鍵がまだありません。先に npm start を一度実行してください\n');
  process.exit(1);
}
const port = Number(process.env.KIKAN_PORT ?? 4300);
const issuerUrl = `http://127.0.0.1:${port}/local-auth`;
installConfig({
  ...process.env,
  AUTH_MODE: 'local',
  LOCAL_ISSUER: issuerUrl,
  LOCAL_CLIENT_ID,
  // The table `npm start` always uses: a TABLE_NAME inherited from elsewhere (a deployed stage's, a
  // test stack's) would read another directory.
  TABLE_NAME: TABLE_NAME_DEFAULT,
  DYNAMODB_ENDPOINT: `http://127.0.0.1:${process.env.KIKAN_DYNAMODB_PORT ?? 8300}`,
});
const { readLocalDirectory } = await import('./local-directory.ts');
/**
 * The data layer waits as a Lambda does (a few seconds, then gives up); a developer's machine busy
 * with a build or a test run can be slower than that, so the directory is read up to three times.
 */
const readDirectoryPatiently = async (tries = 3): Promise<Awaited<ReturnType<typeof readLocalDirectory>>> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readLocalDirectory();
    } catch (error) {
      if (attempt >= tries) throw error;
    }
  }
};
let directory: Awaited<ReturnType<typeof readLocalDirectory>>;
try {
  directory = await readDirectoryPatiently();
} catch (error) {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(
    `✖ ローカルのデータベースを読めません（${reason}）。先に npm start を実行してください\n`,
  );
  process.exit(1);
}
const user = email
  ? directory.find((entry) => entry.user.email === email.trim().toLowerCase())?.user
  : undefined;
if (!user) {
  process.stderr.write(
    `✖ ローカルの職員名簿にあるメールアドレスを指定してください: npm run -s token -- <email>\n  ${directory
      .map((entry) => entry.user.email)
      .join('\n  ')}\n`,
  );
  process.exit(1);
}
const issuer = await LocalIssuer.open(issuerUrl, keyFile);
process.stdout.write(`${await issuer.mint(user)}\n`);
