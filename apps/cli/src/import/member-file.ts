import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { memberRowIssues, type MemberRow } from '@pks/domain';
import { FIELD_LABELS, mapColumns, type ColumnMapping, type MemberField } from './column-mapping';
import { spreadsheetRows, type SheetCell } from './spreadsheet-reader';
import { UnreadableFileError } from './xlsx-reader';

/** A row the import refuses, with its number in the spreadsheet and why. */
export interface BadRow {
  readonly rowNumber: number;
  readonly field: string;
  readonly reason: string;
}

export interface MemberFile {
  readonly mapping: ColumnMapping;
  readonly members: MemberRow[];
  readonly badRows: BadRow[];
  /** sha256 of the file's bytes: what the idempotency keys of its batches are derived from. */
  readonly digest: string;
}

/**
 * Reads a Pemda's member spreadsheet and checks every row with the domain's rules for an enrolment (rules 2 and
 * 3), and that no NIK appears twice in the file. Nothing is sent from here: the caller sends only a file whose
 * every row is good.
 */
export async function readMemberFile(path: string): Promise<MemberFile> {
  const digest = await digestOf(path);
  const rows = spreadsheetRows(path);
  const header = await rows.next();
  if (header.done) throw new UnreadableFileError(path, 'the file is empty');
  const mapping = mapColumns(header.value.cells);
  const members: MemberRow[] = [];
  const badRows: BadRow[] = [];
  if (mapping.missing.length > 0) return { mapping, members, badRows, digest };
  const seen = new Map<string, number>();
  for await (const { rowNumber, cells } of rows) {
    if (cells.every((cell) => cell === null || String(cell).trim() === '')) continue;
    const { row, problems } = memberOf(mapping, cells);
    const issues = [
      ...problems,
      ...memberRowIssues(row, '').map((i) => ({ field: fieldOf(i.path), reason: i.reason })),
    ];
    const first = seen.get(row.nik);
    if (first !== undefined)
      issues.push({ field: 'NIK', reason: `sama dengan baris ${first} (duplicates row ${first})` });
    else seen.set(row.nik, rowNumber);
    if (issues.length === 0) members.push(row);
    for (const issue of issues) badRows.push({ rowNumber, ...issue });
  }
  return { mapping, members, badRows, digest };
}

function memberOf(mapping: ColumnMapping, cells: readonly SheetCell[]) {
  const problems: { field: string; reason: string }[] = [];
  const cell = (field: MemberField) => {
    const column = mapping.columns[field];
    return column === undefined ? null : (cells[column.index] ?? null);
  };
  const nik = nikOf(cell('nik'), problems);
  const income = incomeOf(cell('declaredIncome'), problems);
  const row: MemberRow = {
    nik,
    name: text(cell('name')),
    occupation: text(cell('occupation')),
    villageCode: text(cell('villageCode')),
    ...(income === undefined ? {} : { declaredIncome: income }),
  };
  return { row, problems };
}

function text(cell: SheetCell): string {
  return cell === null ? '' : String(cell).trim();
}

/** A NIK typed into a number cell keeps its digits only below 2^53: past that it was rounded, and is refused. */
function nikOf(cell: SheetCell, problems: { field: string; reason: string }[]): string {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) {
    problems.push({ field: 'NIK', reason: 'stored as a number the spreadsheet rounded: format the column as text' });
  }
  return text(cell).replace(/\s+/g, '');
}

/** Whole rupiah as Pemda write them: 1500000, 1.500.000, Rp 1.500.000, 1.500.000,00. Empty: the default. */
function incomeOf(cell: SheetCell, problems: { field: string; reason: string }[]): number | undefined {
  if (cell === null || String(cell).trim() === '') return undefined;
  if (typeof cell === 'number') return cell;
  const match = /^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$/i.exec(cell.trim());
  if (match === null) {
    problems.push({ field: FIELD_LABELS.declaredIncome, reason: `"${cell}" is not a whole number of rupiah` });
    return undefined;
  }
  return Number(match[1].replace(/\./g, ''));
}

function fieldOf(path: string): string {
  const field = path.replace(/^\./, '') as MemberField;
  return FIELD_LABELS[field] ?? field;
}

/** A path that is no file (missing, a directory, not permitted) is the caller's mistake, said as such. */
async function digestOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UnreadableFileError(path, `cannot be read (${code})`);
  }
  return hash.digest('hex');
}
