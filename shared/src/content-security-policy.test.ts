import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from './content-security-policy.ts';

describe('content security policy', () => {
  it('hashes inline scripts and ignores external ones', () => {
    const html = '<script src="/app.js"></script><script>start(1)</script><script> </script>';
    const expected = `'sha256-${createHash('sha256').update('start(1)').digest('base64')}'`;
    expect(inlineScriptHashes(html)).toEqual([expected]);
  });

  it('allows scripts only from self and the given hashes, never unsafe-inline', () => {
    const policy = contentSecurityPolicy({
      connectTo: ['https://login.example'],
      inlineScripts: ["'sha256-abc'"],
    });
    const scriptSrc = policy.split('; ').find((directive) => directive.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self' 'sha256-abc'");
    expect(policy).toContain("connect-src 'self' https://login.example");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('is strict where row 18 asks: self by default, no eval anywhere, no plugins, no framing, no base tag', () => {
    const policy = contentSecurityPolicy({ connectTo: [], inlineScripts: ["'sha256-abc'"] });
    const directives = new Map(
      policy.split('; ').map((directive) => {
        const [name = '', ...sources] = directive.split(' ');
        return [name, sources];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('form-action')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain('unsafe-eval');
    // No wildcard, scheme or data: source that would let a script come from anywhere else.
    expect(directives.get('script-src')?.filter((source) => /^(\*|https?:|data:)/.test(source))).toEqual([]);
  });
});
