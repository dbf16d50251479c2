/**
 * `npm run bench -- --size small|medium|large [--only <scenario>[,<scenario>]]`
 *
 * Runs each scenario in its own child process (its peak RSS is its own; the servers it starts are processes of
 * their own too), prints every figure as it comes, then writes bench/results/<size>-latest.json and
 * bench/results/<size>-latest.md: each figure next to the limit measured in the same run, the ratio, the target
 * of issue 14 and whether it is met. Targets are judged, never tuned for: a figure is what was measured.
 * Exit code 1 when a scenario failed (not when a target is missed).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Figure } from './support/scenario-io';
import { buildService } from './support/server-process';

const REPO = join(__dirname, '..');
const RESULTS = join(__dirname, 'results');
const SIZES = ['small', 'medium', 'large'];
const SCENARIO_TIMEOUT_MS = 45 * 60_000;

interface Step {
  readonly scenario: string;
  readonly file: string;
  readonly args: string[];
  /** Node options of the scenario's process. */
  readonly nodeArgs?: string[];
  /** What the step is, in the log. */
  readonly title?: string;
}

const ORDER = [
  'dataset',
  'limit-commits',
  'limit-appends',
  'commands',
  'large-cohort',
  'rebuild',
  'queries',
  'state-cache',
  'ledger',
] as const;
type ScenarioName = (typeof ORDER)[number];

function steps(name: ScenarioName, size: string): Step[] {
  const file = (f: string) => join(__dirname, 'scenarios', f);
  switch (name) {
    case 'dataset':
      return [{ scenario: name, file: join(__dirname, 'support', 'ensure-dataset.ts'), args: ['--size', size] }];
    case 'rebuild':
      return [
        { scenario: name, file: file('rebuild.scenario.ts'), args: [size, 'raw'], title: 'raw scan' },
        { scenario: name, file: file('rebuild.scenario.ts'), args: [size, 'rebuild'], title: 'rebuild' },
      ];
    case 'ledger':
      return ['append', 'proofs', 'verify'].map((part) => ({
        scenario: name,
        file: file('ledger.scenario.ts'),
        args: [size, part],
        title: part,
      }));
    case 'commands':
      return ['payments', 'mix'].map((workload) => ({
        scenario: name,
        file: file('commands.scenario.ts'),
        args: ['--size', size, '--workload', workload],
        title: workload,
      }));
    case 'state-cache':
      return [{ scenario: name, file: file('state-cache.scenario.ts'), args: [], nodeArgs: ['--expose-gc'] }];
    case 'limit-commits':
    case 'limit-appends':
    case 'large-cohort':
    case 'queries':
      return [{ scenario: name, file: file(`${name}.scenario.ts`), args: ['--size', size] }];
  }
}

/** Scenarios whose limit is measured by another scenario bring it along. */
const NEEDS: Partial<Record<ScenarioName, ScenarioName[]>> = {
  commands: ['limit-appends'],
  'large-cohort': ['limit-commits'],
  rebuild: ['dataset'],
  queries: ['dataset'],
  ledger: ['dataset'],
};

interface ScenarioRun {
  ok: boolean;
  seconds: number;
  /** CPU seconds used on this machine during the scenario by processes other than the bench's. */
  otherCpuSeconds?: number | null;
  error?: string;
  figures: Figure[];
}

interface Row {
  scenario: string;
  key: string;
  figure: string;
  value: string;
  limit: string;
  ratio: number | null;
  target: string;
  met: 'yes' | 'no' | 'n/a' | '';
  raw: Figure | null;
}

interface Target {
  readonly id: string;
  /** The row of issue 14's table. */
  readonly text: string;
  /** The scenarios whose figures it judges. */
  readonly scenarios: readonly ScenarioName[];
  /** Which figures it judges. */
  readonly keys: (key: string) => boolean;
  /** The target as the figure's row states it. */
  readonly rowTarget: (figure: Figure) => string;
  /** Sizes the issue sets it for (judged anyway, flagged when the run is of another size). */
  readonly forSizes?: string[];
  /** Figures judged on their share of the limit (shown with it in the targets table). */
  readonly byRatio?: readonly string[];
  /** Set for power-loss durability (synchronous=FULL): n/a in a run at another setting. */
  readonly fullDurability?: boolean;
  readonly judge: (figure: Figure, ratio: number | null) => boolean;
}

const under = (f: Figure, limit: number) => f.value !== null && f.value < limit;

/** Issue 14's targets. Judged, never tuned for. */
const TARGETS: Target[] = [
  {
    id: 'rebuild',
    text: 'rebuild of the large dataset (about 1.05 million events): at least 70% of the raw scan',
    scenarios: ['rebuild'],
    keys: (k) => k === 'rebuild.rebuild',
    rowTarget: () => '≥ 70% of the raw scan',
    byRatio: ['rebuild.rebuild'],
    forSizes: ['large'],
    judge: (_f, ratio) => ratio !== null && ratio >= 0.7,
  },
  {
    id: 'payments',
    text: "payments only over HTTP, 64 clients: at least 50% of the in-process store's group-commit rate of the same run, p99 under 50 ms (synchronous=FULL)",
    scenarios: ['commands'],
    keys: (k) => k === 'commands.payments.rate' || k === 'commands.payments.latency',
    rowTarget: (f) => (f.key.endsWith('.rate') ? '≥ 50% of the store in-process (FULL)' : 'p99 < 50 ms (FULL)'),
    byRatio: ['commands.payments.rate'],
    fullDurability: true,
    judge: (f, ratio) => (f.key.endsWith('.rate') ? ratio !== null && ratio >= 0.5 : under(f, 50)),
  },
  {
    id: 'mix',
    text: 'mix of 90% payments, 5% enrolments of 1,000 members, 5% claims over HTTP, 64 clients: at least 1,500 commands/s, p99 under 100 ms (synchronous=FULL)',
    scenarios: ['commands'],
    keys: (k) => k === 'commands.mix.rate' || k === 'commands.mix.latency',
    rowTarget: (f) => (f.key.endsWith('.rate') ? '≥ 1,500/s (FULL)' : 'p99 < 100 ms (FULL)'),
    fullDurability: true,
    judge: (f) => (f.key.endsWith('.rate') ? (f.value ?? 0) >= 1_500 : under(f, 100)),
  },
  {
    id: 'large-cohort',
    text: 'the 100,402-member enrolment plus its projection under 1.5 s',
    scenarios: ['large-cohort'],
    keys: (k) => k === 'large-cohort.enrolAndProject',
    rowTarget: () => '< 1.5 s',
    judge: (f) => under(f, 1.5),
  },
  {
    id: 'queries',
    text: 'queries on the large dataset, one at a time and from 8 concurrent clients: all 17 figures (16 p99 under 20 ms, the server under 1 GB)',
    scenarios: ['queries'],
    keys: (k) =>
      (k.startsWith('queries.') && (k.endsWith('.seq') || k.endsWith('.conc')) && !k.startsWith('queries.health.')) ||
      k === 'queries.serverRss',
    rowTarget: (f) => (f.key === 'queries.serverRss' ? '< 1,024 MB' : 'p99 < 20 ms'),
    forSizes: ['large'],
    // A query that failed (connection reset, non-200) misses the target whatever the latency of the others.
    judge: (f) => (f.key === 'queries.serverRss' ? under(f, 1_024) : under(f, 20) && Number(f.errors ?? 0) === 0),
  },
  {
    id: 'memory',
    text: "server peak RSS under the command load under 600 MB; the write side's state cache of 3,000,000 members under 1 GB",
    scenarios: ['commands', 'state-cache'],
    keys: (k) => k === 'commands.payments.server' || k === 'commands.mix.server' || k === 'state-cache.heap',
    rowTarget: (f) => (f.key === 'state-cache.heap' ? '< 1,024 MB' : '< 600 MB'),
    judge: (f) => under(f, f.key === 'state-cache.heap' ? 1_024 : 600),
  },
];

function buildServiceOnce(): void {
  buildService();
  process.env.BENCH_API_BUILT = '1';
}

async function main(): Promise<void> {
  const size = option('size', 'small');
  if (!SIZES.includes(size)) throw new Error(`--size must be one of ${SIZES.join(', ')}`);
  const only = option('only', '');
  const chosen = only === '' ? [...ORDER] : (only.split(',').map((s) => s.trim()) as ScenarioName[]);
  for (const name of chosen)
    if (!ORDER.includes(name)) throw new Error(`unknown scenario ${name}; use ${ORDER.join(', ')}`);
  const selected = ORDER.filter((n) => chosen.includes(n) || chosen.some((c) => NEEDS[c]?.includes(n)));
  const durability = (process.env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  // The servers run the service as built: built once here, for every scenario of the run (server-process.ts).
  buildServiceOnce();
  const meta = {
    size,
    seed: 20251028,
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${release()}`,
    sqliteSynchronous: durability,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    loadAverageAtEnd: [] as number[],
    git: git(),
    scenarios: selected,
    seconds: 0,
    // BENCH_API_BUILT is this run's own note to its servers (the service is built), not a knob.
    knobs: Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_API_BUILT'),
    ),
  };
  log(
    `bench: size ${size}, scenarios ${selected.join(', ')}; ${meta.cores} cores, Node ${meta.node}, SQLITE_SYNCHRONOUS=${durability}, load average ${meta.loadAverageAtStart.join(' ')}`,
  );
  const started = Date.now();
  const runs: Record<string, ScenarioRun> = {};
  for (const name of selected) {
    const run: ScenarioRun = { ok: true, seconds: 0, figures: [] };
    runs[name] = run;
    const t0 = Date.now();
    const cpu0 = cpuSnapshot();
    for (const step of steps(name, size)) {
      log(`\n== ${name}${step.title ? ` (${step.title})` : ''}`);
      try {
        await runStep(step, durability, (figure) => {
          run.figures.push(figure);
          log(`  ${describe(figure)}`);
        });
      } catch (error) {
        run.ok = false;
        run.error = (error as Error).message;
        log(`  FAILED: ${run.error}`);
        break;
      }
    }
    run.seconds = Math.round((Date.now() - t0) / 100) / 10;
    run.otherCpuSeconds = otherCpuSeconds(cpu0, cpuSnapshot());
    log(
      `== ${name}: ${run.ok ? 'done' : 'FAILED'} in ${run.seconds} s; other processes on this machine used ${run.otherCpuSeconds ?? '?'} CPU s meanwhile`,
    );
  }
  meta.seconds = Math.round((Date.now() - started) / 100) / 10;
  meta.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  const { rows, targets } = table(runs, durability, size);
  const name = only === '' ? `${size}-latest` : `${size}-only-${selected.join('+')}-latest`;
  mkdirSync(RESULTS, { recursive: true });
  writeAtomically(join(RESULTS, `${name}.json`), `${JSON.stringify({ meta, runs, rows, targets }, null, 2)}\n`);
  const markdown = toMarkdown(meta, runs, rows, targets);
  writeAtomically(join(RESULTS, `${name}.md`), markdown);
  log(`\n${markdown}`);
  log(`bench: wrote bench/results/${name}.json and .md in ${meta.seconds} s`);
  if (Object.values(runs).some((r) => !r.ok)) process.exitCode = 1;
}

const children = new Set<ChildProcess>();

function runStep(step: Step, durability: string, onFigure: (figure: Figure) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(step.nodeArgs ?? []), '-r', '@swc-node/register', step.file, ...step.args],
      {
        cwd: REPO,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SWC_NODE_PROJECT: join(REPO, 'tsconfig.json'), SQLITE_SYNCHRONOUS: durability },
      },
    );
    children.add(child);
    let stderrTail = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const trimmed = line.trim();
      if (trimmed === '') return;
      try {
        const parsed = JSON.parse(trimmed) as Figure;
        if (typeof parsed.key === 'string') return onFigure(parsed);
      } catch {
        /* not a figure: progress */
      }
      log(`  | ${line}`);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderrTail = `${stderrTail}\n${line}`.slice(-4_000);
      log(`  | ${line}`);
    });
    const timer = setTimeout(() => killGroup(child), SCENARIO_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      killGroup(child); // a server left behind by a failed scenario
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${step.file.replace(`${REPO}/`, '')} ${step.args.join(' ')} exited with ${code ?? signal}: ${lastLines(stderrTail, 6)}`,
          ),
        );
    });
  });
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) killGroup(child);
    process.exit(130);
  });
}

type Verdict = 'yes' | 'no' | 'n/a';

interface TargetRow {
  readonly id: string;
  readonly target: string;
  /** The judged figures' values. */
  readonly measured: string;
  readonly met: string;
  readonly scope: string;
}

function table(runs: Record<string, ScenarioRun>, durability: string, size: string) {
  const figures = new Map<string, Figure>();
  for (const run of Object.values(runs)) for (const f of run.figures) figures.set(f.key, f);
  const rows: Row[] = [];
  const judged = new Map<string, { figure: Figure; met: Verdict }[]>();
  for (const [scenario, run] of Object.entries(runs)) {
    for (const figure of run.figures) {
      const limit = figure.limitKey ? figures.get(figure.limitKey) : undefined;
      const ratio = ratioOf(figure, limit);
      const target = TARGETS.find((t) => t.keys(figure.key));
      let met: Row['met'] = '';
      if (target) {
        met = target.fullDurability && durability !== 'FULL' ? 'n/a' : target.judge(figure, ratio) ? 'yes' : 'no';
        judged.set(target.id, [...(judged.get(target.id) ?? []), { figure, met }]);
      }
      rows.push({
        scenario,
        key: figure.key,
        figure: figure.label,
        value: showValue(figure),
        limit: figure.limitKey
          ? limit
            ? `${showValue(limit, figure.stat)} (${limit.key})`
            : `not measured (${figure.limitKey})`
          : '',
        ratio,
        target: target ? target.rowTarget(figure) : '',
        met,
        raw: figure,
      });
    }
    if (!run.ok) {
      rows.push({
        scenario,
        key: `${scenario}.failed`,
        figure: 'FAILED',
        value: run.error ?? '',
        limit: '',
        ratio: null,
        target: '',
        met: '',
        raw: null,
      });
    }
  }
  const targets = TARGETS.map((t) => targetRow(t, runs, judged.get(t.id) ?? [], rows, durability, size));
  return { rows, targets };
}

function targetRow(
  t: Target,
  runs: Record<string, ScenarioRun>,
  judged: readonly { figure: Figure; met: Verdict }[],
  rows: readonly Row[],
  durability: string,
  size: string,
): TargetRow {
  const ran = t.scenarios.map((name) => runs[name]).filter((run) => run !== undefined);
  const all = judged.map((j) => j.met);
  const allRan = ran.length === t.scenarios.length && ran.every((run) => run.ok);
  const met =
    ran.length === 0
      ? 'not run'
      : all.length === 0
        ? ran.some((run) => !run.ok)
          ? 'no (scenario failed)'
          : 'no (no figure)'
        : all.includes('n/a')
          ? `n/a (durability ${durability}; the target is for FULL)`
          : all.every((v) => v === 'yes')
            ? allRan
              ? 'yes'
              : ran.length < t.scenarios.length
                ? 'yes for the figures measured (not every scenario ran)'
                : 'yes so far (a scenario failed later)'
            : `no (${all.filter((v) => v === 'yes').length} of ${all.length} figures meet it)`;
  const scope =
    t.forSizes && !t.forSizes.includes(size)
      ? ` (the issue sets it for the ${t.forSizes.join('/')} size; this run is ${size})`
      : '';
  const measured = judged
    .map(({ figure, met: verdict }) => {
      const row = rows.find((r) => r.key === figure.key) as Row;
      const value = figure.stat === 'p99' ? `p99 ${num(figure.p99)} ms` : showValue(figure);
      const ratio =
        row.ratio === null || !t.byRatio?.includes(figure.key)
          ? ''
          : ` = ${Math.round(row.ratio * 1000) / 10}% of ${row.limit.replace(/ \(.*\)$/, '')}`;
      return `${shortName(figure.key)} ${value}${ratio}${verdict === 'no' ? ' ✗' : ''}`;
    })
    .join('; ');
  return { id: t.id, target: t.text, measured, met, scope };
}

/** A figure's key without its scenario, for the targets table (`payments.rate`, `seq`...). */
function shortName(key: string): string {
  return key.split('.').slice(1).join('.');
}

/** Share of the limit reached: figure ÷ limit for rates, limit ÷ figure for times (1 = at the limit). */
function ratioOf(figure: Figure, limit: Figure | undefined): number | null {
  if (!limit || figure.value === null) return null;
  const stat = figure.stat === 'p50' || figure.stat === 'p99' ? figure.stat : 'value';
  const mine = stat === 'value' ? figure.value : (figure[stat] as number | undefined);
  const theirs = stat === 'value' ? limit.value : ((limit[stat] as number | undefined) ?? limit.value);
  if (typeof mine !== 'number' || typeof theirs !== 'number' || mine === 0 || theirs === 0) return null;
  return Number((figure.limitKind === 'time' ? theirs / mine : mine / theirs).toPrecision(3));
}

function showValue(f: Figure, stat?: string): string {
  if (f.value === null && f.p50 === undefined) return 'n/a';
  if (f.p50 !== undefined && f.p99 !== undefined && (f.stat !== 'value' || stat === 'p50' || stat === 'p99')) {
    return `p50 ${num(f.p50)} · p99 ${num(f.p99)} ms${f.n !== undefined ? ` (n=${num(f.n)})` : ''}`;
  }
  return `${num(f.value)} ${f.unit}`;
}

function num(value: unknown): string {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en', { maximumFractionDigits: digits });
}

function describe(f: Figure): string {
  const extras = Object.entries(f)
    .filter(([k]) => !['key', 'label', 'value', 'unit', 'stat', 'p50', 'p99', 'n', 'limitKey', 'limitKind'].includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return `${f.key}: ${f.label} = ${showValue(f)}${extras.length ? `  [${extras.join(', ')}]` : ''}`;
}

function toMarkdown(
  meta: Record<string, any>,
  runs: Record<string, ScenarioRun>,
  rows: Row[],
  targets: readonly TargetRow[],
): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Benchmark: size ${meta.size}`,
    '',
    `- date: ${meta.date}`,
    `- cores: ${meta.cores} (${meta.cpuModel}), memory ${meta.memoryGb} GB; load average ${meta.loadAverageAtStart.join(' ')} at start, ${meta.loadAverageAtEnd.join(' ')} at end`,
    `- CPU seconds used by other processes on this machine during each scenario (noise): ${Object.entries(runs)
      .map(([n, r]) => `${n} ${r.otherCpuSeconds ?? '?'}`)
      .join(', ')}`,
    `- Node ${meta.node} on ${meta.platform}`,
    `- durability: SQLITE_SYNCHRONOUS=${meta.sqliteSynchronous} (servers and limits)`,
    `- dataset: ${datasetLine(runs, meta)}; git ${meta.git}`,
    ...(Object.keys(meta.knobs).length > 0
      ? [
          `- **diagnostic knobs set (these figures are not the standard workload)**: ${Object.entries(meta.knobs)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
        ]
      : []),
    `- command: \`${meta.command}\`, ${meta.seconds} s in all (${Object.entries(runs)
      .map(([n, r]) => `${n} ${r.seconds} s${r.ok ? '' : ' FAILED'}`)
      .join(', ')})`,
    '',
    '## Targets (issue 14)',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...targets.map((t) => `| ${cell(t.target + t.scope)} | ${cell(t.measured)} | ${cell(t.met)} |`),
    '',
    '## Figures',
    '',
    'Ratio = share of the limit reached, measured in the same run: figure ÷ limit for rates, limit ÷ figure for times',
    '(1 = at the limit). Latencies are measured by the client, from sending the request to the last byte of the answer.',
    '',
    '| scenario | figure | value | limit measured in the same run | ratio | target | met |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${cell(r.figure)}${r.raw?.note && r.raw.note !== 'none' ? ` (${cell(String(r.raw.note))})` : ''} | ${cell(r.value)} | ${cell(r.limit)} | ${r.ratio ?? ''} | ${cell(r.target)} | ${r.met} |`,
    ),
    '',
  ];
  const failed = Object.entries(runs).filter(([, r]) => !r.ok);
  if (failed.length > 0) {
    lines.push('## Failures', '', ...failed.map(([n, r]) => `- **${n}**: ${cell(r.error ?? '')}`), '');
  }
  return `${lines.join('\n')}\n`;
}

function datasetLine(runs: Record<string, ScenarioRun>, meta: Record<string, any>): string {
  const f = runs.dataset?.figures.find((x) => x.key === 'dataset');
  const generated = f ? `, ${f.fileMb} MB; ready in ${f.secondsToEnsure} s` : '';
  return f
    ? `${f.label}, ${num(f.value)} events${generated}`
    : `${meta.size}, seed ${meta.seed} (bench/generator; not used by the scenarios run)`;
}

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1] ?? fallback;
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

function git(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    // The bench's own results (written by every run) are not changes to the code measured.
    const changed = execFileSync('git', ['status', '--porcelain'], { cwd: REPO, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.slice(3))
      .filter((path) => path !== '' && !path.startsWith('bench/results/'));
    return changed.length === 0
      ? commit
      : `${commit} (with uncommitted changes: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''})`;
  } catch {
    return 'unknown';
  }
}

/** Busy CPU time of the whole machine and CPU time of this process and its waited-for descendants, in seconds. */
function cpuSnapshot(): { machine: number; bench: number } | null {
  try {
    const ticks = 100; // USER_HZ
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = cpu.reduce((a, b) => a + b, 0) - cpu[3] - (cpu[4] ?? 0); // minus idle and iowait
    const self = readFileSync('/proc/self/stat', 'utf8');
    const fields = self
      .slice(self.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const bench = fields[11] + fields[12] + fields[13] + fields[14]; // utime stime cutime cstime
    return { machine: busy / ticks, bench: bench / ticks };
  } catch {
    return null;
  }
}

function otherCpuSeconds(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>): number | null {
  if (!before || !after) return null;
  return Math.max(0, Math.round((after.machine - before.machine - (after.bench - before.bench)) * 10) / 10);
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' / ');
}

function writeAtomically(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
