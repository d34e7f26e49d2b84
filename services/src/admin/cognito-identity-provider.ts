import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { UserEmailTakenError } from '../kernel/errors.ts';
import type { IdentityProvider } from './identity-provider.ts';

let client: CognitoIdentityProviderClient | undefined;

/**
 * Cognito's users of this stage's pool (the function may create and delete users in that pool
 * only: infra/src/api.ts). The user name is the e-mail (the pool signs in by e-mail); the immutable
 * custom attributes carry the tenant and the first membership, the pre-token trigger issues the
 * directory's current ones (ADR 0017). Cognito sends the invitation with a temporary password.
 */
export const cognitoIdentityProvider = (userPoolId: string): IdentityProvider => {
  client ??= new CognitoIdentityProviderClient({});
  const cognito = client;
  return {
    async createIdentity(identity) {
      try {
        const { User } = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: identity.email,
            DesiredDeliveryMediums: ['EMAIL'],
            UserAttributes: [
              { Name: 'email', Value: identity.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: identity.displayName },
              { Name: 'custom:tenant', Value: identity.tenantId },
              { Name: 'custom:office', Value: identity.officeId },
              { Name: 'custom:role', Value: identity.role },
            ],
          }),
        );
        const sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
        if (!sub) throw new Error('AdminCreateUser returned no sub');
        return { userId: sub };
      } catch (error) {
        // The pool is shared by every tenant: a sign-in name taken anywhere cannot be taken again.
        if (error instanceof UsernameExistsException) throw new UserEmailTakenError();
        throw error;
      }
    },
    async deleteIdentity(identity) {
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: identity.email }));
    },
  };
};
