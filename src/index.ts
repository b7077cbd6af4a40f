/**
 * Entry. graphql-js checks every `instanceof` the slow way unless NODE_ENV is `production`, so that
 * is the default here (set NODE_ENV to choose otherwise); it must be set before graphql loads.
 */
process.env.NODE_ENV ??= 'production';
await import('./main.js');
