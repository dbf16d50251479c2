import type { Page, Request } from 'playwright-core';
import type { RunningApp } from '../e2e/support/app';
import { REGIONS } from '../e2e/support/regions';
import { launchChromium, screenshot } from './support/chromium';
import { bearerToken, dashboardServer } from './support/dashboard-server';
import { chart, figure, rows } from './support/page-figures';

/**
 * The dashboard in Debian's Chromium, headless, on the e2e suites' known ledger (NTT and Sulawesi Tengah). Every
 * figure the page draws is compared with the API's own answer to the same question.
 */
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('the dashboard in a real browser', () => {
  let server: { running: RunningApp; base: string; api<T = any>(path: string): Promise<T> };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const apiRequests: Request[] = [];
  const shots: string[] = [];
  /** A token of the service's own issuer, as `npm run cli -- token` prints it. */
  let AUDITOR: string;

  beforeAll(async () => {
    server = await dashboardServer();
    AUDITOR = await server.running.token({ sub: 'auditor-ntt', roles: ['auditor'] });
    browser = await launchChromium();
    page = browser.page;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.match(/^\/(agreements|coverage|benefits|reconciliation|ledger)/)) {
        apiRequests.push(request);
      }
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.running.close();
    process.stdout.write(`screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}\n`);
  });

  it('asks to sign in, in Bahasa Indonesia, and then sends the pasted token as a bearer token on every API call', async () => {
    await page.goto(`${server.base}/`);
    await page.waitForSelector('#sign-in');
    expect(await page.textContent('#sign-in h1')).toBe('Masuk ke dasbor');
    shots.push(await screenshot(page, '01-sign-in'));
    apiRequests.length = 0;
    await page.fill('#token', AUDITOR);
    await page.click('#sign-in-submit');
    await page.waitForSelector('#agreement-list');
    await page.waitForSelector('#double-funding .kpi');
    expect(await page.textContent('#who')).toBe('auditor-ntt (auditor)');
    expect(apiRequests.length).toBeGreaterThan(5);
    for (const request of apiRequests) {
      expect({ url: request.url(), auth: request.headers().authorization }).toEqual({
        url: request.url(),
        auth: `Bearer ${AUDITOR}`,
      });
    }
  });

  it('draws the country: key figures, agreements, coverage by month, premiums, benefits and double funding as the API answers them', async () => {
    await page.waitForSelector('#premium-months');
    shots.push(await screenshot(page, '02-country'));
    const { items } = await server.api('/agreements');
    expect(await figure(page, 'kpi-agreements')).toBe(items.length);
    expect(await figure(page, 'kpi-members')).toBe(sum(items.map((a: any) => a.members)));
    expect(await figure(page, 'kpi-expected')).toBe(sum(items.map((a: any) => a.expectedPremium)));
    expect(await figure(page, 'kpi-paid')).toBe(sum(items.map((a: any) => a.paidPremium)));
    expect((await rows(page, 'agreement-list')).map((row) => row[0])).toEqual(items.map((a: any) => a.agreementId));
    await expectCoverage(page, '/coverage?', 'coverage-month');
    await expectBenefits(page, '/benefits?limit=100');
    await expectDoubleFunding(page, '/reconciliation/double-funding?limit=100');
    const premiums = await Promise.all(items.map((a: any) => server.api(`/agreements/${a.agreementId}/premiums`)));
    const drawn = await rows(page, 'premium-months');
    const months = await page.$$eval('#premium-months td[data-month]', (tds) =>
      tds.map((td) => td.getAttribute('data-month')),
    );
    const expected = months.map((month) =>
      sum(premiums.flatMap((p: any) => p.months.filter((m: any) => m.month === month).map((m: any) => m.expected))),
    );
    expect(drawn.map((row) => row[2])).toEqual(expected);
    expect(sum(expected)).toBeGreaterThan(0);
  });

  it('drills down to a province and a regency, each drawn from the API answers for its region code', async () => {
    await page.click('a[data-region="72"]');
    await page.waitForURL(/#\/wilayah\/72$/);
    await page.waitForSelector('#double-funding .kpi');
    shots.push(await screenshot(page, '03-province-72'));
    const province = await server.api('/agreements?regionCode=72');
    expect(await figure(page, 'kpi-agreements')).toBe(province.items.length);
    expect(await figure(page, 'kpi-members')).toBe(sum(province.items.map((a: any) => a.members)));
    await expectCoverage(page, '/coverage?regionCode=72&', 'coverage-month');
    const funding = await expectDoubleFunding(page, '/reconciliation/double-funding?regionCode=72&limit=100');
    expect(funding.items.length).toBeGreaterThan(0);

    await page.click('a[data-region="72.01"]');
    await page.waitForURL(/#\/wilayah\/72\.01$/);
    await page.waitForSelector('#double-funding .kpi');
    shots.push(await screenshot(page, '04-regency-72.01'));
    const regency = await server.api('/agreements?regionCode=72.01');
    expect((await rows(page, 'agreement-list')).map((row) => row[0])).toEqual(
      regency.items.map((a: any) => a.agreementId),
    );
    await expectCoverage(page, '/coverage?regionCode=72.01&', 'coverage-month');
  });

  it('draws coverage day by day when asked, equal to the daily series of the API', async () => {
    await page.click('#interval-day');
    const daily = await expectCoverage(page, '/coverage?regionCode=72.01&', 'coverage-day');
    expect(daily.periods[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('opens an agreement: summary, coverage, premiums, benefits and its history with the ledger state, as the API answers', async () => {
    await page.goto(`${server.base}/#/wilayah/53.18`);
    await page.waitForSelector(`a[data-agreement="${REGIONS.sbd}"]`);
    await page.click(`a[data-agreement="${REGIONS.sbd}"]`);
    await page.waitForSelector('#timeline li');
    await page.waitForSelector('#premium-months');
    shots.push(await screenshot(page, '05-agreement'));
    const summary = await server.api(`/agreements/${REGIONS.sbd}`);
    expect(await figure(page, 'summary-members')).toBe(summary.members);
    expect(await figure(page, 'summary-budget')).toBe(summary.budget);
    expect(await figure(page, 'summary-expected')).toBe(summary.expectedPremium);
    expect(await figure(page, 'summary-paid')).toBe(summary.paidPremium);
    expect(await figure(page, 'summary-outstanding')).toBe(summary.outstanding);
    expect(await figure(page, 'summary-benefits')).toBe(summary.benefits.total);
    await expectCoverage(page, `/agreements/${REGIONS.sbd}/coverage?`, 'coverage-month');
    const premiums = await server.api(`/agreements/${REGIONS.sbd}/premiums`);
    expect(await figure(page, 'premiums-expected')).toBe(premiums.expected);
    expect(await figure(page, 'premiums-paid')).toBe(premiums.paid);
    expect(await figure(page, 'premiums-outstanding')).toBe(premiums.outstanding);
    expect((await rows(page, 'premium-months')).map((row) => row[2])).toEqual(
      premiums.months.map((m: any) => m.expected),
    );
    expect((await rows(page, 'payments')).map((row) => row[3])).toEqual(premiums.payments.map((p: any) => p.amount));
    const benefits = await expectBenefits(page, `/benefits?agreementId=${REGIONS.sbd}&limit=100`);
    expect(benefits.totals.count).toBe(2);
    const history = await server.api(`/agreements/${REGIONS.sbd}/events?limit=1000`);
    const timeline = await page.$$eval('#timeline li', (lis) =>
      lis.map((li) => Number(li.getAttribute('data-version'))),
    );
    expect(timeline).toEqual(history.items.map((e: any) => e.version));
    expect(await page.getAttribute('#chain-state', 'data-state')).toBe('linked');
    const head = await server.running.http.get('/ledger/tree-head');
    expect(await page.getAttribute('#tree-head', 'data-state')).toBe(head.status === 200 ? 'signed' : 'unavailable');
  });

  it('switches to English with the same figures', async () => {
    const before = await figure(page, 'summary-expected');
    await page.click('#lang');
    await page.waitForSelector('#premium-months');
    expect(await page.textContent('#coverage h2')).toBe('Coverage over time');
    expect(await figure(page, 'summary-expected')).toBe(before);
    shots.push(await screenshot(page, '06-agreement-en'));
    await page.click('#lang');
  });

  it("offers no history to a viewer's token, and shows the workers' data exactly as the API gives it", async () => {
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in');
    const viewer = await server.running.token({ sub: 'dashboard-ntt', roles: ['viewer'] });
    await page.fill('#token', viewer);
    await page.click('#sign-in-submit');
    await page.goto(`${server.base}/#/pks/${REGIONS.sbd}`);
    await page.waitForSelector('#benefit-list');
    shots.push(await screenshot(page, '07-agreement-viewer'));
    expect(await page.$('#history')).toBeNull();
    const asViewer = await server.running.as(viewer).get(`/benefits?agreementId=${REGIONS.sbd}&limit=100`).expect(200);
    const niks = asViewer.body.items.map((b: any) => b.nik);
    // Rule 12: the API masks them for a viewer (region and last 4 digits kept), and the page shows just that.
    expect(niks.length).toBeGreaterThan(0);
    for (const nik of niks) expect(nik).toMatch(/^\d{6}\*{6}\d{4}$/);
    expect((await rows(page, 'benefit-list')).map((row) => row[2])).toEqual(niks);
  });

  it('asks to sign in again, saying why, when the API refuses the token', async () => {
    // Well formed, with claims the page can read, but signed by nobody the service trusts: the API answers 401.
    const forged = bearerToken({ sub: 'forged', roles: ['auditor'], exp: Math.floor(Date.now() / 1000) + 3_600 });
    expect((await fetch(`${server.base}/agreements`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(
      401,
    );
    await page.click('#sign-out');
    await page.fill('#token', forged);
    await page.click('#sign-in-submit');
    await page.waitForSelector('#sign-in-message:not([hidden])');
    expect(await page.textContent('#sign-in-message')).toMatch(/Token ditolak/);
  });

  /** The chart's periods and values equal the API's series for the request the chart names. */
  async function expectCoverage(p: Page, prefix: string, id: string) {
    const drawn = await chart(p, id);
    const interval = id === 'coverage-day' ? 'day' : 'month';
    const answer = await server.api(`${prefix}interval=${interval}&from=${drawn.from}&to=${drawn.to}`);
    expect(drawn.periods).toEqual(answer.series.map((point: any) => point.period));
    expect(drawn.series[0]).toEqual(answer.series.map((point: any) => point.coveredMembers));
    expect(sum(drawn.series[0])).toBeGreaterThan(0);
    return drawn;
  }

  async function expectBenefits(p: Page, path: string) {
    const answer = await server.api(path);
    expect(await figure(p, 'benefits-count')).toBe(answer.totals.count);
    expect(await figure(p, 'benefits-amount')).toBe(answer.totals.amount);
    expect(await figure(p, 'benefits-jkm')).toBe(answer.totals.byProgram.JKM?.amount ?? 0);
    expect(await figure(p, 'benefits-jkk')).toBe(answer.totals.byProgram.JKK?.amount ?? 0);
    const drawn = answer.items.length === 0 ? [] : await rows(p, 'benefit-list');
    expect(drawn.map((row) => [row[0], row[6]])).toEqual(answer.items.map((b: any) => [b.claimId, b.total]));
    return answer;
  }

  async function expectDoubleFunding(p: Page, path: string) {
    const answer = await server.api(path);
    expect(await figure(p, 'double-count')).toBe(answer.totals.count);
    expect(await figure(p, 'double-amount')).toBe(answer.totals.premiumPaidTwice);
    const drawn = answer.items.length === 0 ? [] : await rows(p, 'double-funding-list');
    expect(drawn.map((row) => [row[0], row[3]])).toEqual(answer.items.map((i: any) => [i.nik, i.premiumPaidTwice]));
    return answer;
  }
});
