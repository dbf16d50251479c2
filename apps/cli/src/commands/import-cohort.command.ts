import { InvalidArgumentError, type Command } from 'commander';
import { AGREEMENT_ID_PATTERN, COHORT_ID_PATTERN, isCalendarDate, MAX_MEMBERS_PER_BATCH } from '@pks/domain';
import { importCohort, IMPORT_EXIT } from '../import/import-cohort';

function matching(pattern: RegExp, what: string) {
  return (value: string) => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`${what} must match ${pattern.source}`);
    return value;
  };
}

function calendarDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('must be a calendar date YYYY-MM-DD');
  return value;
}

/**
 * `import-cohort`: enrols a new cohort from a Pemda's XLSX or CSV member list through the HTTP API, with the
 * officer's token (`--token` or PKS_TOKEN; `npm run -s cli -- token` makes one) so that the officer is the actor.
 * Exit 0 enrolled, 1 refused (a bad file sends nothing), 2 could not run (run it again with a token of the same
 * subject: enrolled batches are not enrolled twice), 64 no token.
 */
export function registerImportCohort(program: Command): void {
  program
    .command('import-cohort')
    .description('enrol a new cohort from a Pemda spreadsheet (NIK, Nama, Pekerjaan, Kode Desa, Penghasilan)')
    .argument('<file>', 'FILE.xlsx or FILE.csv, a header row first')
    .requiredOption('--agreement <id>', 'the agreement', matching(AGREEMENT_ID_PATTERN, 'the agreement id'))
    .requiredOption('--cohort <id>', 'the new cohort', matching(COHORT_ID_PATTERN, 'the cohort id'))
    .requiredOption('--name <name>', 'the cohort\'s name, e.g. "Program Berkah Nelayan"')
    .option('--effective-from <date>', 'first covered day (default: the agreement start)', calendarDate)
    .option('--url <url>', 'the service', `http://127.0.0.1:${process.env.PORT ?? 3000}`)
    .option('--token <jwt>', "the officer's bearer token (default: PKS_TOKEN; required)")
    .action(async (file: string, opts: Record<string, string | undefined>) => {
      try {
        process.exitCode = await importCohort({
          file,
          agreementId: opts.agreement as string,
          cohortId: opts.cohort as string,
          name: opts.name as string,
          effectiveFrom: opts.effectiveFrom,
          baseUrl: opts.url as string,
          token: opts.token ?? process.env.PKS_TOKEN,
          batchSize: MAX_MEMBERS_PER_BATCH,
        });
      } catch (error) {
        process.stderr.write(`import-cohort could not run: ${(error as Error).message}\n`);
        process.exitCode = IMPORT_EXIT.couldNotRun;
      }
    });
}
