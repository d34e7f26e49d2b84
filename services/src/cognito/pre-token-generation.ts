import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

/**
 * The user attributes the API authorises with. Cognito puts custom attributes only into ID tokens;
 * the API accepts access tokens alone, so they are copied there under the same names.
 */
export const TENANT_CLAIMS = ['custom:tenant', 'custom:office', 'custom:role'] as const;

/**
 * Claims to add to the access token: the tenant attributes the user has. A missing attribute is
 * left out rather than invented, so the API rejects the token instead of guessing a tenant.
 */
export const tenantClaims = (userAttributes: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    TENANT_CLAIMS.flatMap((name) => {
      const value = userAttributes[name];
      return value ? [[name, value]] : [];
    }),
  );

/** Cognito pre-token-generation trigger, event version V2_0 (the first that can change access tokens). */
export const handler = async (
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> => {
  event.response.claimsAndScopeOverrideDetails = {
    ...event.response.claimsAndScopeOverrideDetails,
    accessTokenGeneration: { claimsToAddOrOverride: tenantClaims(event.request.userAttributes) },
  };
  return event;
};
