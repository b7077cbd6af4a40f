/**
 * The house's rules, checked by `npm test` (`npm run check:layers`): no import circles, and no
 * import from a lower layer to a higher one. `layers` is the one list of them, lowest first; a
 * module may import its own layer and the ones below. The simulator stands beside the gateway:
 * it may use the foundation, the settings and the Streaming API's wire module, and only the
 * server (which starts it when no upstream is configured) imports it.
 */
const layers = [
  ['foundation', '^src/(catalog/|rules\\.ts|errors\\.ts|refusals\\.ts)'],
  ['config', '^src/config/'],
  ['observability', '^src/observability/'],
  ['state', '^src/state/'],
  ['protection', '^src/protection/'],
  ['datasources', '^src/datasources/'],
  ['events', '^src/events/'],
  ['resolvers', '^src/resolvers/'],
  ['schema', '^src/schema/'],
  ['plugins', '^src/plugins/'],
  ['http', '^src/(http|graphql)/'],
  ['gateway', '^src/gateway/'],
  ['server', '^src/server/'],
  ['entry', '^src/(main|index)\\.ts'],
];

const upward = layers.slice(0, -1).map(([name, path], index) => ({
  name: `no-upward-from-${name}`,
  comment: `The ${name} layer imports only itself and the layers below it.`,
  severity: 'error',
  from: { path },
  to: { path: layers.slice(index + 1).map(([, higher]) => higher) },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Modules never import each other in a circle.', from: { path: '^src/' }, to: { circular: true } },
    ...upward,
    {
      name: 'simulator-stands-beside',
      severity: 'error',
      comment: 'The simulator plays the API from the catalog; it knows nothing of the gateway but the wire format it shares.',
      from: { path: '^src/simulator/' },
      to: { path: '^src/', pathNot: ['^src/(simulator|catalog|config)/', '^src/rules\\.ts', '^src/datasources/streaming-api\\.ts'] },
    },
    {
      name: 'only-the-server-starts-the-simulator',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/simulator/', '^src/server/'] },
      to: { path: '^src/simulator/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
