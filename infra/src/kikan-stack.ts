import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api.ts';
import { Auth } from './auth.ts';
import { Data } from './data.ts';
import { Web } from './web.ts';

export interface KikanStackProps extends StackProps {
  authDomainPrefix: string;
  /** Origins besides the CloudFront one that may receive sign-in redirects (custom domains). */
  extraOrigins: readonly string[];
  webBuildDir: string;
  allowedCountries: readonly string[];
}

/** Kikan in one region: it wires the four concerns together and builds nothing itself. */
export class KikanStack extends Stack {
  constructor(scope: Construct, id: string, props: KikanStackProps) {
    super(scope, id, props);

    const data = new Data(this, 'Data');
    const auth = new Auth(this, 'Auth', { domainPrefix: props.authDomainPrefix });
    const api = new Api(this, 'Api', { data, auth });
    const web = new Web(this, 'Web', {
      api,
      auth,
      buildDir: props.webBuildDir,
      allowedCountries: props.allowedCountries,
    });
    for (const origin of [web.origin, ...props.extraOrigins]) {
      auth.allowOrigin(origin);
    }
  }
}
