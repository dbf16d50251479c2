import { startApp, type RunningApp } from './support/app';

/** Operations: liveness, and the whole API published as OpenAPI at /docs and /docs-json. */
const COMMAND_PATHS = [
  '/agreements',
  '/agreements/{id}/cohorts',
  '/agreements/{id}/cohorts/{cohortId}/members',
  '/agreements/{id}/extensions',
  '/agreements/{id}/death-benefits',
  '/agreements/{id}/premium-payments',
  '/agreements/{id}/members/{nik}/withdrawal',
  '/agreements/{id}/termination',
];

describe('health and API documentation', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running?.close());

  it('answers /health with 200 when the store answers', async () => {
    const res = await running.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', eventStore: running.config.eventStore, headPosition: 0 });
  });

  it('publishes an OpenAPI document listing every command (POST) and query (GET) of API.md', async () => {
    const res = await running.http.get('/docs-json').expect(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of COMMAND_PATHS) {
      expect({ path, post: res.body.paths?.[path]?.post !== undefined }).toEqual({ path, post: true });
    }
    const queryPaths = [
      '/agreements',
      '/agreements/{id}',
      '/agreements/{id}/events',
      '/agreements/{id}/state',
      '/agreements/{id}/coverage',
      '/coverage',
      '/benefits',
      '/agreements/{id}/premiums',
      '/reconciliation/double-funding',
      '/members/{nik}',
      '/health',
    ];
    for (const path of queryPaths) {
      expect({ path, get: res.body.paths?.[path]?.get !== undefined }).toEqual({ path, get: true });
    }
  });

  it('serves the documentation UI at /docs as HTML', async () => {
    const res = await running.http.get('/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger/i);
  });
});
