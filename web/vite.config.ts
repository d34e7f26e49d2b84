import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** `@kikan/shared` is TypeScript source in a sibling workspace, reached through the npm workspace link. */
const sharedSource = fileURLToPath(new URL('../shared', import.meta.url));

export default defineConfig({
  plugins: [
    sveltekit({
      // An SPA: every unknown path gets index.html and the client router takes over.
      adapter: adapter({ fallback: 'index.html' }),
    }),
  ],
  server: {
    fs: { allow: [sharedSource] },
  },
});
