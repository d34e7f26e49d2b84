import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from './config.ts';

const localEnvironment = {
  AUTH_MODE: 'local',
  LOCAL_ISSUER: 'http://127.0.0.1:4010/local-auth',
  LOCAL_CLIENT_ID: 'kikan-local-portal',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  TABLE_NAME: 'kikan-test',
};

const cognitoEnvironment = {
  AUTH_MODE: 'cognito',
  TABLE_NAME: 'kikan-prod',
  COGNITO_USER_POOL_ID: 'ap-northeast-1_AbCdEf123',
  COGNITO_CLIENT_ID: '1example23456789abcdefghij',
  AWS_LAMBDA_FUNCTION_NAME: 'kikan-prod-caseload',
};

describe('loadConfig', () => {
  it('refuses the local issuer inside AWS Lambda', () => {
    const env = { ...localEnvironment, AWS_LAMBDA_FUNCTION_NAME: 'x' };

    expect(() => loadConfig(env)).toThrow(ConfigurationError);
  });

  it('reads the local issuer and DynamoDB Local outside Lambda', () => {
    const config = loadConfig(localEnvironment);

    expect(config).toEqual({
      tableName: 'kikan-test',
      auth: { mode: 'local', issuer: 'http://127.0.0.1:4010/local-auth', clientId: 'kikan-local-portal' },
      dynamoDbEndpoint: 'http://127.0.0.1:8000',
      // The sign-in session's token endpoints are the local issuer's (ADR 0037).
      oauth: { baseUrl: 'http://127.0.0.1:4010/local-auth', clientId: 'kikan-local-portal' },
    });
  });

  it('uses the default local table name when none is set in local mode', () => {
    const { TABLE_NAME: _tableName, ...env } = localEnvironment;

    expect(loadConfig(env).tableName).toBe('kikan-local');
  });

  it('reads the Cognito user pool and client in cognito mode, with no DynamoDB endpoint', () => {
    const config = loadConfig(cognitoEnvironment);

    expect(config).toEqual({
      tableName: 'kikan-prod',
      auth: {
        mode: 'cognito',
        userPoolId: 'ap-northeast-1_AbCdEf123',
        clientId: '1example23456789abcdefghij',
      },
    });
  });

  it('calls the hosted login for the sign-in session over https only (ADR 0037)', () => {
    const base = 'https://kikan-test.auth.ap-northeast-1.amazoncognito.com';
    expect(loadConfig({ ...cognitoEnvironment, OAUTH_BASE_URL: base }).oauth).toEqual({
      baseUrl: base,
      clientId: '1example23456789abcdefghij',
    });
    expect(() => loadConfig({ ...cognitoEnvironment, OAUTH_BASE_URL: 'http://kikan-test.example' })).toThrow(
      /OAUTH_BASE_URL/,
    );
  });

  it('ignores a DynamoDB endpoint in cognito mode', () => {
    const config = loadConfig({ ...cognitoEnvironment, DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' });

    expect(config.dynamoDbEndpoint).toBeUndefined();
  });

  it('refuses cognito mode without a table name, naming the variable', () => {
    const { TABLE_NAME: _tableName, ...env } = cognitoEnvironment;

    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(/TABLE_NAME/);
  });

  it('refuses cognito mode without a user pool id', () => {
    const { COGNITO_USER_POOL_ID: _userPoolId, ...env } = cognitoEnvironment;

    expect(() => loadConfig(env)).toThrow(/COGNITO_USER_POOL_ID/);
  });

  it.each([
    ['no AUTH_MODE', {}],
    ['an unknown AUTH_MODE', { AUTH_MODE: 'none' }],
  ])('refuses %s', (_d, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
  });

  it('names the invalid variables without echoing their values', () => {
    const env = { ...localEnvironment, LOCAL_ISSUER: 'not a url with-a-secret-value' };

    expect(() => loadConfig(env)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('LOCAL_ISSUER') }),
    );
    expect(() => loadConfig(env)).not.toThrow(/with-a-secret-value/);
  });
});
