/**
 * Queries on the chosen size's dataset: the read models are rebuilt once from it (cached under bench/.cache),
 * then the real app serves them in its own process (SQLITE_PATH = the dataset file itself: the queries do not
 * write, but the first service to open the file completes it once: its death-spread reactor records the deaths of
 * workers covered by two agreements in the other one (203 events at the large size), and the store builds the
 * transparency log of a file written without it; READ_MODEL_PATH = the cached read models). Each query is sent once (cold, reported apart), then N times
 * one after another and N times from 8 concurrent clients; p50/p99 per query; the server's peak RSS (VmHWM).
 * Limit, measured on the same server in the same run: GET /health (an HTTP round trip that reads the store's
 * head position), the floor of any query's latency.
 *   node -r @swc-node/register bench/scenarios/queries.scenario.ts --size small|large
 */
import { datasetFile } from '../generator/dataset-file';
import { cachedReadModels } from '../support/read-model-cache';
import { HttpClient } from '../support/http-client';
import { arg, emit, latencyStats, progress, round, runScenario } from '../support/scenario-io';
import { startServer } from '../support/server-process';

const N = 200;
/** Requests of the agreement list (it answers every agreement: the biggest answer of the scenario). */
const LIST_N = 20;
const CONCURRENCY = 8;
/** At most this long per query and mode, whatever N: a slow query gets fewer samples (the figure says how many). */
const BUDGET_MS = 20_000;
/** The longest wait for the service to open the dataset (a fresh one is indexed and logged on first open). */
const FIRST_OPEN_TIMEOUT_MS = 600_000;
const YEAR = 'from=2025-01-01&to=2025-12-31';

async function main(): Promise<void> {
  const size = arg('size', 'small');
  const dataset = await datasetFile(size);
  const models = await cachedReadModels(dataset);
  progress(
    `queries: read models ${models.built ? `rebuilt in ${round(models.seconds, 1)} s` : 'reused from bench/.cache'} (${models.base})`,
  );
  emit({
    key: 'queries.readModels',
    label: models.built
      ? 'read models rebuilt for this scenario (cached for the next run)'
      : 'read models reused from bench/.cache',
    value: models.built ? round(models.seconds, 2) : null,
    unit: 's',
    stat: 'value',
  });
  // The first service to open a freshly generated dataset builds its key index and transparency log (about
  // 2 minutes on this machine on a slow day): the wait for it is not what this scenario measures.
  const server = await startServer(
    {
      SQLITE_PATH: dataset,
      READ_MODEL_PATH: models.base,
      SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'FULL',
    },
    FIRST_OPEN_TIMEOUT_MS,
  );
  const http = new HttpClient(server.base, CONCURRENCY, server.token);
  try {
    const startRss = server.rssMb();
    const health = await http.json('GET', '/health');
    if (health.body?.readModelPosition !== health.body?.headPosition) {
      throw new Error(`read models at ${health.body?.readModelPosition}, store at ${health.body?.headPosition}`);
    }
    const list = await http.json('GET', '/agreements');
    if (list.status !== 200)
      throw new Error(`GET /agreements: ${list.status} ${JSON.stringify(list.body).slice(0, 300)}`);
    const items = list.body.items as { agreementId: string; pemda: { regionCode: string }; members: number }[];
    // The national list (every agreement with its member count and premiums): a dashboard's first page, one
    // request at a time; reported, not one of issue 14's figures.
    const listed = await measure(http, '/agreements', 1, LIST_N);
    const listStats = latencyStats(listed.ms);
    emit({
      key: 'queries.agreementList',
      label: `GET /agreements (${items.length} agreements) one at a time`,
      value: listStats.p99,
      unit: 'ms',
      stat: 'p99',
      p50: listStats.p50,
      p99: listStats.p99,
      max: listStats.max,
      n: listStats.n,
      errors: listed.errors,
      firstMs: round(list.ms, 2),
    });
    const biggest = items.reduce((a, b) => (b.members > a.members ? b : a));
    const province = biggest.pemda.regionCode.slice(0, 2);
    const inProvince = items.filter((a) => a.pemda.regionCode.startsWith(province)).length;
    progress(
      `queries: ${items.length} agreements; agreement ${biggest.agreementId} (${biggest.members} members), province ${province} (${inProvince} agreements)`,
    );
    emit({
      key: 'queries.subject',
      label: `largest agreement ${biggest.agreementId} (${biggest.members.toLocaleString('en')} members), its province ${province} (${inProvince} agreements)`,
      value: biggest.members,
      unit: 'members',
      stat: 'value',
      agreements: items.length,
      events: health.body.headPosition,
    });

    const queries: [string, string][] = [
      ['health', '/health'],
      ['coverage-province-month', `/coverage?regionCode=${province}&interval=month&${YEAR}`],
      ['coverage-national-month', `/coverage?interval=month&${YEAR}`],
      ['agreement-coverage-day', `/agreements/${biggest.agreementId}/coverage?interval=day&${YEAR}`],
      ['benefits-province', `/benefits?regionCode=${province}`],
      ['benefits-national', '/benefits'],
      ['premiums', `/agreements/${biggest.agreementId}/premiums`],
      ['double-funding-province', `/reconciliation/double-funding?regionCode=${province}`],
      ['double-funding-national', '/reconciliation/double-funding'],
    ];
    for (const [name, path] of queries) {
      const first = await http.get(path);
      if (first.status !== 200) throw new Error(`GET ${path}: ${first.status} ${first.text.slice(0, 300)}`);
      const body = JSON.parse(first.text) as { items?: unknown[]; series?: unknown[]; months?: unknown[] };
      const rows = body.items?.length ?? body.series?.length ?? body.months?.length;
      for (const mode of ['seq', 'conc'] as const) {
        const { ms, errors, failures } = await measure(http, path, mode === 'seq' ? 1 : CONCURRENCY);
        const s = latencyStats(ms);
        emit({
          ...(errors > 0
            ? {
                note: `${errors} failed: ${Object.entries(failures)
                  .map(([k, v]) => `${k} x${v}`)
                  .join(', ')}`,
                failures,
              }
            : {}),
          key: `queries.${name}.${mode}`,
          label: `GET ${path} ${mode === 'seq' ? 'one at a time' : `${CONCURRENCY} concurrent clients`}`,
          value: s.p99,
          unit: 'ms',
          stat: 'p99',
          p50: s.p50,
          p99: s.p99,
          max: s.max,
          n: s.n,
          errors,
          firstMs: round(first.ms, 2),
          bytes: first.bytes,
          rows,
          ...(name === 'health' ? {} : { limitKey: `queries.health.${mode}`, limitKind: 'time' as const }),
        });
      }
    }
    // An export of the largest agreement's members, and GET /health sent one after another while it runs: what
    // an export leaves of the service's loop to other requests. Reported, not one of issue 14's figures.
    for (const format of ['csv', 'xlsx'] as const) {
      const path = `/agreements/${biggest.agreementId}/members?format=${format}`;
      let exporting = true;
      const exported = http.get(path).finally(() => (exporting = false));
      const during: number[] = [];
      while (exporting) during.push((await http.get('/health')).ms);
      const answer = await exported;
      const s = latencyStats(during);
      emit({
        key: `queries.healthDuringExport.${format}`,
        label: `GET /health one at a time during ${path} (${round(answer.ms, 0)} ms, ${answer.bytes.toLocaleString('en')} bytes, HTTP ${answer.status})`,
        value: s.p99,
        unit: 'ms',
        stat: 'p99',
        p50: s.p50,
        p99: s.p99,
        max: s.max,
        n: s.n,
        exportMs: round(answer.ms, 1),
      });
    }
    const after = await http.json('GET', '/health').catch((error: Error) => ({ status: 0, body: error.message }));
    emit({
      key: 'queries.serverRss',
      label: 'server peak RSS (VmHWM) after every query',
      value: server.peakRssMb(),
      unit: 'MB',
      stat: 'value',
      rssAfterStartMb: startRss,
      rssNowMb: server.rssMb(),
      healthAfter: after.status,
    });
  } finally {
    http.close();
    await server.stop();
    const tail = server.stderr().trim();
    if (tail) progress(`queries: server stderr: ${tail.slice(-2_000)}`);
  }
}

/**
 * N requests (fewer if the budget runs out) from `clients` closed-loop clients. A failed request (an answer other
 * than 200, or a connection error) is counted by kind, never retried, and leaves no latency sample.
 */
async function measure(http: HttpClient, path: string, clients: number, n = N) {
  const ms: number[] = [];
  let sent = 0;
  const failures: Record<string, number> = {};
  const deadline = performance.now() + BUDGET_MS;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (sent < n && performance.now() < deadline) {
        sent++;
        let kind: string | null;
        try {
          const answer = await http.get(path);
          kind = answer.status === 200 ? null : `HTTP ${answer.status}`;
          if (kind === null) ms.push(answer.ms);
        } catch (error) {
          kind = `network ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
        }
        if (kind !== null) failures[kind] = (failures[kind] ?? 0) + 1;
      }
    }),
  );
  const errors = Object.values(failures).reduce((a, b) => a + b, 0);
  return { ms, errors, failures };
}

runScenario(main);
