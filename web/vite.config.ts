import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** `@kikan/shared` is TypeScript source in a sibling workspace, reached through the npm workspace link. */
const sharedSource = fileURLToPath(new URL('../shared', import.meta.url));
/** Absolute, because the adapter resolves paths from the process's cwd and e2e builds from the repo root. */
const buildDir = fileURLToPath(new URL('./build', import.meta.url));

export default defineConfig({
  plugins: [
    sveltekit({
      // An SPA: every unknown path gets index.html and the client router takes over.
      adapter: adapter({ pages: buildDir, assets: buildDir, fallback: 'index.html' }),
    }),
  ],
  server: {
    fs: { allow: [sharedSource] },
  },
});
