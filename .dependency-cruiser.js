/**
 * Layer rules (STYLE.md "Layout"), checked in `npm test`:
 * apps -> application / projections -> domain; adapters are chosen only in apps (and tests).
 */
const ADAPTERS = '^libs/event-store/src/(adapters|sqlite|in-memory|eventstoredb)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing outside itself: no Node modules, no packages, no other layer.',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/src' },
    },
    {
      name: 'domain-specs-use-the-domain-and-fast-check-only',
      comment:
        "The domain's specs import the domain, and fast-check for its properties (jest's globals need no import).",
      severity: 'error',
      from: { path: '^libs/domain/src/.*\\.spec\\.ts$' },
      to: { pathNot: ['^libs/domain/src', '^node_modules/fast-check/'] },
    },
    {
      name: 'application-depends-on-the-port-not-an-adapter',
      comment:
        'The application talks to the event store port; it never names an adapter or a database driver (its tests run on the in-memory store).',
      severity: 'error',
      from: { path: '^libs/application/src', pathNot: ['/testing/', '\\.spec\\.ts$'] },
      to: { path: [ADAPTERS, '^node_modules/(better-sqlite3|@eventstore)', '^libs/projections', '^apps/'] },
    },
    {
      name: 'only-apps-choose-adapters',
      comment:
        'Store adapters are chosen in libs/infrastructure (and exercised by tests and benchmarks), nowhere else.',
      severity: 'error',
      from: {
        pathNot: [
          '^apps/',
          '^test/',
          '^bench/',
          '^libs/event-store/src',
          '^libs/infrastructure/src',
          '/testing/',
          '\\.spec\\.ts$',
        ],
      },
      to: { path: ADAPTERS },
    },
    {
      name: 'apps-never-import-other-apps',
      comment: 'What two apps share lives in a library (libs/infrastructure: configuration, the store factory).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'only-infrastructure-knows-every-layer',
      comment: 'The domain, the store, the application and the projections never import the infrastructure.',
      severity: 'error',
      from: { path: '^libs/(domain|event-store|application|projections)/' },
      to: { path: '^libs/infrastructure/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'event-store-knows-no-domain-or-layers-above',
      comment: 'The store keeps events of any kind: it imports neither the domain nor the layers that use it.',
      severity: 'error',
      from: { path: '^libs/event-store/src' },
      to: { path: ['^libs/(domain|application|projections)', '^apps/'] },
    },
    {
      name: 'projections-do-not-use-application',
      comment: 'Read models fold events; they do not call command handlers.',
      severity: 'error',
      from: { path: '^libs/projections/src' },
      to: { path: ['^libs/application', '^apps/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Packages are leaves of the graph (not followed), so that the rules about them can fire. A worktree whose
    // node_modules links to another checkout's keeps the link's path: through it, a package would be
    // ../<checkout>/node_modules/... and be cruised as if it were the project's.
    preserveSymlinks: true,
    exclude: { path: ['^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
