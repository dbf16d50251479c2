import type { WireRequest } from './fuzz-request';
import type { FuzzCase, Observation, Violation } from './oracle';

/** One distinct failing behaviour: how often it was seen, where, and the smallest request that showed it. */
export interface FailureGroup {
  readonly key: string;
  count: number;
  readonly routes: Set<string>;
  readonly wheres: Set<string>;
  repro: { size: number; text: string };
}

export interface ClassFigures {
  requests: number;
  failures: number;
}

/** Counts per class and failures grouped by behaviour, kept small enough for a run of any length. */
export class FuzzTally {
  readonly perClass = new Map<string, ClassFigures>();
  readonly perRoute = new Map<string, Set<string>>();
  readonly groups = new Map<string, FailureGroup>();
  restarts = 0;

  record(fuzz: FuzzCase, seen: Observation, violations: readonly Violation[]): void {
    const figures = this.perClass.get(fuzz.className) ?? { requests: 0, failures: 0 };
    figures.requests++;
    if (violations.length > 0) figures.failures++;
    this.perClass.set(fuzz.className, figures);
    const classes = this.perRoute.get(fuzz.routeKey) ?? new Set();
    this.perRoute.set(fuzz.routeKey, classes.add(fuzz.className));
    for (const violation of violations) this.addFailure(fuzz, seen, violation);
  }

  private addFailure(fuzz: FuzzCase, seen: Observation, violation: Violation): void {
    const answer = seen.answer.kind === 'answered' ? `${seen.answer.status} ${codeOf(seen.answer.text)}` : 'no answer';
    const key = `${fuzz.className}: ${violation.kind} (${answer}) - ${fuzz.variant}`;
    const size = fuzz.wire.path.length + (fuzz.wire.body?.length ?? 0) + (fuzz.wire.raw?.length ?? 0);
    const group = this.groups.get(key) ?? {
      key,
      count: 0,
      routes: new Set(),
      wheres: new Set(),
      repro: { size: Infinity, text: '' },
    };
    group.count++;
    group.routes.add(fuzz.routeKey);
    group.wheres.add(fuzz.where);
    if (size < group.repro.size) group.repro = { size, text: reproduction(fuzz.wire, seen, violation) };
    this.groups.set(key, group);
  }

  get failures(): number {
    return [...this.perClass.values()].reduce((sum, f) => sum + f.failures, 0);
  }
}

function codeOf(text: string): string {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'string' ? code : '';
  } catch {
    return text.length === 0 ? '(empty body)' : '(not JSON)';
  }
}

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max)}... (${text.length} chars)`;
/** Control characters, separators and lone surrogates as `\uXXXX`; everything else as it is. */
const visible = (text: string) =>
  [...text].map((c) => (unprintable(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');

function unprintable(char: string): boolean {
  const code = char.charCodeAt(0);
  const lone = char.length === 1 && code >= 0xd800 && code <= 0xdfff;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || lone;
}

function reproduction(wire: WireRequest, seen: Observation, violation: Violation): string {
  const lines: string[] = [];
  if (wire.raw !== undefined) {
    lines.push(`raw bytes: ${clip(visible(wire.raw.toString('utf8')), 400)}`);
  } else {
    lines.push(`${wire.method} ${clip(wire.path, 300)}`);
    for (const [name, value] of Object.entries(wire.headers)) lines.push(`${name}: ${clip(visible(value), 120)}`);
    if (wire.body !== undefined) lines.push(`body: ${clip(visible(wire.body.toString('utf8')), 400)}`);
  }
  const answer = seen.answer;
  lines.push(
    answer.kind === 'answered'
      ? `-> ${answer.status} in ${answer.ms} ms: ${clip(visible(answer.text), 300)}`
      : `-> ${answer.reason}`,
  );
  lines.push(`   ${violation.kind}: ${clip(violation.detail, 200)}`);
  return lines.join('\n      ');
}

export function formatTally(tally: FuzzTally, header: string): string {
  const rows = [...tally.perClass.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([name]) => name.length), 5);
  const lines = [header, '', `${'class'.padEnd(width)}  requests  failures`];
  for (const [name, f] of rows)
    lines.push(`${name.padEnd(width)}  ${String(f.requests).padStart(8)}  ${String(f.failures).padStart(8)}`);
  const total = rows.reduce((sum, [, f]) => sum + f.requests, 0);
  lines.push(`${'total'.padEnd(width)}  ${String(total).padStart(8)}  ${String(tally.failures).padStart(8)}`, '');
  if (tally.restarts > 0) lines.push(`service restarted ${tally.restarts} time(s) after it stopped answering`, '');
  const groups = [...tally.groups.values()].sort((a, b) => b.count - a.count);
  lines.push(`${groups.length} distinct failing behaviour(s)`);
  for (const group of groups) lines.push(...groupLines(group));
  return lines.join('\n');
}

export function groupLines(group: FailureGroup): string[] {
  return [
    '',
    `${group.count} x ${group.key}`,
    `    routes: ${[...group.routes].join(', ')}`,
    `    where: ${clip([...group.wheres].join(', '), 300)}`,
    `    smallest: ${group.repro.text}`,
  ];
}
