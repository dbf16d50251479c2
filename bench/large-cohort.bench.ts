/**
 * The Sulawesi Tengah agreement (DOMAIN.md): 100,402 workers enrolled over HTTP in batches of 5,000, then the
 * latency of one more command on that agreement. Prints figures; asserts nothing about speed.
 *   npm run bench:large-cohort
 */
import 'reflect-metadata';
import { members } from '../libs/domain/src/testing/fixtures';
import { percentile, startHttpApp } from './support/http-app';

const WORKERS = 100_402;
const BATCH = 5_000;
const MONTHLY = 16_800;

async function main(): Promise<void> {
  const app = await startHttpApp({ SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'FULL' });
  const id = 'sulteng-2025-apbdp';
  const signed = await app.post('/agreements', {
    agreementId: id, pksNumber: 'PKS/72/IX/2025',
    pemda: { regionCode: '72', name: 'Provinsi Sulawesi Tengah' },
    branch: { code: 'PALU', name: 'Kantor Cabang Palu' },
    signedOn: '2025-09-24', coverage: { start: '2025-10-01', end: '2025-12-31' }, programs: ['JKK', 'JKM'],
    funding: { source: 'APBD-P', budget: WORKERS * 3 * MONTHLY },
  });
  if (signed.status !== 201) throw new Error(`sign failed: ${JSON.stringify(signed.body)}`);
  const batchMs: number[] = [];
  const started = performance.now();
  for (let first = 0; first < WORKERS; first += BATCH) {
    const rows = members(Math.min(BATCH, WORKERS - first), first).map((m) => ({ ...m, villageCode: '72.01.01.2001' }));
    const t0 = performance.now();
    const response = first === 0
      ? await app.post(`/agreements/${id}/cohorts`, { cohortId: 'pekerja-rentan', name: 'Pekerja Rentan', members: rows })
      : await app.post(`/agreements/${id}/cohorts/pekerja-rentan/members`, { members: rows });
    batchMs.push(performance.now() - t0);
    if (response.status !== 201) throw new Error(`batch at ${first} failed: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
  const enrolSeconds = (performance.now() - started) / 1000;
  const summary = await app.get(`/agreements/${id}`);
  const commandMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const paid = await app.post(`/agreements/${id}/premium-payments`,
      { paymentId: `sp2d-${i}`, amount: 1_000_000, paidOn: '2025-10-15', reference: `SP2D ${i}` });
    commandMs.push(performance.now() - t0);
    if (paid.status !== 201) throw new Error(`payment failed: ${JSON.stringify(paid.body)}`);
  }
  commandMs.sort((a, b) => a - b);
  batchMs.sort((a, b) => a - b);
  console.log(JSON.stringify({
    scenario: 'enrol 100,402 members over HTTP in batches of 5,000, then one more command',
    node: process.version, synchronous: app.config.sqliteSynchronous,
    members: summary.body.members, expectedPremium: summary.body.expectedPremium,
    enrolSeconds: round(enrolSeconds), batches: batchMs.length,
    batchMsP50: round(percentile(batchMs, 50)), batchMsMax: round(batchMs[batchMs.length - 1]),
    nextCommandMsP50: round(percentile(commandMs, 50)), nextCommandMsP99: round(percentile(commandMs, 99)),
  }, null, 2));
  await app.close();
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
