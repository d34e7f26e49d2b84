/**
 * The header CloudFront adds to every request it forwards to the API, carrying a secret generated
 * at deployment (infra/src/api.ts). The API functions refuse requests without it, so the public
 * execute-api endpoint cannot be used to go around CloudFront and its WAF (ADR 0017).
 */
export const ORIGIN_VERIFY_HEADER = 'x-kikan-origin-verify';
