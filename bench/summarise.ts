/**
 * The median of several runs of `npm run bench`, figure by figure: every figure with a target, and the limits
 * they are measured against, with each run's value, its ratio to the limit of the same run, and the median of
 * both (the issue's figures are medians of 3 runs: one run on a shared 2-core machine varies by 2x).
 *   npm run bench:summary -- bench/results/runs/large-<commit>-run*.json
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface Row {
  readonly key: string;
  readonly figure: string;
  readonly target?: string;
  readonly met?: string;
  readonly ratio?: number | null;
  readonly raw?: {
    readonly value: number | null;
    readonly unit?: string;
    readonly stat?: string;
    readonly limitKey?: string;
  };
}

interface Result {
  readonly meta?: { readonly git?: string; readonly date?: string };
  readonly rows: Row[];
}

function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function format(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en', { maximumSignificantDigits: digits });
}

function main(files: readonly string[]): void {
  if (files.length === 0) throw new Error('usage: npm run bench:summary -- <result.json>...');
  const results = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Result);
  const byKey = results.map((result) => new Map(result.rows.map((row) => [row.key, row])));
  // Figures with a target, and every limit one of them is measured against, of any run (a scenario may have failed
  // in one), in the order they first appear.
  const rows = results.flatMap((result) => result.rows);
  const targeted = rows.filter((row) => (row.target ?? '') !== '');
  const limits = new Set(targeted.map((row) => row.raw?.limitKey).filter((key): key is string => key !== undefined));
  const keys = [
    ...new Set(rows.filter((row) => limits.has(row.key) || (row.target ?? '') !== '').map((row) => row.key)),
  ];
  const lines = [
    `Median of ${files.length} runs: ${files.map((file) => basename(file)).join(', ')}`,
    '',
    `| figure | ${files.map((_, i) => `run ${i + 1}`).join(' | ')} | median (runs with the figure) | ratio to its limit (median) | target | met (judged) |`,
    `|---|${files.map(() => '---|').join('')}---|---|---|---|`,
  ];
  for (const key of keys) {
    const ofKey = byKey.map((rowsOf) => rowsOf.get(key));
    const values = ofKey.map((row) => row?.raw?.value ?? NaN);
    const ratios = ofKey.map((row) => row?.ratio ?? NaN);
    const first = ofKey.find((row) => row !== undefined) as Row;
    const unit = `${first.raw?.stat === 'p99' ? 'p99 ' : ''}${first.raw?.unit ?? ''}`;
    const met = ofKey.filter((row) => row?.met === 'yes').length;
    const judged = ofKey.filter((row) => row?.met === 'yes' || row?.met === 'no').length;
    const counted = values.filter((v) => Number.isFinite(v)).length;
    lines.push(
      `| ${key} (${unit}) | ${values.map((v) => format(v)).join(' | ')} | ${format(median(values))} (${counted}) | ${format(median(ratios))} | ${first.target ?? ''} | ${first.target ? `${met} of ${judged}` : ''} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2));
