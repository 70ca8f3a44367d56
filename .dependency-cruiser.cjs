// The import rules of docs/architecture.md, enforced by `npm run lint:deps` (npm run check, CI).
// Violations that predate a rule would be listed in .dependency-cruiser-known-violations.json
// (it is empty); a new one fails the build.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      comment: 'Modules depend on each other in one direction only.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { circular: true },
    },
    {
      name: 'no-module-internals',
      comment: "A module imports another module only through that module's index.ts.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.table\\.ts$' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-module-internals',
      comment:
        "A table may name another module's table for a foreign key (the schema is one database; src/schema.ts gathers every table), and nothing else of it.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/[^/]+\\.table\\.ts$' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/[^/]+\\.table\\.ts$'],
      },
    },
    {
      name: 'root-uses-module-surfaces',
      comment: "The composition root, the CLI and the simulator use a module through its index.ts, as other modules do.",
      severity: 'error',
      from: { path: '^src/(server|cli|sim)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-imports-no-module',
      comment: 'src/app is the platform (database, HTTP helpers, config, jobs, errors): it wires no module.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(modules|cli|sim)/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds rules without I/O: it imports only itself and pure libraries.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/(ipaddr\\.js|@sinclair/typebox|re2js)/', '^(node:)?crypto$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'console-imports-pure-domain-only',
      comment:
        'The console (web/src) is a browser bundle: of src/ it imports only pure files of the domain (pool levels, stats ranges), never the server.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/domain/(pool-levels|stats-range)\\.ts$' },
    },
    {
      name: 'server-does-not-import-the-console',
      comment: 'The server serves the built console as files; no server file imports the console.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'server-does-not-import-the-simulator',
      comment: 'The simulator and the remsim-server double are tools: the CLI and tests use them, the server does not.',
      severity: 'error',
      from: { path: '^src/(app|modules|domain)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/sim/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^(dist|bench|test)/|^web/(dist|public|scripts)/|^web/vite\\.config\\.ts$' },
  },
};
