import { posix } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { Open, type File } from 'unzipper';

/** A file the import cannot read rows from: of another type, empty, or an XLSX file damaged or encrypted. */
export class UnreadableFileError extends Error {
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

const unreadableXlsx = (path: string, why: string) =>
  new UnreadableFileError(path, `not a readable XLSX workbook (${why})`);

/** A worksheet as exceljs streams it: its rows, each with `number` and `values` (index 0 unused). */
type WorksheetRow = { number: number; values: unknown };
type WorksheetRows = AsyncIterable<WorksheetRow>;
type Relationship = { Id: string; Target: string; Type?: string };

/**
 * The parts of exceljs's streaming WorkbookReader that read one part of the package each (exceljs ~4.4, pinned
 * for this). Its own loop reads the zip front to back with unzipper's Parse, which under load can end before the
 * last entries (its 'end' follows the input's 'finish'): a worksheet stored before xl/workbook.xml then met an
 * undefined workbook (TypeError, 1 read in 3 to 12 under two busy cores). Here the zip's central directory says
 * where every part is, and the parts are read in the order they need: relationships, workbook, shared strings,
 * then the worksheet, streamed.
 */
interface WorkbookParts {
  model?: { sheets?: { rId: string; state?: string }[] };
  workbookRels?: Relationship[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(rows: Readable, sheetNo: string): Generator<{ value: WorksheetRows }>;
}

const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';

/** The rows of the workbook's first visible worksheet (its first tab, whatever the file names its parts). */
export async function xlsxWorksheet(path: string): Promise<WorksheetRows> {
  const zip = await Open.file(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== undefined) throw new UnreadableFileError(path, `cannot be read (${error.code})`);
    throw unreadableXlsx(path, `not a zip archive: ${error.message}`);
  });
  const part = (name: string) => {
    const file = zip.files.find((f) => f.type === 'File' && f.path === name);
    if (file === undefined) throw unreadableXlsx(path, `no ${name}`);
    return file;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
  }) as unknown as WorkbookParts;
  let sharedStrings: string | undefined;
  try {
    // exceljs stops reading a part at its root's end tag, before a stream's last bytes: the small parts are
    // read whole and checked before they are parsed, the worksheet checked as it streams.
    await reader._parseRels(await whole(part(WORKBOOK_RELS), 'Relationships'));
    await reader._parseWorkbook(await whole(part(WORKBOOK), 'workbook'));
    sharedStrings = partPath(related(reader, 'sharedStrings')[0]?.Target);
    if (sharedStrings !== undefined)
      for await (const _ of reader._parseSharedStrings(await whole(part(sharedStrings), 'sst')));
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw unreadableXlsx(path, (error as Error).message);
  }
  const sheet = partPath(firstWorksheet(reader)?.Target);
  if (sheet === undefined) throw unreadableXlsx(path, 'no worksheet');
  const sheetNo = /sheet(\d+)\.xml$/.exec(sheet)?.[1] ?? '1';
  // pipeline, not pipe: a failed inflate reaches the reader as the part's error, not as a stream that never ends
  const sheetPart = part(sheet);
  const bytes = pipeline(sheetPart.stream(), checked(sheetPart, 'worksheet'), () => undefined);
  const [emitted] = [...reader._parseWorksheet(bytes, sheetNo)];
  return rowsOf(emitted.value, path, sharedStrings !== undefined);
}

/** A small part's bytes, whole, once they match the directory's CRC-32 (unzipper does not check it) and close. */
async function whole(file: File, root: string): Promise<Readable> {
  const bytes = await file.buffer();
  if (crc32(bytes) !== file.crc32) throw new Error(`${file.path} is damaged (its CRC-32 differs)`);
  if (!closesRoot(bytes.subarray(-64), root)) throw new Error(`${file.path} ends before </${root}>`);
  return Readable.from([bytes]);
}

/**
 * A part's bytes passed through, failing at their end unless their CRC-32 is the directory's and the XML closed
 * its root: exceljs's XML reader never closes its parser, so a part cut short by the program that wrote it would
 * read as fewer rows, not an error.
 */
function checked(file: File, root: string): Transform {
  let crc = 0;
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc);
      tail = Buffer.concat([tail, chunk.subarray(-64)]).subarray(-64);
      done(null, chunk);
    },
    flush(done) {
      if (crc !== file.crc32) return done(new Error(`${file.path} is damaged (its CRC-32 differs)`));
      if (!closesRoot(tail, root)) return done(new Error(`${file.path} ends before </${root}>`));
      done();
    },
  });
}

function closesRoot(tail: Buffer, root: string): boolean {
  return new RegExp(`</(?:[\\w-]+:)?${root}>\\s*$`).test(tail.toString('latin1'));
}

/**
 * The rows, failing on a part damaged past its header (a bad deflate, XML cut short) and on a cell that names a
 * shared string of a workbook that holds none (exceljs would give `{ sharedString: n }`, not text).
 */
async function* rowsOf(worksheet: WorksheetRows, path: string, withStrings: boolean): AsyncGenerator<WorksheetRow> {
  try {
    for await (const row of worksheet) {
      if (!withStrings && Array.isArray(row.values) && row.values.some(namesSharedString))
        throw new Error(`row ${row.number} names shared strings the workbook does not hold`);
      yield row;
    }
  } catch (error) {
    throw unreadableXlsx(path, `its worksheet: ${(error as Error).message}`);
  }
}

function namesSharedString(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'sharedString' in value;
}

/** The workbook's relationships of a type (`.../relationships/worksheet`, `.../sharedStrings`). */
function related(reader: WorkbookParts, type: string): Relationship[] {
  return (reader.workbookRels ?? []).filter((rel) => rel.Type?.endsWith(`/${type}`) === true);
}

/** The first tab not hidden that is a worksheet (not a chart sheet), in the workbook's order of tabs. */
function firstWorksheet(reader: WorkbookParts): Relationship | undefined {
  const worksheets = new Map(related(reader, 'worksheet').map((rel) => [rel.Id, rel]));
  const tabs = (reader.model?.sheets ?? []).filter((sheet) => worksheets.has(sheet.rId));
  const tab = tabs.find((s) => s.state === undefined || s.state === 'visible') ?? tabs[0];
  return tab === undefined ? undefined : worksheets.get(tab.rId);
}

/** A relationship's target as a path in the zip (`worksheets/sheet1.xml`, `/xl/...` or `../xl/...`). */
function partPath(target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  return target.startsWith('/') ? target.slice(1) : posix.join('xl', target);
}
