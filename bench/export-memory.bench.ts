/**
 * Peak memory of the export writers alone, on synthetic member lists of growing length: a writer that streams in
 * bounded memory peaks at about the same figure for 100,402 and for 401,608 rows. Each runs as a caller who sees
 * personal data (rows as recorded, handed to the access log a batch at a time, as the service does) and as one
 * who does not (every row through rule 12's masking). Each size, format and view runs in a process of its own,
 * so that each peak is its own. Prints one JSON line per run; asserts nothing.
 *   npm run bench:export-memory
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvStream } from '../apps/api/src/exports/csv.export';
import { membersExport } from '../apps/api/src/exports/reports/list.reports';
import { xlsxStream } from '../apps/api/src/exports/xlsx.export';
import { niksIn } from '../apps/api/src/access/personal-data.interceptor';
import { observedDocument, type ExportDocument } from '../apps/api/src/exports/export-table';
import { PERSONAL_DATA_MASKED, PERSONAL_DATA_SHOWN } from '../libs/domain/src';
import type { MemberListItem } from '../libs/projections/src';

const SIZES = [100_402, 4 * 100_402];
type Format = 'csv' | 'xlsx';
type View = 'shown' | 'masked';

function* members(count: number): Generator<MemberListItem> {
  for (let i = 0; i < count; i++) {
    yield {
      nik: `720101${String(1_000_000_000 + i).slice(1)}`,
      name: `Pekerja Sulawesi Tengah ${i}`,
      cohortId: 'pekerja-rentan',
      occupation: ['petani', 'nelayan', 'peternak'][i % 3],
      villageCode: `72.01.${String((i % 20) + 1).padStart(2, '0')}.2001`,
      declaredIncome: 1_000_000,
      currentDeclaredIncome: i % 10 === 0 ? 1_500_000 : 1_000_000,
      incomeChanges: [],
      coverage: { from: '2025-10-01', to: '2025-12-31' },
      personMonths: 3,
    };
  }
}

/** Shown: the rows pass the access log's observer (the NIKs of each batch collected, then dropped); masked: not. */
function documentOf(count: number, view: View): ExportDocument {
  const document = membersExport('bench', members(count));
  return view === 'masked' ? document : observedDocument(document, (rows) => void niksIn(rows).length);
}

async function measure(count: number, format: Format, view: View): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = Date.now();
  const document = documentOf(count, view);
  const shown = view === 'masked' ? PERSONAL_DATA_MASKED : PERSONAL_DATA_SHOWN;
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  await pipeline(format === 'csv' ? csvStream(document, shown) : xlsxStream(document, shown), sink);
  clearInterval(sampler);
  const figures = {
    rows: count,
    format,
    view,
    bytes,
    seconds: (Date.now() - started) / 1_000,
    peakRssMiB: Math.round(peak / 2 ** 20),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const [count, format, view] = process.argv.slice(2);
if (count !== undefined) {
  void measure(Number(count), format as Format, view as View);
} else {
  for (const size of SIZES) {
    for (const kind of ['csv', 'xlsx']) {
      for (const shown of ['shown', 'masked']) {
        spawnSync(process.execPath, [...process.execArgv, __filename, String(size), kind, shown], {
          stdio: 'inherit',
          env: process.env,
        });
      }
    }
  }
}
