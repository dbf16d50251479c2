/**
 * Lets a plain `node --require ./swc-hook.js child.ts` run the repository's TypeScript, compiled by @swc/core
 * with the same .swcrc as jest, and resolves the @pks/* aliases to libs/<name>/src like jest.config.js does.
 * Test-only: child processes cannot use jest's transformer.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const swcOptions = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcOptions.$schema;
const alias = /^@pks\/(domain|event-store|application|projections|infrastructure)(\/.*)?$/;

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const match = alias.exec(request);
  const target = match ? path.join(root, 'libs', match[1], 'src', match[2] ?? '') : request;
  return resolve.call(this, target, ...rest);
};

// Registering the extension also makes Node's resolver try `.ts` for extension-less requests.
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions, filename, swcrc: false });
  module._compile(code, filename);
};
