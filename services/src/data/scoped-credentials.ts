import type { STSClient } from '@aws-sdk/client-sts';
import type { TenantContext } from '@kikan/shared';

/**
 * Per-request tenant credentials (SECURITY.md rows 2 and 17, ADR 0017): STS AssumeRole on the
 * tenant data role with the caller's tenant and office as session tags. The role's policy allows
 * only keys under `T#${aws:PrincipalTag/tenant}#`, so a store that forgot its tenant prefix is
 * refused by IAM, not by good intentions.
 */

export interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds: number;
  Tags: { Key: 'tenant' | 'office'; Value: string }[];
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export type AssumeRole = (input: AssumeRoleInput) => Promise<SessionCredentials>;

/** STS's minimum, and short enough that a stolen session key is soon worthless. */
export const SESSION_SECONDS = 15 * 60;
/** Refreshed this long before expiry: the SDK's own margin, so a signed request never carries a dying key. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** The value of the `office` tag for a caller without an office (none today; tags may not be empty). */
export const NO_OFFICE = '-';

export const sessionTags = (ctx: Pick<TenantContext, 'tenantId' | 'officeId'>): AssumeRoleInput['Tags'] => [
  { Key: 'tenant', Value: ctx.tenantId },
  { Key: 'office', Value: ctx.officeId || NO_OFFICE },
];

/**
 * CloudTrail shows the session name: the user id (an opaque id, never an e-mail or a name),
 * reduced to the characters STS allows and its 64-character limit.
 */
export const roleSessionName = (userId: string): string =>
  `kikan-${userId.replace(/[^\w+=,.@-]/g, '_')}`.slice(0, 64);

/**
 * AssumeRole through the SDK's own STS client, loaded on first use: the local stack and the tests
 * never load it, and in Lambda it is parsed only when the first request needs a session.
 */
export const stsAssumeRole = (): AssumeRole => {
  let client: STSClient | undefined;
  return async (input) => {
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    client ??= new STSClient({});
    const { Credentials } = await client.send(new AssumeRoleCommand(input));
    if (
      !Credentials?.AccessKeyId ||
      !Credentials.SecretAccessKey ||
      !Credentials.SessionToken ||
      !Credentials.Expiration
    ) {
      throw new Error('AssumeRole answered without credentials');
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
  };
};

interface Session {
  credentials?: SessionCredentials;
  pending?: Promise<SessionCredentials>;
}

export interface SessionCache {
  /** The credentials provider of one tenant+office key; the SDK calls it when it needs to sign. */
  provider(key: string, ctx: TenantContext): () => Promise<SessionCredentials>;
}

/**
 * One session per tenant+office key, assumed when first needed and again shortly before it
 * expires; concurrent requests of the same key share one AssumeRole call.
 */
export const createSessionCache = (options: {
  roleArn: string;
  assumeRole: AssumeRole;
  now?: () => number;
}): SessionCache => {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const current = (key: string, ctx: TenantContext): Promise<SessionCredentials> => {
    let session = sessions.get(key);
    if (!session) {
      session = {};
      sessions.set(key, session);
    }
    const { credentials } = session;
    if (credentials && credentials.expiration.getTime() - now() > REFRESH_MARGIN_MS) {
      return Promise.resolve(credentials);
    }
    const open = session;
    open.pending ??= options
      .assumeRole({
        RoleArn: options.roleArn,
        RoleSessionName: roleSessionName(ctx.userId),
        DurationSeconds: SESSION_SECONDS,
        Tags: sessionTags(ctx),
      })
      .then((fresh) => {
        open.credentials = fresh;
        return fresh;
      })
      .finally(() => {
        open.pending = undefined;
      });
    return open.pending;
  };
  return { provider: (key, ctx) => () => current(key, ctx) };
};
