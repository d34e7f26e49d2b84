import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../services/local/stack.ts';

/**
 * The JavaScript a first load of each portal route fetches, from the production build: what
 * index.html loads (SvelteKit's start and app entries, the root layout) plus the route's own
 * layout and page nodes, each with its static imports. Dynamic imports are left out: they are
 * fetched only when the page asks for them.
 */

const WEB_ROOT = join(REPO_ROOT, 'web');
const CLIENT_OUTPUT = join(WEB_ROOT, '.svelte-kit', 'output', 'client');
const MANIFEST = join(CLIENT_OUTPUT, '.vite', 'manifest.json');
/** SvelteKit's generated client app: its `dictionary` maps each route to its layout and page nodes. */
const GENERATED_APP = join(WEB_ROOT, '.svelte-kit', 'generated', 'build', 'client-optimized', 'app.js');
const INDEX_HTML = join(WEB_ROOT, 'build', 'index.html');

/**
 * zlib's default level (6): CloudFront compresses on the fly (the CDK distribution's default) and
 * does not promise a level; level 9 would be about 1 % smaller.
 */
export const GZIP_LEVEL_NOTE = 'gzip level 6 (zlib default)';

/** The routes a user opens first, in the order the report lists them. */
export const MAIN_ROUTES = [
  '/',
  '/cases',
  '/cases/[caseId]',
  '/core',
  '/difficult-cases',
  '/ledger',
  '/statistics',
  '/council',
  '/login',
] as const;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface RouteWeight {
  route: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

export interface PortalWeights {
  /** What index.html loads before any route's own code: the floor every route pays. */
  shell: RouteWeight;
  routes: RouteWeight[];
}

/** The same build a developer runs (`npm run build -w web`), as e2e does: the Vite CLI also runs the adapter. */
export const buildPortal = (): void => {
  const [major] = process.versions.node.split('.').map(Number);
  if ((major ?? 0) < 22) {
    throw new Error(
      `SvelteKit's build needs Node 22 or later (this is ${process.version}); run through npm, which puts the repository's Node 24 first on PATH`,
    );
  }
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: WEB_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
};

/** `export const dictionary = {...};` of the generated app: route id → [page, layouts?, errors?]. */
const readDictionary = (): Record<string, [number, (number | undefined)[]?, (number | undefined)[]?]> => {
  const source = readFileSync(GENERATED_APP, 'utf8');
  const literal = /export const dictionary = (\{[\s\S]*?\});/.exec(source)?.[1];
  if (!literal) throw new Error(`no route dictionary in ${GENERATED_APP}`);
  // Our own build output, a plain object literal of numbers and arrays (with holes for absent layouts).
  return new Function(`return ${literal};`)() as Record<
    string,
    [number, (number | undefined)[]?, (number | undefined)[]?]
  >;
};

/** SvelteKit writes a node that has a server load as `~n`; an SPA has none, but decode it anyway. */
const nodeIndex = (encoded: number): number => (encoded < 0 ? ~encoded : encoded);

export const measureWeights = (): PortalWeights => {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestChunk>;
  const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));
  const nodeChunk = (index: number): ManifestChunk => {
    const chunk = Object.values(manifest).find(
      (candidate) => candidate.isEntry && candidate.src?.endsWith(`client-optimized/nodes/${index}.js`),
    );
    if (!chunk) throw new Error(`node ${index} is not in the Vite manifest`);
    return chunk;
  };

  const closure = (roots: readonly ManifestChunk[]): Set<string> => {
    const files = new Set<string>();
    const visit = (chunk: ManifestChunk) => {
      if (files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const key of chunk.imports ?? []) {
        const imported = manifest[key];
        if (!imported) throw new Error(`${chunk.file} imports ${key}, which the manifest lacks`);
        visit(imported);
      }
    };
    roots.forEach(visit);
    return files;
  };

  const sizes = new Map<string, { raw: number; gzip: number }>();
  const weigh = (route: string, files: Set<string>): RouteWeight => {
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      let size = sizes.get(file);
      if (!size) {
        const content = readFileSync(join(CLIENT_OUTPUT, file));
        size = { raw: content.length, gzip: gzipSync(content).length };
        sizes.set(file, size);
      }
      rawBytes += size.raw;
      gzipBytes += size.gzip;
    }
    return { route, files: [...files].sort(), rawBytes, gzipBytes };
  };

  // index.html: the modules it preloads and the two it imports (start, then app).
  const html = readFileSync(INDEX_HTML, 'utf8');
  const shellFiles = [
    ...html.matchAll(/<link href="\/([^"]+\.js)" rel="modulepreload">/g),
    ...html.matchAll(/import\("\/([^"]+\.js)"\)/g),
  ].map((match) => match[1] ?? '');
  const shellRoots = [...new Set(shellFiles)].map((file) => {
    const chunk = byFile.get(file);
    if (!chunk) throw new Error(`index.html loads ${file}, which the manifest lacks`);
    return chunk;
  });
  // The root layout (node 0) is always loaded; the root error page (node 1) only on an error.
  shellRoots.push(nodeChunk(0));
  const shell = closure(shellRoots);

  const dictionary = readDictionary();
  const routes = MAIN_ROUTES.map((route) => {
    const entry = dictionary[route];
    if (!entry) throw new Error(`route ${route} is not in the build`);
    const [page, layouts = []] = entry;
    const nodes = [...layouts.filter((layout) => layout !== undefined), page].map(nodeIndex);
    return weigh(route, closure([...shellRoots, ...nodes.map(nodeChunk)]));
  });
  return { shell: weigh('shell', shell), routes };
};
