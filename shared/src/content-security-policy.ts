import { createHash } from 'node:crypto';

/**
 * Hashes (`'sha256-…'`) of the inline scripts of a page. SvelteKit starts the SPA with one inline
 * `<script>` in index.html; naming its hash lets `script-src` stay `'self'` without 'unsafe-inline'.
 */
export const inlineScriptHashes = (html: string): string[] =>
  [...html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((match) => match[1] ?? '')
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);

export interface ContentSecurityPolicyInput {
  /** Origins besides 'self' the portal calls with fetch: the Cognito hosted-login domain (token endpoint). */
  connectTo: readonly string[];
  /** Hashes of the inline scripts the portal's index.html carries. */
  inlineScripts: readonly string[];
}

/**
 * The portal's Content-Security-Policy (SECURITY.md row 18, ADR 0019). Scripts are strict: 'self'
 * plus the hashes of the inline start-up script, never 'unsafe-inline' or 'unsafe-eval' (the portal
 * runs zod jitless so nothing needs eval). `style-src` keeps 'unsafe-inline' for style attributes:
 * SvelteKit's index.html wraps the app in `<div style="display: contents">` and SvelteKit's route
 * announcer (the live region that reads the new page's title) is positioned off-screen by a style
 * attribute; without it the announcer would show on every page. Styles cannot run code.
 */
export const contentSecurityPolicy = ({ connectTo, inlineScripts }: ContentSecurityPolicyInput): string =>
  [
    "default-src 'self'",
    ["script-src 'self'", ...inlineScripts].join(' '),
    ["connect-src 'self'", ...connectTo].join(' '),
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
