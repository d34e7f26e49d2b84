import { config } from '../config.ts';
import { cursorKeyFrom, sessionKeyFrom } from '../kernel/cursor-key.ts';

/**
 * The secret is read once per container, at the first page a request asks for: in AWS from
 * Secrets Manager (the SDK client is imported only then, so it costs no cold start), locally from
 * the value the local stack keeps in its data folder. A failed read is not cached.
 */
let cached: Promise<string> | undefined;

const readSecret = async (): Promise<string> => {
  const source = config().cursorSecret;
  if (!source) throw new Error('no cursor secret configured (CURSOR_SECRET_ARN or CURSOR_SECRET)');
  if ('value' in source) return source.value;
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: source.arn }));
    if (!SecretString) throw new Error('the cursor secret has no string value');
    return SecretString;
  } finally {
    client.destroy();
  }
};

const deploymentSecret = (): Promise<string> =>
  (cached ??= readSecret().catch((error: unknown) => {
    cached = undefined;
    throw error;
  }));

export const cursorKey = async (): Promise<Buffer> => cursorKeyFrom(await deploymentSecret());

/** The key of the session cookie (ADR 0037), derived from the same secret. */
export const sessionKey = async (): Promise<Buffer> => sessionKeyFrom(await deploymentSecret());
