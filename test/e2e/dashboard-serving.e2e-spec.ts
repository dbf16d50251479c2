import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from './support/app';
import { expectProblem } from './support/ledger';

/** The dashboard's build served by the API: the page at /, its assets under /assets/, nothing else of the folder. */
describe('the dashboard served at /', () => {
  const web = mkdtempSync(join(tmpdir(), 'pks-web-'));
  let running: RunningApp;

  beforeAll(async () => {
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Buku Besar PKS</title>');
    writeFileSync(join(web, 'assets', 'index-abc123.js'), 'console.log("dasbor")');
    writeFileSync(join(web, 'notes.txt'), 'not for the public');
    running = await startApp({ env: { WEB_ROOT: web } });
  });
  afterAll(async () => {
    await running?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('serves the page at / as HTML, revalidated on every visit', async () => {
    const res = await running.http.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('Buku Besar PKS');
  });

  it('serves the hashed assets for a year', async () => {
    const res = await running.http.get('/assets/index-abc123.js').expect(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
  });

  it("serves nothing else of the folder: other paths stay the API's (404 NOT_FOUND)", async () => {
    expectProblem(await running.http.get('/notes.txt'), 404, 'NOT_FOUND');
    expectProblem(await running.http.get('/index.html'), 404, 'NOT_FOUND');
    expectProblem(await running.http.get('/assets/missing.js'), 404, 'NOT_FOUND');
  });

  it('leaves the API as it was: a POST to / has no route', async () => {
    expectProblem(await running.http.post('/').send({}), 404, 'NOT_FOUND');
  });
});
