#!/usr/bin/env node
/**
 * Runs an app of the monorepo from its build in dist/, building it first only when a source file changed since
 * the last build (`npm start` and `npm run cli` start at once when nothing changed). The build's own output goes
 * to stderr, so that a command whose stdout is its answer (`npm run cli -- token`) prints nothing else there.
 *
 * Usage: node scripts/run-built.js <api|cli> [arguments for the app...]
 */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const [app, ...args] = process.argv.slice(2);
if (!['api', 'cli'].includes(app)) {
  process.stderr.write('usage: node scripts/run-built.js <api|cli> [arguments...]\n');
  process.exit(64);
}
const entry = join(root, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
const stamp = join(root, 'dist', `.built-${app}`);
const INPUTS = ['apps', 'libs', 'tsconfig.json', 'nest-cli.json', 'package-lock.json'];

/** The newest modification time of a file or of any file below a folder (tests excluded: they are not built). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return /\.(spec|e2e-spec)\.ts$/.test(path) ? 0 : info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), info.mtimeMs);
}

const stale =
  !existsSync(entry) ||
  !existsSync(stamp) ||
  INPUTS.some((input) => newest(join(root, input)) > statSync(stamp).mtimeMs);
if (stale) {
  process.stderr.write(`building ${app}...\n`);
  const nest = join(root, 'node_modules', '.bin', 'nest');
  const built = spawnSync(nest, ['build', app], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}
// The app gets the signals this process gets (a service stopped with SIGTERM shuts down cleanly).
const child = spawn(process.execPath, [entry, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
