import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS } from './demo-data.ts';
import { LocalIssuer } from './issuer.ts';
import { SCALE_USERS } from './scale-data.ts';
import { REPO_ROOT } from './stack.ts';

/**
 * Prints an access token of a demo user (or of a user of the scale tenant, `npm run seed:scale`),
 * signed by the same key the running local stack uses.
 */
const email = process.argv[2];
const user = [...DEMO_USERS, ...SCALE_USERS].find((candidate) => candidate.email === email);
if (!user) {
  process.stderr.write(
    `✖ デモユーザーを指定してください: npm run -s token -- <email>\n  ${DEMO_USERS.map((u) => u.email).join('\n  ')}\n`,
  );
  process.exit(1);
}
const keyFile = join(process.env.KIKAN_DATA_DIR ?? join(REPO_ROOT, '.data'), 'issuer-key.json');
if (!existsSync(keyFile)) {
  process.stderr.write('✖ 署名鍵がまだありません。先に npm start を一度実行してください\n');
  process.exit(1);
}
const port = Number(process.env.KIKAN_PORT ?? 4300);
const issuer = await LocalIssuer.open(`http://127.0.0.1:${port}/local-auth`, keyFile);
process.stdout.write(`${await issuer.mint(user)}\n`);
