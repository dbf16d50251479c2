import { posix } from 'node:path';
import { crc32 } from 'node:zlib';
import { pipeline, Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Open, type CentralDirectory, type File } from 'unzipper';

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
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(rows: Readable, sheetNo: string): Generator<{ value: WorksheetRows }>;
}

/** The rows of the workbook's first visible worksheet (its first tab, whatever the file names its parts). */
export async function xlsxWorksheet(path: string): Promise<WorksheetRows> {
  const zip = await Open.file(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== undefined) throw new UnreadableFileError(path, `cannot be read (${error.code})`);
    throw unreadableXlsx(path, `not a zip archive: ${error.message}`);
  });
  const part = (name: string) => zip.files.find((file) => file.type === 'File' && file.path === name);
  const entry = (name: string, root?: string) => {
    const file = part(name);
    if (file === undefined) throw unreadableXlsx(path, `no ${name}`);
    // pipeline, not pipe: a failed inflate reaches the reader as the part's error, not as a stream that never ends
    return pipeline(file.stream(), checked(file, root), () => undefined);
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
  }) as unknown as WorkbookParts;
  try {
    await reader._parseRels(entry('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(entry('xl/workbook.xml'));
    if (part('xl/sharedStrings.xml') !== undefined)
      for await (const _ of reader._parseSharedStrings(entry('xl/sharedStrings.xml')));
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw unreadableXlsx(path, (error as Error).message);
  }
  const sheetPath = firstSheetPath(reader, zip);
  if (sheetPath === undefined) throw unreadableXlsx(path, 'no worksheet');
  const sheetNo = /sheet(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1';
  const [emitted] = [...reader._parseWorksheet(entry(sheetPath, 'worksheet'), sheetNo)];
  return rowsOf(emitted.value, path);
}

/**
 * A part's bytes passed through, failing at their end unless their CRC-32 is the one the zip's directory holds
 * (unzipper does not check it) and, for a worksheet, unless its XML closed its root: exceljs's XML reader never
 * closes its parser, so a part cut short by the program that wrote it would read as fewer rows, not an error.
 */
function checked(file: File, root?: string): Transform {
  let crc = 0;
  let tail = '';
  const closed = root === undefined ? undefined : new RegExp(`</(?:[\\w-]+:)?${root}>\\s*$`);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc);
      if (closed !== undefined) tail = (tail + chunk.toString('latin1')).slice(-64);
      done(null, chunk);
    },
    flush(done) {
      if (crc !== file.crc32) return done(new Error(`${file.path} is damaged (its CRC-32 differs)`));
      if (closed !== undefined && !closed.test(tail)) return done(new Error(`it ends before </${root}>`));
      done();
    },
  });
}

/** A part damaged past its header (a bad deflate, XML cut short) is found while its rows are read. */
async function* rowsOf(worksheet: WorksheetRows, path: string): AsyncGenerator<WorksheetRow> {
  try {
    yield* worksheet;
  } catch (error) {
    throw unreadableXlsx(path, `its worksheet: ${(error as Error).message}`);
  }
}

/** The first tab not hidden, through the workbook's relationship to its part (`worksheets/sheet1.xml` or absolute). */
function firstSheetPath(reader: WorkbookParts, zip: CentralDirectory): string | undefined {
  const sheets = reader.model?.sheets ?? [];
  const sheet = sheets.find((s) => s.state === undefined || s.state === 'visible') ?? sheets[0];
  const target = reader.workbookRels?.find((rel) => rel.Id === sheet?.rId)?.Target;
  if (target === undefined) return undefined;
  const path = target.startsWith('/') ? target.slice(1) : posix.join('xl', target);
  return zip.files.some((file) => file.path === path) ? path : undefined;
}
