import { columnLetter, FIELD_LABELS, type MemberField } from './column-mapping';
import { BatchRefusedError, batchesOf, sendBatch, type CohortImport } from './enrolment-client';
import { importProgress } from './import-progress';
import { readMemberFile, type MemberFile } from './member-file';
import { UnreadableFileError } from './xlsx-reader';

export interface ImportOptions {
  readonly file: string;
  readonly agreementId: string;
  readonly cohortId: string;
  readonly name: string;
  readonly effectiveFrom?: string;
  readonly baseUrl: string;
  /** The officer's bearer token: the subject is the actor of every event the import appends. */
  readonly token?: string;
  readonly batchSize: number;
}

/**
 * Exit codes of the import: 0 enrolled, 1 the file or a batch was refused (nothing sent for a bad or unreadable
 * file), 2 could not run, 64 no token to send.
 */
export const IMPORT_EXIT = { ok: 0, refused: 1, couldNotRun: 2, usage: 64 } as const;

/**
 * `import-cohort`: reads the Pemda's spreadsheet, says which column it took for what, checks every row; with a
 * bad row it prints each with its row number and reason and sends nothing. Otherwise it enrols the members
 * through the HTTP API in batches, each under an idempotency key of the file and its number, with the officer's
 * token: without one it sends nothing.
 */
export async function importCohort(
  options: ImportOptions,
  err: NodeJS.WriteStream = process.stderr,
  out: NodeJS.WriteStream = process.stdout,
) {
  const started = Date.now();
  if (options.token === undefined || options.token.trim() === '') {
    err.write("import-cohort needs the officer's token: --token or PKS_TOKEN (npm run -s cli -- token ...)\n");
    return IMPORT_EXIT.usage;
  }
  const file = await readMemberFile(options.file).catch((error: Error) => error);
  if (file instanceof UnreadableFileError) {
    err.write(`${file.message}; nothing sent\n`);
    return IMPORT_EXIT.refused;
  }
  if (file instanceof Error) throw file;
  reportMapping(file, err);
  if (file.mapping.missing.length > 0) {
    err.write(`missing column(s): ${file.mapping.missing.map((f) => FIELD_LABELS[f]).join(', ')}; nothing sent\n`);
    return IMPORT_EXIT.refused;
  }
  if (file.badRows.length > 0) {
    for (const bad of file.badRows) err.write(`baris ${bad.rowNumber}: ${bad.field}: ${bad.reason}\n`);
    const rows = new Set(file.badRows.map((b) => b.rowNumber)).size;
    err.write(`${rows} bad row(s) of ${rows + file.members.length}; nothing sent\n`);
    return IMPORT_EXIT.refused;
  }
  const plan: CohortImport = { ...options, token: options.token, members: file.members, digest: file.digest };
  const result = await send(plan, err);
  if (typeof result === 'number') return result;
  const seconds = (Date.now() - started) / 1_000;
  out.write(`${JSON.stringify({ ...summaryOf(plan), ...result, seconds })}\n`);
  return IMPORT_EXIT.ok;
}

async function send(plan: CohortImport, err: NodeJS.WriteStream) {
  const batches = batchesOf(plan);
  const progress = importProgress(batches, plan.members.length, err);
  let last = { version: 0, position: 0 };
  try {
    for (let batch = 1; batch <= batches; batch++) {
      last = await sendBatch(plan, batch);
      progress.batchDone(batch, Math.min(plan.batchSize, plan.members.length - (batch - 1) * plan.batchSize));
    }
    return last;
  } catch (error) {
    progress.stop();
    if (error instanceof BatchRefusedError) {
      err.write(`${error.message}\n${refusalAdvice(error)}\n`);
      return IMPORT_EXIT.refused;
    }
    err.write(`could not reach ${plan.baseUrl}: ${(error as Error).message}; run again to finish\n`);
    return IMPORT_EXIT.couldNotRun;
  } finally {
    progress.stop();
  }
}

function refusalAdvice(error: BatchRefusedError): string {
  const enrolled = `batches before ${error.batch} are enrolled`;
  if (error.status === 401) return `${enrolled}; the token was refused (expired?): get a new one and run again`;
  if (error.status === 403) return `${enrolled}; this token may not enrol in this agreement (role or branch)`;
  return `${enrolled}; correct and run again`;
}

function reportMapping(file: MemberFile, err: NodeJS.WriteStream): void {
  for (const [field, column] of Object.entries(file.mapping.columns)) {
    const label = FIELD_LABELS[field as MemberField];
    err.write(`${label} <- column ${columnLetter(column.index)} "${column.header}"\n`);
  }
  if (file.mapping.columns.declaredIncome === undefined) err.write('Penghasilan: no column, the default applies\n');
  if (file.mapping.unused.length > 0) err.write(`ignored column(s): ${file.mapping.unused.join(', ')}\n`);
}

function summaryOf(plan: CohortImport) {
  return {
    agreementId: plan.agreementId,
    cohortId: plan.cohortId,
    members: plan.members.length,
    batches: batchesOf(plan),
  };
}
