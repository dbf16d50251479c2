#!/usr/bin/env node
/**
 * Runs an app of the monorepo from its build in dist/, building it first only when a source file changed since
 * the last build (`npm start` and `npm run cli` start at once when nothing changed); the API also serves the
 * dashboard, built into web/dist the same way.
 *
 * Usage: node scripts/run-built.js <api|cli> [arguments for the app...]
 */
const { spawn } = require('node:child_process');
const { ensureBuilt } = require('./built-apps');

const [app, ...args] = process.argv.slice(2);
if (!['api', 'cli'].includes(app)) {
  process.stderr.write('usage: node scripts/run-built.js <api|cli> [arguments...]\n');
  process.exit(64);
}
let entry;
try {
  entry = ensureBuilt(app);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
// The app gets the signals this process gets (a service stopped with SIGTERM shuts down cleanly).
const child = spawn(process.execPath, [entry, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
