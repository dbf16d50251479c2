#!/usr/bin/env node
/**
 * Runs an app of the monorepo from its build in dist/, building it first only when a source file changed since
 * the last build (`npm start` and `npm run cli` start at once when nothing changed); the API also serves the
 * dashboard, built into web/dist the same way. The builds' own output goes to stderr, so that a command whose
 * stdout is its answer (`npm run cli -- token`) prints nothing else there.
 *
 * Usage: node scripts/run-built.js <api|cli> [arguments for the app...]
 */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } = require('node:fs');
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

const WEB_INPUTS = ['web/src', 'web/index.html', 'web/vite.config.mjs', 'package-lock.json'];

/** Runs `command` when `output` is missing or older than one of `inputs` (the stamp records the last build). */
function buildIfStale(name, output, stampPath, inputs, command, commandArgs) {
  const stale =
    !existsSync(output) ||
    !existsSync(stampPath) ||
    inputs.some((input) => newest(join(root, input)) > statSync(stampPath).mtimeMs);
  if (!stale) return;
  process.stderr.write(`building ${name}...\n`);
  const built = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stampPath, new Date().toISOString());
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
buildIfStale(app, entry, stamp, INPUTS, bin('nest'), ['build', app]);
if (app === 'api') {
  const page = join(root, 'web', 'dist', 'index.html');
  buildIfStale('the dashboard', page, join(root, 'dist', '.built-web'), WEB_INPUTS, bin('vite'), [
    'build',
    'web',
    '--logLevel',
    'warn',
  ]);
}
// The app gets the signals this process gets (a service stopped with SIGTERM shuts down cleanly).
const child = spawn(process.execPath, [entry, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
