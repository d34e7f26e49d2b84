import * as z from 'zod';

/**
 * `/config.json`, read by the portal at start-up. Locally the local server answers it; in AWS the
 * web construct writes it next to the SPA, so one build serves every stage.
 */
export const PortalConfig = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('local'),
    /** Where the local issuer lists demo users and mints tokens. */
    localAuthBase: z.string(),
  }),
  z.strictObject({
    mode: z.literal('cognito'),
    /** Hosted login domain, e.g. https://kikan-prod.auth.ap-northeast-1.amazoncognito.com */
    cognitoDomain: z.url(),
    clientId: z.string().min(1),
    scopes: z.array(z.string()).min(1),
  }),
]);
export type PortalConfig = z.infer<typeof PortalConfig>;

/** Demo users the local issuer can sign in as (local mode only). */
export const LocalDemoUser = z.strictObject({
  email: z.email(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  tenantName: z.string(),
  officeName: z.string(),
});
export type LocalDemoUser = z.infer<typeof LocalDemoUser>;

export const LocalTokenResponse = z.strictObject({
  accessToken: z.string(),
  expiresIn: z.number().int().positive(),
});
export type LocalTokenResponse = z.infer<typeof LocalTokenResponse>;
