import { InvalidArgumentError, type Command } from 'commander';
import { EXIT, inContext } from '../cli-context';
import { replayAgreement, type ReplayStep } from '../audit/replay';
import { StoreOpener } from '../store-opener';

/**
 * `replay --agreement ID [--to-version N] [--json]`: the agreement's events in order, each with who recorded it,
 * when, and what it changed in the agreement's state (text, or one JSON object per line with --json).
 * Exit 0, 1 when the agreement has no events, 2 could not run.
 */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description("replay an agreement's history: each event with who, when and what changed in the state")
    .requiredOption('--agreement <id>', 'the agreement id')
    .option('--to-version <n>', 'stop after this version of its stream', wholeNumber)
    .option('--json', 'one JSON object per event (JSON Lines)')
    .action((options: { agreement: string; toVersion?: number; json?: boolean }) =>
      inContext(async (context) => {
        const store = context.get(StoreOpener).open();
        let count = 0;
        for await (const step of replayAgreement(store, options.agreement, options.toVersion)) {
          count += 1;
          process.stdout.write(options.json ? `${JSON.stringify(step)}\n` : describe(step));
        }
        if (count > 0) return EXIT.ok;
        process.stderr.write(`no events for agreement ${options.agreement}\n`);
        return EXIT.failed;
      }),
    );
}

export function wholeNumber(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number from 1');
  return Number(value);
}

function describe(step: ReplayStep): string {
  const who = `${step.actor}${step.role ? ` (${step.role})` : ''}${step.via ? ` via ${step.via}` : ''}`;
  const head = `v${step.version} (position ${step.position}) ${step.recordedAt} ${step.type} by ${who}\n`;
  const lines = step.changes.map((c) => `    ${c.field}: ${show(c.before)} -> ${show(c.after)}\n`);
  return head + (lines.length > 0 ? lines.join('') : '    (no change to the summary)\n');
}

function show(value: unknown): string {
  return value === null || value === undefined ? '-' : String(value);
}
