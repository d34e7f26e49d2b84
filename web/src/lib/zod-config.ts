import * as z from 'zod';

/**
 * The portal's CSP has no 'unsafe-eval' (SECURITY.md row 18). Zod compiles a fast parser with
 * `new Function` when it may, and finds out by trying: under the CSP that probe is refused and
 * reported as a violation even though zod catches it. Jitless mode skips the probe and the compiled
 * path; the portal parses small API answers, so the interpreted path costs nothing noticeable.
 */
z.config({ jitless: true });
