/**
 * Builds of the monorepo's apps in dist/, made again only when a source file changed since the last one: used by
 * `npm start` and `npm run cli` (scripts/run-built.js) and by the bench, which measures the service as built.
 * The builds' own output goes to stderr, so that a command whose stdout is its answer prints nothing else there.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const INPUTS = ['apps', 'libs', 'tsconfig.json', 'nest-cli.json', 'package-lock.json'];
const WEB_INPUTS = ['web/src', 'web/index.html', 'web/vite.config.mjs', 'package-lock.json'];

/** The built entry point of an app. */
function entryOf(app) {
  return join(root, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
}

/** The newest modification time of a file or of any file below a folder (tests excluded: they are not built). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return /\.(spec|e2e-spec)\.ts$/.test(path) ? 0 : info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), info.mtimeMs);
}

/** Runs `command` when `output` is missing or older than one of `inputs` (the stamp records the last build). */
function buildIfStale(name, output, stampPath, inputs, command, commandArgs) {
  const stale =
    !existsSync(output) ||
    !existsSync(stampPath) ||
    inputs.some((input) => newest(join(root, input)) > statSync(stampPath).mtimeMs);
  if (!stale) return;
  process.stderr.write(`building ${name}...\n`);
  // The stamp records when the build started: a source edited while it ran is newer, and builds again next time.
  const started = new Date();
  const built = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) throw new Error(`building ${name} failed (exit ${built.status})`);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stampPath, started.toISOString());
  utimesSync(stampPath, started, started);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * Builds the app unless its build is current, and, for the API when `withDashboard`, the dashboard it serves.
 * @returns the app's built entry point.
 */
function ensureBuilt(app, { withDashboard = app === 'api' } = {}) {
  const entry = entryOf(app);
  buildIfStale(app, entry, join(root, 'dist', `.built-${app}`), INPUTS, bin('nest'), ['build', app]);
  if (withDashboard) {
    const page = join(root, 'web', 'dist', 'index.html');
    buildIfStale('the dashboard', page, join(root, 'dist', '.built-web'), WEB_INPUTS, bin('vite'), [
      'build',
      'web',
      '--logLevel',
      'warn',
    ]);
  }
  return entry;
}

module.exports = { ensureBuilt, entryOf };
