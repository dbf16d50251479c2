/**
 * The Sulawesi Tengah agreement (DOMAIN.md): 100,402 workers enrolled over HTTP in batches of 5,000 against the
 * real app in its own process, timed until the read models have applied the last batch (GET /health
 * readModelPosition); then 200 premium payments on that agreement, one at a time (a command on a 100k-member
 * agreement, whose state must not be re-read from scratch each time); then the first command after a restart
 * (state not cached), for reference. In between, the same workers enrolled by a second agreement of the province
 * over the same months, timed until the read models caught up: every one is then doubly funded (rule 11).
 * Limit, measured in the same process before the server starts: raw better-sqlite3 at the same synchronous
 * setting committing the same 21 batch events (the same JSON) and the 100,402 member rows, one transaction a batch.
 *   node -r @swc-node/register bench/scenarios/large-cohort.scenario.ts [--size ...]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { members } from '../../libs/domain/src/testing/fixtures';
import { HttpClient } from '../support/http-client';
import { emit, latencyStats, progress, round, runScenario } from '../support/scenario-io';
import { startServer, waitForReadModels } from '../support/server-process';

const WORKERS = 100_402;
const BATCH = 5_000;
const MONTHLY = 16_800;
const PAYMENTS = 200;
const ID = 'sulteng-2025-apbdp';
const SECOND_ID = 'sulteng-2025-apbd';

/**
 * Sends the batches to the agreement one after another (the first creates the cohort), then waits until the read
 * models applied the last: each batch's latency, the seconds to the last answer and to the read models.
 */
async function enrolAll(http: HttpClient, agreementId: string, bodies: readonly string[]) {
  const batchMs: number[] = [];
  let lastPosition = 0;
  const started = performance.now();
  for (let i = 0; i < bodies.length; i++) {
    const answer = await http.post(
      i === 0 ? `/agreements/${agreementId}/cohorts` : `/agreements/${agreementId}/cohorts/pekerja-rentan/members`,
      bodies[i],
    );
    batchMs.push(answer.ms);
    if (answer.status !== 201)
      throw new Error(`${agreementId} batch ${i + 1} failed: ${answer.status} ${answer.text.slice(0, 500)}`);
    lastPosition = (JSON.parse(answer.text) as { position: number }).position;
  }
  const enrolSeconds = (performance.now() - started) / 1000;
  await waitForReadModels((p) => http.json('GET', p), lastPosition);
  return { batchMs, enrolSeconds, totalSeconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const synchronous = (process.env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase() as 'FULL' | 'NORMAL';
  const batches: { members: ReturnType<typeof members> }[] = [];
  for (let first = 0; first < WORKERS; first += BATCH) {
    batches.push({
      members: members(Math.min(BATCH, WORKERS - first), first).map((m) => ({ ...m, villageCode: '72.01.01.2001' })),
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'pks-cohort-'));
  try {
    const limit = rawLimit(join(dir, 'limit.sqlite'), synchronous, batches);
    emit({
      key: 'large-cohort.limit',
      label: `raw SQLite: the same ${batches.length} batch events and ${WORKERS.toLocaleString('en')} member rows, one ${synchronous} transaction a batch`,
      value: limit,
      unit: 's',
      stat: 'value',
    });

    const path = join(dir, 'ledger.sqlite');
    let server = await startServer({ SQLITE_PATH: path, SQLITE_SYNCHRONOUS: synchronous });
    let http = new HttpClient(server.base, 4, server.token);
    try {
      const signedBody = {
        agreementId: ID,
        pksNumber: 'PKS/72/IX/2025',
        pemda: { regionCode: '72', name: 'Provinsi Sulawesi Tengah' },
        branch: { code: 'PALU', name: 'Kantor Cabang Palu' },
        signedOn: '2025-09-24',
        coverage: { start: '2025-10-01', end: '2025-12-31' },
        programs: ['JKK', 'JKM'],
        funding: { source: 'APBD-P', budget: WORKERS * 3 * MONTHLY },
      };
      const signed = await http.json('POST', '/agreements', signedBody);
      if (signed.status !== 201) throw new Error(`sign failed: ${JSON.stringify(signed.body)}`);
      await waitForReadModels((p) => http.json('GET', p), signed.body.position);
      const bodies = batches.map((b, i) =>
        JSON.stringify(i === 0 ? { cohortId: 'pekerja-rentan', name: 'Pekerja Rentan', ...b } : b),
      );
      progress(`large-cohort: enrolling ${WORKERS} members in ${batches.length} batches of ${BATCH}`);
      const { batchMs, enrolSeconds, totalSeconds } = await enrolAll(http, ID, bodies);
      const batchStats = latencyStats(batchMs);
      emit({
        key: 'large-cohort.enrolAndProject',
        label: `enrol ${WORKERS.toLocaleString('en')} members in ${batches.length} batches of 5,000 until the read models caught up`,
        value: round(totalSeconds, 3),
        unit: 's',
        stat: 'value',
        limitKey: 'large-cohort.limit',
        limitKind: 'time',
        enrolSeconds: round(enrolSeconds, 3),
        projectionLagSeconds: round(totalSeconds - enrolSeconds, 3),
        batchMsP50: batchStats.p50,
        batchMsMax: batchStats.max,
      });
      emit({
        key: 'large-cohort.enrol',
        label: 'of which the 21 enrolment commands (201 answered)',
        value: round(enrolSeconds, 3),
        unit: 's',
        stat: 'value',
      });
      const summary = await http.json('GET', `/agreements/${ID}`);
      if (summary.body?.members !== WORKERS)
        throw new Error(`summary has ${summary.body?.members} members, not ${WORKERS}`);

      const commandMs: number[] = [];
      for (let i = 0; i < PAYMENTS; i++) {
        const paid = await http.post(`/agreements/${ID}/premium-payments`, {
          paymentId: `sp2d-${i}`,
          amount: 1_000_000,
          paidOn: '2025-10-15',
          reference: `SP2D ${i}`,
        });
        commandMs.push(paid.ms);
        if (paid.status !== 201) throw new Error(`payment failed: ${paid.status} ${paid.text}`);
      }
      const s = latencyStats(commandMs);
      emit({
        key: 'large-cohort.nextCommand',
        label: `RecordPremiumPayment on the 100,402-member agreement, ${PAYMENTS} one at a time`,
        value: s.p50,
        unit: 'ms',
        stat: 'p50',
        p50: s.p50,
        p99: s.p99,
        max: s.max,
        n: s.n,
        limitKey: `limit-commits.${synchronous}`,
        limitKind: 'time',
      });
      emit({
        key: 'large-cohort.server',
        label: 'server peak RSS (VmHWM)',
        value: server.peakRssMb(),
        unit: 'MB',
        stat: 'value',
      });

      // The same workers enrolled by a second agreement of the province over the same months: every one becomes
      // doubly funded (rule 11), and the read side recomputes 100,402 report rows as it applies the batches.
      const second = await http.json('POST', '/agreements', {
        ...signedBody,
        agreementId: SECOND_ID,
        pksNumber: 'PKS/72/X/2025',
        funding: { source: 'APBD', budget: WORKERS * 3 * MONTHLY },
      });
      if (second.status !== 201) throw new Error(`second sign failed: ${JSON.stringify(second.body)}`);
      await waitForReadModels((p) => http.json('GET', p), second.body.position);
      const double = await enrolAll(http, SECOND_ID, bodies);
      const report = await http.json('GET', '/reconciliation/double-funding?regionCode=72&limit=1');
      if (report.body?.totals?.count !== WORKERS)
        throw new Error(`double-funding report counts ${report.body?.totals?.count} workers, not ${WORKERS}`);
      emit({
        key: 'large-cohort.doublyFunded',
        label: `the same ${WORKERS.toLocaleString('en')} workers enrolled by a second agreement (all doubly funded), until the read models caught up`,
        value: round(double.totalSeconds, 3),
        unit: 's',
        stat: 'value',
        enrolSeconds: round(double.enrolSeconds, 3),
        projectionLagSeconds: round(double.totalSeconds - double.enrolSeconds, 3),
      });

      http.close();
      await server.stop();
      server = await startServer({ SQLITE_PATH: path, SQLITE_SYNCHRONOUS: synchronous });
      http = new HttpClient(server.base, 4, server.token);
      const cold = await http.post(`/agreements/${ID}/premium-payments`, {
        paymentId: 'sp2d-after-restart',
        amount: 1_000_000,
        paidOn: '2025-10-15',
        reference: 'SP2D restart',
      });
      if (cold.status !== 201) throw new Error(`payment after restart failed: ${cold.status} ${cold.text}`);
      const warm = await http.post(`/agreements/${ID}/premium-payments`, {
        paymentId: 'sp2d-after-restart-2',
        amount: 1_000_000,
        paidOn: '2025-10-15',
        reference: 'SP2D restart 2',
      });
      emit({
        key: 'large-cohort.coldCommand',
        label: 'the first command on that agreement after a restart (state not cached), then the second',
        value: round(cold.ms, 3),
        unit: 'ms',
        stat: 'value',
        secondMs: round(warm.ms, 3),
      });
    } finally {
      http.close();
      await server.stop();
      const tail = server.stderr().trim();
      if (tail) progress(`large-cohort: server stderr: ${tail.slice(-2_000)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds to commit the same batch events and member rows with raw better-sqlite3. */
function rawLimit(
  path: string,
  synchronous: 'FULL' | 'NORMAL',
  batches: { members: ReturnType<typeof members> }[],
): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
      type TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (stream_id, version));
    CREATE TABLE members (agreement_id TEXT NOT NULL, nik TEXT NOT NULL, cohort_id TEXT NOT NULL, declared_income INTEGER NOT NULL,
      covered_from TEXT NOT NULL, PRIMARY KEY (agreement_id, nik)) WITHOUT ROWID;
    CREATE INDEX members_by_nik ON members (nik);`);
  const event = db.prepare('INSERT INTO events (stream_id, version, type, data) VALUES (?, ?, ?, ?)');
  const member = db.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)');
  const commit = db.transaction((version: number, rows: ReturnType<typeof members>) => {
    const enrolled = rows.map((m) => ({ ...m, declaredIncome: 1_000_000 }));
    event.run(
      `agreement-${ID}`,
      version,
      'CohortBatchEnrolled',
      JSON.stringify({ cohortId: 'pekerja-rentan', batch: version, effectiveFrom: '2025-10-01', members: enrolled }),
    );
    for (const m of enrolled) member.run(ID, m.nik, 'pekerja-rentan', m.declaredIncome, '2025-10-01');
  });
  const started = performance.now();
  batches.forEach((b, i) => commit(i + 1, JSON.parse(JSON.stringify(b.members)) as ReturnType<typeof members>));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return round(seconds, 3);
}

runScenario(main);
