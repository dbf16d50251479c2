import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { spreadsheetRows, type SheetCell } from './spreadsheet-reader';
import { UnreadableFileError } from './xlsx-reader';

// exceljs's own zip loop (unzipper's Parse) could end before the last parts under load: never used here.
jest.mock('unzipper', () => ({
  ...jest.requireActual('unzipper'),
  Parse: () => {
    throw new Error('unzipper Parse used');
  },
}));

const HEADER = ['NIK', 'Nama', 'Pekerjaan', 'Kode Desa'];
const row = (i: number) => [`73260101019000${String(i).padStart(2, '0')}`, `Pekerja ${i}`, 'petani', '73.26.01.2001'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pks-sheet-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(path: string): Promise<SheetCell[][]> {
  const rows: SheetCell[][] = [];
  for await (const r of spreadsheetRows(path)) rows.push([...r.cells]);
  return rows;
}

/** A workbook as exceljs writes it: the worksheet, then the shared strings, xl/workbook.xml last. */
async function memberWorkbook(name: string, tabs: { name: string; rows: string[][]; hidden?: boolean }[]) {
  const workbook = new ExcelJS.Workbook();
  for (const tab of tabs) {
    const sheet = workbook.addWorksheet(tab.name, tab.hidden ? { state: 'hidden' } : {});
    for (const r of tab.rows) sheet.addRow(r);
  }
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** The same parts stored in another order, as another spreadsheet program may write them. */
async function reordered(path: string, name: string, order: (names: string[]) => string[]) {
  const source = await JSZip.loadAsync(readFileSync(path));
  const target = new JSZip();
  const names = Object.keys(source.files).filter((n) => !source.files[n].dir);
  for (const part of order(names)) target.file(part, await source.files[part].async('uint8array'));
  const out = join(dir, name);
  writeFileSync(out, await target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return out;
}

/** The workbook's parts rewritten by `edit` (a part's new text, or null to leave it out), CRCs made anew. */
async function edited(path: string, name: string, edit: (part: string, text: string) => string | null) {
  const source = await JSZip.loadAsync(readFileSync(path));
  const target = new JSZip();
  for (const [part, file] of Object.entries(source.files)) {
    if (file.dir) continue;
    const text = edit(part, await file.async('string'));
    if (text !== null) target.file(part, text);
  }
  const out = join(dir, name);
  writeFileSync(out, await target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return out;
}

/** The zip with the CRC-32 its central directory gives for one part changed (the part's bytes as they were). */
function withDirectoryCrcChanged(bytes: Buffer, part: string): Buffer {
  const copy = Buffer.from(bytes);
  for (let at = copy.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = copy.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    const name = copy.subarray(at + 46, at + 46 + copy.readUInt16LE(at + 28)).toString('utf8');
    if (name === part) copy.writeUInt32LE((copy.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
  }
  return copy;
}

async function refusal(path: string): Promise<Error> {
  try {
    await rowsOf(path);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${path} was read`);
}

describe('reading the rows of a Pemda member workbook', () => {
  const rows = [HEADER, ...[1, 2, 3].map(row)];

  it('reads every row of the first worksheet with its shared strings', async () => {
    expect(await rowsOf(await memberWorkbook('anggota.xlsx', [{ name: 'Data', rows }]))).toEqual(rows);
  });

  it('reads the same rows whatever order the parts are stored in (workbook first, worksheet last, reversed)', async () => {
    const written = await memberWorkbook('urutan.xlsx', [{ name: 'Data', rows }]);
    const workbookFirst = (names: string[]) => [
      ...names.filter((n) => n === 'xl/workbook.xml'),
      ...names.filter((n) => n !== 'xl/workbook.xml'),
    ];
    const sheetLast = (names: string[]) => [
      ...names.filter((n) => !n.includes('worksheets/')),
      'xl/worksheets/sheet1.xml',
    ];
    for (const [name, order] of [
      ['excel.xlsx', workbookFirst],
      ['sheet-last.xlsx', sheetLast],
      ['reversed.xlsx', (names: string[]) => [...names].reverse()],
    ] as const) {
      expect(await rowsOf(await reordered(written, name, order))).toEqual(rows);
    }
  });

  it('reads the first visible tab, not the part named sheet1 nor a hidden tab before it', async () => {
    const path = await memberWorkbook('tabs.xlsx', [
      { name: 'Petunjuk', rows: [['isi kolom NIK dengan teks']], hidden: true },
      { name: 'Data', rows },
      { name: 'Rekap', rows: [['jumlah', '3']] },
    ]);
    expect(await rowsOf(path)).toEqual(rows);
  });

  it("reads without exceljs's own zip loop, which is what would fail here", async () => {
    const path = await memberWorkbook('tanpa-parse.xlsx', [{ name: 'Data', rows }]);
    expect(await rowsOf(path)).toEqual(rows);
    const loop = async () => {
      for await (const _ of new ExcelJS.stream.xlsx.WorkbookReader(path, {}));
    };
    await expect(loop()).rejects.toThrow('unzipper Parse used');
  });

  it('skips a chart sheet before the first worksheet', async () => {
    const path = await memberWorkbook('grafik.xlsx', [
      { name: 'Grafik', rows: [['bukan data']] },
      { name: 'Data', rows },
    ]);
    const chartFirst = await edited(path, 'grafik-dulu.xlsx', (part, text) =>
      part === 'xl/_rels/workbook.xml.rels'
        ? text.replace(/<Relationship [^>]*Target="worksheets\/sheet1\.xml"[^>]*\/>/, (rel) =>
            rel.replace('/worksheet"', '/chartsheet"'),
          )
        : text,
    );
    expect(await rowsOf(path)).toEqual([['bukan data']]); // as a worksheet, the first tab is read
    expect(await rowsOf(chartFirst)).toEqual(rows);
  });

  it('gives the same rows to many reads at once (the streaming zip reader could end early under load)', async () => {
    const path = await memberWorkbook('serentak.xlsx', [{ name: 'Data', rows }]);
    const reads = await Promise.all(Array.from({ length: 64 }, () => rowsOf(path)));
    for (const read of reads) expect(read).toEqual(rows);
  });
});

describe('a file the import cannot read is refused with what is wrong with it', () => {
  it('a CSV file named .xlsx, an empty file, a truncated workbook: not a readable XLSX workbook', async () => {
    const good = await memberWorkbook('utuh.xlsx', [{ name: 'Data', rows: [HEADER, row(1)] }]);
    const bytes = readFileSync(good);
    const cases: [string, Buffer][] = [
      ['csv-renamed.xlsx', Buffer.from(`${HEADER.join(',')}\n${row(1).join(',')}\n`)],
      ['empty.xlsx', Buffer.alloc(0)],
      ['truncated.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2))],
      ['ole-encrypted.xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)])],
    ];
    for (const [name, content] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const error = await refusal(path);
      expect(error).toBeInstanceOf(UnreadableFileError);
      expect(error.message).toContain(`${path}: not a readable XLSX workbook (`);
    }
  });

  it('a zip without a workbook part, or whose worksheet part is damaged', async () => {
    const good = await memberWorkbook('sumber.xlsx', [{ name: 'Data', rows: [HEADER, row(1)] }]);
    const noWorkbook = await reordered(good, 'tanpa-workbook.xlsx', (names) =>
      names.filter((n) => n !== 'xl/workbook.xml'),
    );
    expect((await refusal(noWorkbook)).message).toContain('(no xl/workbook.xml)');
    const zip = await JSZip.loadAsync(readFileSync(good));
    zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>');
    const cut = join(dir, 'lembar-rusak.xlsx');
    writeFileSync(cut, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const error = await refusal(cut);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.message).toContain('its worksheet');
  });

  it('a workbook whose stored bytes were changed after it was written: a NIK one digit off is not read', async () => {
    const good = await memberWorkbook('asli.xlsx', [{ name: 'Data', rows: [HEADER, row(1)] }]);
    const zip = await JSZip.loadAsync(readFileSync(good));
    const stored = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const at = stored.indexOf(row(1)[0]);
    expect(at).toBeGreaterThan(0);
    stored[at + 15] = stored[at + 15] === 0x31 ? 0x32 : 0x31;
    const changed = join(dir, 'diubah.xlsx');
    writeFileSync(changed, stored);
    const error = await refusal(changed);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.message).toContain('is damaged (its CRC-32 differs)');
  });

  it('a relationships or workbook part whose CRC-32 differs from its directory entry, though exceljs reads it', async () => {
    const bytes = readFileSync(await memberWorkbook('crc.xlsx', [{ name: 'Data', rows: [HEADER, row(1)] }]));
    for (const part of ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']) {
      const path = join(dir, `crc-${part.replace(/\W/g, '-')}.xlsx`);
      writeFileSync(path, withDirectoryCrcChanged(bytes, part));
      expect((await refusal(path)).message).toContain(`${part} is damaged (its CRC-32 differs)`);
    }
  });

  it('shared strings cut short, missing, or named by cells of a workbook that has none', async () => {
    const good = await memberWorkbook('teks.xlsx', [{ name: 'Data', rows: [HEADER, row(1), row(2)] }]);
    const cut = await edited(good, 'teks-terpotong.xlsx', (part, text) =>
      part === 'xl/sharedStrings.xml' ? text.slice(0, text.indexOf('</si>') + 5) : text,
    );
    expect((await refusal(cut)).message).toContain('xl/sharedStrings.xml ends before </sst>');
    const missing = await edited(good, 'teks-hilang.xlsx', (part, text) =>
      part === 'xl/sharedStrings.xml' ? null : text,
    );
    expect((await refusal(missing)).message).toContain('(no xl/sharedStrings.xml)');
    const unrelated = await edited(good, 'teks-tanpa-relasi.xlsx', (part, text) => {
      if (part === 'xl/sharedStrings.xml') return null;
      if (part === 'xl/_rels/workbook.xml.rels') return text.replace(/<Relationship [^>]*sharedStrings[^>]*\/>/, '');
      return text;
    });
    expect((await refusal(unrelated)).message).toContain('row 1 names shared strings the workbook does not hold');
  });

  it('a CSV file with a quote never closed, a file of another type, a path that is no file', async () => {
    const badQuote = join(dir, 'kutip.csv');
    writeFileSync(badQuote, `${HEADER.join(',')}\n"7326010101900001,Ana,petani,73.26.01.2001\n`);
    expect((await refusal(badQuote)).message).toContain(`${badQuote}: not a readable CSV file (`);
    const other = join(dir, 'anggota.xls');
    writeFileSync(other, 'x');
    expect((await refusal(other)).message).toBe(`${other}: only .xlsx and .csv files can be imported`);
    await expect(rowsOf(join(dir, 'tidak-ada.xlsx'))).rejects.toBeInstanceOf(UnreadableFileError);
  });
});
