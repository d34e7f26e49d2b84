import { MEMBERSHIPS_CLAIM, TenantContext, membershipsClaimOf, type User } from '@kikan/shared';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { createClientRegistry, type ClientRegistry } from '../data/client.ts';
import { getUserForSignIn } from '../data/directory-store.ts';

/**
 * The user attributes the API authorises with. Cognito puts custom attributes only into ID tokens;
 * the API accepts access tokens alone, so they are set there under the same names.
 */
export const TENANT_CLAIMS = ['custom:tenant', 'custom:office', 'custom:role'] as const;

/** The user's current directory entry; null when unknown or removed. */
export type DirectoryReader = (signIn: TenantContext) => Promise<User | null>;

/** Thrown to Cognito, which then refuses the sign-in: no token is issued. */
export class SignInRefusedError extends Error {
  constructor(reason: string) {
    super(`sign-in refused: ${reason}`);
    this.name = 'SignInRefusedError';
  }
}

/**
 * The access token's tenant claims. The tenant is the user's immutable Cognito attribute; office
 * and role come from the directory's current entry, not from the attributes the user was created
 * with: when the tenant admin moves someone (which ends their sessions on the next request, ADR
 * 0017), their next sign-in carries the new office and role. Nobody on the tenant's staff (unknown
 * or removed) gets no token at all.
 */
export const directoryClaims = async (
  userAttributes: Record<string, string | undefined>,
  readUser: DirectoryReader,
): Promise<Record<(typeof TENANT_CLAIMS)[number] | typeof MEMBERSHIPS_CLAIM, string>> => {
  const signIn = TenantContext.safeParse({
    tenantId: userAttributes['custom:tenant'],
    officeId: userAttributes['custom:office'],
    role: userAttributes['custom:role'],
    userId: userAttributes.sub,
  });
  if (!signIn.success) throw new SignInRefusedError('the user has no valid tenant attributes');
  const user = await readUser(signIn.data);
  if (!user || user.tenantId !== signIn.data.tenantId) {
    throw new SignInRefusedError("the user is not on the tenant's staff");
  }
  // Every office the user works for (ADR 0033), as the local issuer claims them.
  return {
    'custom:tenant': user.tenantId,
    'custom:office': user.officeId,
    'custom:role': user.role,
    [MEMBERSHIPS_CLAIM]: membershipsClaimOf(user),
  };
};

/** Cognito pre-token-generation trigger, event version V2_0 (the first that can change access tokens). */
export const createPreTokenHandler =
  (readUser: DirectoryReader) =>
  async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const claimsToAddOrOverride = await directoryClaims(event.request.userAttributes, readUser);
    event.response.claimsAndScopeOverrideDetails = {
      ...event.response.claimsAndScopeOverrideDetails,
      accessTokenGeneration: { claimsToAddOrOverride },
    };
    return event;
  };

let registry: ClientRegistry | undefined;

/**
 * In Lambda the directory is read like every request reads: on the tenant data role, assumed with
 * the signing-in user's tenant (and first office) as session tags. The trigger has no table access
 * of its own and no API configuration (the user pool cannot be named in its own trigger's settings).
 */
const readFromDirectory: DirectoryReader = async (signIn) => {
  const { TABLE_NAME: tableName, TENANT_DATA_ROLE_ARN: roleArn } = process.env;
  if (!tableName || !roleArn) throw new Error('TABLE_NAME and TENANT_DATA_ROLE_ARN are required');
  registry ??= createClientRegistry({ roleArn });
  return getUserForSignIn(registry, tableName, signIn);
};

export const handler = createPreTokenHandler(readFromDirectory);
