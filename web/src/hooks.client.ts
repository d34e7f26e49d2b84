// Runs before any page's code is loaded: zod must be jitless before the first schema is built
// (an object schema decides at construction whether to compile a parser with `new Function`).
import '#lib/zod-config.ts';
