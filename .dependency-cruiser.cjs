/**
 * Import cycles, and the boundaries of services/src, checked over the TypeScript sources of every
 * workspace (tests included). Which packages a workspace may import is ESLint's job (eslint.config.js).
 *
 * services/src, from the bottom up: kernel/ (errors, stamps, the version check, retry) ← data/
 * (the table) ← policy/ (who may do what) and consent/ (what a person's consent allows, across
 * contexts) ← http/ (the function core) ← one directory per bounded context, each its own Lambda.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const CONTEXTS = '(admin|caseload|supervision|council|statistics|platform|retention|cognito|digest)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes modules initialise in an order nobody chose; split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-cross-context',
      severity: 'error',
      comment:
        "Each context is one Lambda and one bounded context: it never imports another context's files. " +
        'What two contexts share lives below them, in services/src/http, policy, consent, data, files, import, notifications or kernel.',
      from: { path: `^services/src/${CONTEXTS}/` },
      to: { path: `^services/src/${CONTEXTS}/`, pathNot: '^services/src/$1/' },
    },
    {
      name: 'shared-layers-import-no-context',
      severity: 'error',
      comment:
        'http/, policy/, consent/, data/, files/, import/, notifications/ and kernel/ serve every context, so none of them imports one: ' +
        'move the shared part down instead.',
      from: { path: '^services/src/(http|policy|consent|data|kernel|auth|files|import|notifications)/' },
      to: { path: `^services/src/${CONTEXTS}/` },
    },
    {
      name: 'kernel-is-the-bottom',
      severity: 'error',
      comment:
        'kernel/ (errors, stamps, the version check, retry) sits below data/: it imports only itself and @kikan/shared.',
      from: { path: '^services/src/kernel/' },
      to: { path: '^services/src/', pathNot: '^services/src/kernel/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'cdk\\.out', '\\.svelte-kit', 'web/build', '\\.data'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
