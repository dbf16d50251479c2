import { existsSync, rmSync } from 'node:fs';
import { startApp, type RunningApp } from './support/app';
import { paymentBody } from './support/bodies';
import { REGIONS as R, seedRegions } from './support/regions';

/**
 * A restart on the same SQLite file loses nothing: history, summaries, read models, and the chain continues;
 * read models are derived data, rebuilt from the events when their file is gone.
 */
describe('restart on the same SQLite file', () => {
  let running: RunningApp;
  const views: Record<string, unknown> = {};
  const paths = [
    `/agreements/${R.sbd}`,
    `/agreements/${R.sbd}/events`,
    `/agreements/${R.sbd}/premiums`,
    `/benefits`,
    `/agreements?regionCode=72`,
    `/reconciliation/double-funding?regionCode=72`,
    `/members/${R.sultengWorkers[1]}`,
    `/agreements/${R.sbd}/coverage?from=2025-10-01&to=2025-12-31`,
  ];

  beforeAll(async () => {
    running = await startApp();
    await seedRegions(running.http);
    const { headPosition } = (await running.http.get('/health').expect(200)).body;
    for (const path of paths)
      views[path] = (await running.http.get(path).query({ minPosition: headPosition }).expect(200)).body;
    await running.close({ keepFiles: true });
    running = await startApp({ dir: running.dir });
  });
  afterAll(() => running?.close());

  it('answers every query as before the restart', async () => {
    const { headPosition } = (await running.http.get('/health').expect(200)).body;
    for (const path of paths) {
      const res = await running.http.get(path).query({ minPosition: headPosition }).expect(200);
      expect({ path, body: res.body }).toEqual({ path, body: views[path] });
    }
  });

  it('continues the stream and its hash chain after the restart', async () => {
    const before = (
      views[`/agreements/${R.sbd}/events`] as { items: { version: number; metadata: { hash: string } }[] }
    ).items;
    const last = before[before.length - 1];
    const res = await running.http
      .post(`/agreements/${R.sbd}/premium-payments`)
      .send(paymentBody('sp2d-after-restart', { amount: 50_000 }))
      .expect(201);
    expect(res.body.version).toBe(last.version + 1);
    const page = await running.http
      .get(`/agreements/${R.sbd}/events`)
      .query({ fromVersion: last.version + 1 })
      .expect(200);
    expect(page.body.items[0].metadata.previousHash).toBe(last.metadata.hash);
    const premiums = await running.http
      .get(`/agreements/${R.sbd}/premiums`)
      .query({ minPosition: res.body.position })
      .expect(200);
    expect(premiums.body.paid).toBe(150_000);
  });

  it('rebuilds the read models from the events when their file is lost', async () => {
    const { headPosition } = (await running.http.get('/health').expect(200)).body;
    const expected: Record<string, unknown> = {};
    for (const path of paths)
      expected[path] = (await running.http.get(path).query({ minPosition: headPosition }).expect(200)).body;
    await running.close({ keepFiles: true });
    expect(existsSync(running.config.readModelPath)).toBe(true);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${running.config.readModelPath}${suffix}`, { force: true });
    running = await startApp({ dir: running.dir });
    for (const path of paths) {
      const res = await running.http.get(path).query({ minPosition: headPosition });
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 200, body: expected[path] });
    }
  });
});
