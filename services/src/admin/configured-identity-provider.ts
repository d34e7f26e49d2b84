import { config } from '../config.ts';
import { localIdentityProvider, type IdentityProvider } from './identity-provider.ts';

/**
 * The provider of this deployment. The Cognito client is loaded only in AWS, on the first staff
 * member added (the admin function's other routes never evaluate it).
 */
export const configuredIdentityProvider = async (): Promise<IdentityProvider> => {
  const { auth } = config();
  if (auth.mode === 'local') return localIdentityProvider;
  const { cognitoIdentityProvider } = await import('./cognito-identity-provider.ts');
  return cognitoIdentityProvider(auth.userPoolId);
};
