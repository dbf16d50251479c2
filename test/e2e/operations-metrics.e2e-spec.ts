import { ReadModelHost } from '@pks/projections';
import { startApp, type RunningApp } from './support/app';
import { cohortBody, SBD, signBody } from './support/bodies';
import { eventually, expectProblem } from './support/ledger';

const TOKEN = 'scraper-secret-0001';

/** The value of one sample of the Prometheus text (`name{labels} value`), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics at /metrics', () => {
  let running: RunningApp;
  const scrape = async () =>
    (await running.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    running = await startApp({ env: { METRICS_TOKEN: TOKEN } });
    await running.http.post('/agreements').send(signBody()).expect(201);
    const enrolled = await running.http.post(`/agreements/${SBD.agreementId}/cohorts`).send(cohortBody(3));
    await running.http.post('/agreements').send(signBody()).expect(409);
    await running.http.get(`/agreements/${SBD.agreementId}?minPosition=${enrolled.body.position}`).expect(200);
  });
  afterAll(() => running?.close());

  it('refuses anonymous callers and callers with another token, with the error shape', async () => {
    const anonymous = await running.anonymous.get('/metrics');
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expectProblem(
      await running.anonymous.get('/metrics').set('Authorization', 'Bearer not-the-token'),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('counts commands by type and outcome, refusals by code, with latency histograms', async () => {
    const text = await scrape();
    expect(sample(text, 'pks_commands_total{type="SignAgreement",outcome="appended",code=""}')).toBe(1);
    expect(sample(text, 'pks_commands_total{type="EnrollCohort",outcome="appended",code=""}')).toBe(1);
    expect(sample(text, 'pks_commands_total{type="SignAgreement",outcome="refused",code="AGREEMENT_EXISTS"}')).toBe(1);
    expect(sample(text, 'pks_command_duration_seconds_count{type="SignAgreement",outcome="appended"}')).toBe(1);
    expect(sample(text, 'pks_command_duration_seconds_bucket{le="+Inf",type="EnrollCohort",outcome="appended"}')).toBe(
      1,
    );
  });

  // Group commits are the SQLite store's; other stores time their appends only.
  const sqliteOnly = (process.env.E2E_EVENT_STORE ?? 'sqlite') === 'sqlite' ? it : it.skip;
  sqliteOnly(
    'times appends and group commits of the SQLite store, and counts the appends of each commit (SQLite only)',
    async () => {
      const text = await scrape();
      expect(sample(text, 'pks_event_store_append_duration_seconds_count{accepted="true"}')).toBe(2);
      const commits = sample(text, 'pks_event_store_commit_duration_seconds_count') ?? 0;
      expect(commits).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'pks_event_store_group_commit_appends_count')).toBe(commits);
      expect(sample(text, 'pks_event_store_group_commit_events_sum')).toBeGreaterThanOrEqual(2);
    },
  );

  it('shows the read side caught up: lag 0 events and 0 s, nothing quarantined, state live, reactors at the head', async () => {
    const text = await eventually(scrape, (t) => sample(t, 'pks_reactor_lag_events{reactor="death-spread"}') === 0);
    const head = sample(text, 'pks_event_store_head_position');
    expect(head).toBe((await running.http.get('/health').expect(200)).body.headPosition);
    expect(sample(text, 'pks_read_models_applied_position')).toBe(head);
    expect(sample(text, 'pks_projection_lag_events')).toBe(0);
    expect(sample(text, 'pks_projection_lag_seconds')).toBe(0);
    expect(sample(text, 'pks_projection_quarantined_events')).toBe(0);
    expect(sample(text, 'pks_read_models_state{state="live"}')).toBe(1);
    expect(sample(text, 'pks_read_models_state{state="rebuilding"}')).toBe(0);
    expect(sample(text, 'pks_read_models_rebuild_progress')).toBe(1);
    expect(sample(text, 'pks_reactor_position{reactor="death-spread"}')).toBe(head);
  });

  // E2E_PROJECTION_THREAD=on (npm run test:thread) runs the suite with the runner in its own thread.
  const threaded = process.env.E2E_PROJECTION_THREAD === 'on';
  const title = threaded
    ? "shows the projection thread's heap (the runner in its thread)"
    : 'shows no projection thread heap (the runner on the loop)';
  it(title, async () => {
    if (!threaded) {
      const text = await scrape();
      expect(text).toContain('# HELP pks_projection_thread_heap_bytes');
      expect(sample(text, 'pks_projection_thread_heap_bytes{kind="total"}')).toBeUndefined();
      return;
    }
    const text = await eventually(
      scrape,
      (t) => sample(t, 'pks_projection_thread_heap_bytes{kind="total"}') !== undefined,
    );
    const used = sample(text, 'pks_projection_thread_heap_bytes{kind="used"}') as number;
    const total = sample(text, 'pks_projection_thread_heap_bytes{kind="total"}') as number;
    // A thread that opened SQLite and applied events holds more than 1 MB and less than what this process has.
    expect(used).toBeGreaterThan(1_000_000);
    expect(used).toBeLessThanOrEqual(total);
    expect(total).toBeLessThan(sample(text, 'pks_nodejs_heap_size_total_bytes') as number);
  });

  it('shows the lag in events and seconds while the read models are held back', async () => {
    const runner = running.app.get(ReadModelHost).current().runner;
    runner.halt();
    const notify = jest.spyOn(runner, 'notify').mockImplementation(() => undefined);
    await running.http.post(`/agreements/${SBD.agreementId}/cohorts/berkah-nelayan/members`).send({
      members: (cohortBody(2, { first: 10 }) as { members: unknown[] }).members,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const text = await scrape();
    expect(sample(text, 'pks_projection_lag_events')).toBe(1);
    expect(sample(text, 'pks_projection_lag_seconds')).toBeGreaterThanOrEqual(0.25);
    notify.mockRestore();
    runner.start(50);
  });

  it('counts requests by route template, never by a raw path', async () => {
    const text = await scrape();
    expect(text).toMatch(
      /pks_http_request_duration_seconds_count\{method="POST",route="\/agreements",status="201"\} 1/,
    );
    expect(text).toMatch(/route="\/agreements\/:id"/);
    expect(text).not.toContain(`route="/agreements/${SBD.agreementId}"`);
  });
});

describe('metrics opened to anyone by configuration', () => {
  it('answers without a token when METRICS_PUBLIC=true', async () => {
    const running = await startApp({ env: { METRICS_PUBLIC: 'true' } });
    try {
      const res = await running.http.get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/^# HELP pks_/m);
    } finally {
      await running.close();
    }
  });
});
