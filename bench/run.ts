/**
 * `npm run bench -- --size small|medium|large [--only <scenario>[,<scenario>]]`
 *
 * Runs each scenario in its own child process (its peak RSS is its own; the servers it starts are processes of
 * their own too), prints every figure as it comes, then writes bench/results/<size>-latest.json and
 * bench/results/<size>-latest.md: each figure next to the limit measured in the same run, the ratio, the target
 * of issue 4 and whether it is met. Targets are judged, never tuned for: a figure is what was measured.
 * Exit code 1 when a scenario failed (not when a target is missed).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Figure } from './support/scenario-io';

const REPO = join(__dirname, '..');
const RESULTS = join(__dirname, 'results');
const SIZES = ['small', 'medium', 'large'];
const SCENARIO_TIMEOUT_MS = 45 * 60_000;

interface Step {
  readonly scenario: string;
  readonly file: string;
  readonly args: string[];
}

const ORDER = ['dataset', 'limit-commits', 'commands', 'large-cohort', 'rebuild', 'queries', 'ledger'] as const;
type ScenarioName = (typeof ORDER)[number];

function steps(name: ScenarioName, size: string): Step[] {
  const file = (f: string) => join(__dirname, 'scenarios', f);
  switch (name) {
    case 'dataset':
      return [{ scenario: name, file: join(__dirname, 'support', 'ensure-dataset.ts'), args: ['--size', size] }];
    case 'rebuild':
      return [
        { scenario: name, file: file('rebuild.scenario.ts'), args: [size, 'raw'] },
        { scenario: name, file: file('rebuild.scenario.ts'), args: [size, 'rebuild'] },
      ];
    case 'ledger':
      return ['append', 'proofs', 'verify'].map((part) => ({
        scenario: name,
        file: file('ledger.scenario.ts'),
        args: [size, part],
      }));
    case 'limit-commits':
    case 'commands':
    case 'large-cohort':
    case 'queries':
      return [{ scenario: name, file: file(`${name}.scenario.ts`), args: ['--size', size] }];
  }
}

/** Scenarios whose limit is measured by another scenario bring it along. */
const NEEDS: Partial<Record<ScenarioName, ScenarioName[]>> = {
  commands: ['limit-commits'],
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
  readonly text: string;
  /** Which figures it judges. */
  readonly keys: (key: string) => boolean;
  readonly rowTarget: string;
  /** Sizes the issue sets it for (judged anyway, flagged when the run is of another size). */
  readonly forSizes?: string[];
  readonly judge: (figure: Figure, ratio: number | null, durability: string) => boolean | null;
}

const TARGETS: Target[] = [
  {
    id: 'rebuild',
    text: 'rebuild of the read models from 1M events at least 70% of the raw-scan limit',
    keys: (k) => k === 'rebuild.rebuild',
    rowTarget: '≥ 70% of the raw scan',
    forSizes: ['large'],
    judge: (_f, ratio) => (ratio === null ? null : ratio >= 0.7),
  },
  {
    id: 'commands',
    text: 'at least 3,000 commands/s at p99 under 50 ms with power-loss durability (synchronous=FULL)',
    keys: (k) => k === 'commands.rate' || k === 'commands.latency',
    rowTarget: '',
    judge: (f, _r, durability) => {
      if (durability !== 'FULL') return null;
      return f.key === 'commands.rate' ? (f.value ?? 0) >= 3_000 : f.value !== null && f.value < 50;
    },
  },
  {
    id: 'large-cohort',
    text: 'the 100,402-member enrolment plus projection under 5 s',
    keys: (k) => k === 'large-cohort.enrolAndProject',
    rowTarget: '< 5 s',
    judge: (f) => f.value !== null && f.value < 5,
  },
  {
    id: 'next-command',
    text: 'a command on a 100k-member agreement: p50 under 5 ms',
    keys: (k) => k === 'large-cohort.nextCommand',
    rowTarget: 'p50 < 5 ms',
    judge: (f) => f.value !== null && f.value < 5,
  },
  {
    id: 'queries',
    text: 'large-size queries p99 under 20 ms (one at a time and 8 concurrent) with RSS under 1 GB',
    keys: (k) =>
      (k.startsWith('queries.') && (k.endsWith('.seq') || k.endsWith('.conc')) && !k.startsWith('queries.health.')) ||
      k === 'queries.serverRss',
    rowTarget: '',
    forSizes: ['large'],
    // A query that failed (connection reset, non-200) misses the target whatever the latency of the others.
    judge: (f) =>
      f.key === 'queries.serverRss'
        ? f.value !== null && f.value < 1_024
        : f.value !== null && f.value < 20 && Number(f.errors ?? 0) === 0,
  },
];

function rowTargetText(target: Target, figure: Figure): string {
  if (target.rowTarget) return target.rowTarget;
  if (figure.key === 'commands.rate') return '≥ 3,000/s (FULL)';
  if (figure.key === 'commands.latency') return 'p99 < 50 ms (FULL)';
  if (figure.key === 'queries.serverRss') return '< 1,024 MB';
  return 'p99 < 20 ms';
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
    knobs: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_'))),
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
      log(
        `\n== ${name}${step.args.includes('raw') ? ' (raw scan)' : step.args.includes('rebuild') ? ' (rebuild)' : ''}`,
      );
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
    const child = spawn(process.execPath, ['-r', '@swc-node/register', step.file, ...step.args], {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SWC_NODE_PROJECT: join(REPO, 'tsconfig.json'), SQLITE_SYNCHRONOUS: durability },
    });
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

function table(runs: Record<string, ScenarioRun>, durability: string, size: string) {
  const figures = new Map<string, Figure>();
  for (const run of Object.values(runs)) for (const f of run.figures) figures.set(f.key, f);
  const rows: Row[] = [];
  const verdicts = new Map<string, ('yes' | 'no' | 'n/a')[]>();
  for (const [scenario, run] of Object.entries(runs)) {
    for (const figure of run.figures) {
      const limit = figure.limitKey ? figures.get(figure.limitKey) : undefined;
      const ratio = ratioOf(figure, limit);
      const target = TARGETS.find((t) => t.keys(figure.key));
      let met: Row['met'] = '';
      if (target) {
        const verdict = target.judge(figure, ratio, durability);
        met = verdict === null ? 'n/a' : verdict ? 'yes' : 'no';
        verdicts.set(target.id, [...(verdicts.get(target.id) ?? []), met]);
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
        target: target ? rowTargetText(target, figure) : '',
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
  const targets = TARGETS.map((t) => {
    const all = verdicts.get(t.id) ?? [];
    const ran =
      t.id === 'rebuild'
        ? runs.rebuild
        : t.id === 'commands'
          ? runs.commands
          : t.id === 'queries'
            ? runs.queries
            : runs['large-cohort'];
    const met =
      ran === undefined
        ? 'not run'
        : !ran.ok && all.length === 0
          ? 'no (scenario failed)'
          : all.length === 0
            ? 'no (no figure)'
            : all.includes('n/a')
              ? `n/a (durability ${durability}; the target is for FULL)`
              : all.every((v) => v === 'yes')
                ? ran.ok
                  ? 'yes'
                  : 'yes so far (scenario failed later)'
                : `no (${all.filter((v) => v === 'yes').length} of ${all.length} figures meet it)`;
    const scope =
      t.forSizes && !t.forSizes.includes(size)
        ? ` (the issue sets it for the ${t.forSizes.join('/')} size; this run is ${size})`
        : '';
    return { id: t.id, target: t.text, met, scope };
  });
  return { rows, targets };
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
  targets: ReturnType<typeof table>['targets'],
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
    '## Targets (issue 4)',
    '',
    '| target | met |',
    '|---|---|',
    ...targets.map((t) => `| ${cell(t.target + t.scope)} | ${cell(t.met)} |`),
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
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO, encoding: 'utf8' }).trim() !== '';
    return `${commit}${dirty ? ' (with uncommitted changes)' : ''}`;
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
