import type { Page, Request } from 'playwright-core';
import { recordIssued } from '../e2e/support/actors';
import type { Http } from '../e2e/support/app';
import { REGIONS } from '../e2e/support/regions';
import { launchChromium, screenshot } from './support/chromium';
import { dashboardServer } from './support/dashboard-server';
import { CLIENT_ID, OidcProvider, s256, type ProviderUser } from './support/oidc-provider';
import { chart, figure, rows } from './support/page-figures';

/**
 * "Masuk dengan <issuer>": the service configured with an OIDC issuer that the test serves itself, the page
 * signing in there with the authorization code flow and PKCE in Debian's Chromium, and every way that flow
 * must refuse to end with a token.
 */
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
/** A viewer of the Sumba Barat Daya regency only, as the organisation's identity provider describes them. */
const VIEWER: ProviderUser = { sub: 'dasbor@pemkab-sbd', roles: ['viewer'], regions: ['53.18'] };
const ADMIN: ProviderUser = { sub: 'admin@sso-bpjs', roles: ['admin'] };

describe('signing in to the dashboard at the OIDC issuer', () => {
  let provider: OidcProvider;
  let server: Awaited<ReturnType<typeof dashboardServer>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const apiRequests: Request[] = [];
  const shots: string[] = [];
  /** The answer of the issuer that signed the viewer in, to be replayed. */
  let callback: string;

  beforeAll(async () => {
    provider = await OidcProvider.start();
    recordIssued(ADMIN.sub);
    server = await dashboardServer({ env: provider.env(), adminToken: await provider.accessToken(ADMIN) });
    provider.allowRedirect(`${server.base}/`);
    browser = await launchChromium();
    page = browser.page;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.match(/^\/(agreements|coverage|benefits|reconciliation)/))
        apiRequests.push(request);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.running.close();
    await provider?.close();
    process.stdout.write(`screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}\n`);
  });

  /** The token the tab keeps (the callback runs in the browser: its globals are not this file's). */
  const storedToken = () =>
    page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem(
        'pks-dashboard-token',
      ),
    );
  const host = () => new URL(provider.issuer).host;

  /** Clicks "Masuk dengan …" and waits for the sign-in form to say why it refused. */
  async function refusedSignIn(): Promise<{ reason: string | null; text: string }> {
    // Back from the provider: the page loaded at its own address again, with the provider's answer.
    const back = page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === page.mainFrame() && frame.url().startsWith(`${server.base}/?`),
    });
    await page.click('#sign-in-oidc');
    await back;
    await page.waitForSelector('#sign-in-message:not([hidden])');
    return {
      reason: await page.getAttribute('#sign-in-message', 'data-reason'),
      text: ((await page.textContent('#sign-in-message')) ?? '').trim(),
    };
  }

  it('offers "Masuk dengan <issuer>" beside the token paste, from what the service publishes', async () => {
    const config = await server.running.anonymous.get('/auth/config').expect(200);
    expect(config.body).toEqual({
      tokens: 'oidc',
      claims: { roles: 'realm_access.roles', regions: 'regions', branches: 'branches' },
      oidc: { issuer: provider.issuer, clientId: CLIENT_ID, scope: 'openid' },
    });
    await page.goto(`${server.base}/#/wilayah/53`);
    await page.waitForSelector('#sign-in-oidc');
    expect(await page.textContent('#sign-in-oidc')).toBe(`Masuk dengan ${host()}`);
    expect(await page.isVisible('#token')).toBe(true);
    shots.push(await screenshot(page, '08-sign-in-oidc'));
  });

  it("signs in with the authorization code and PKCE (S256), checks state and nonce, and sends the issuer's access token to the API", async () => {
    provider.user = VIEWER;
    apiRequests.length = 0;
    await page.click('#sign-in-oidc');
    await page.waitForSelector('#double-funding .kpi');
    // Back where the user was, with the code gone from the address bar.
    expect(page.url()).toBe(`${server.base}/#/wilayah/53`);
    const [asked] = provider.seen.authorizations.slice(-1);
    expect(asked).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${server.base}/`,
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    expect(asked.state.length).toBeGreaterThanOrEqual(22);
    expect(asked.nonce.length).toBeGreaterThanOrEqual(22);
    const [exchange] = provider.seen.exchanges.slice(-1);
    expect(exchange).toMatchObject({ verified: true, status: 200 });
    expect(s256(exchange.verifier)).toBe(asked.code_challenge);
    expect(exchange.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    callback = provider.seen.redirects.slice(-1)[0];

    const [accessToken] = provider.issued.accessTokens.slice(-1);
    expect(await storedToken()).toBe(accessToken);
    expect(await page.textContent('#who')).toBe('dasbor@pemkab-sbd (viewer)');
    expect(apiRequests.length).toBeGreaterThan(3);
    for (const request of apiRequests) {
      expect({ url: request.url(), auth: request.headers().authorization }).toEqual({
        url: request.url(),
        auth: `Bearer ${accessToken}`,
      });
    }
    shots.push(await screenshot(page, '09-region-53-oidc-viewer'));
    await expectRegionAsTheApiAnswers(server.running.as(accessToken), '53');
    // The ID token is for the dashboard (its audience is the client id), never a bearer token of the API.
    const [idToken] = provider.issued.idTokens.slice(-1);
    const withIdToken = await server.running.as(idToken).get('/agreements');
    expect({ status: withIdToken.status, message: withIdToken.body.message }).toEqual({
      status: 401,
      message: expect.stringMatching(/audience \(aud\)/),
    });
  });

  it('forgets the token on sign-out: the page asks to sign in again, also after a reload', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in-oidc');
    expect(await storedToken()).toBeNull();
    await page.reload();
    await page.waitForSelector('#sign-in-oidc');
    expect(await page.$('#agreement-list')).toBeNull();
  });

  it('refuses an answer whose state is not the one it sent, and never exchanges its code', async () => {
    const exchanges = provider.seen.exchanges.length;
    provider.twist({ state: 'state-of-another-sign-in' });
    const refused = await refusedSignIn();
    expect(refused.reason).toBe('stateMismatch');
    expect(refused.text).toMatch(/state tidak cocok/);
    expect(new URL(page.url()).search).toBe('');
    shots.push(await screenshot(page, '10-sign-in-state-refused'));
    // The viewer's earlier answer, replayed: its state was used up by the sign-in it answered.
    await page.goto(callback);
    await page.waitForSelector('#sign-in-message:not([hidden])');
    expect(await page.getAttribute('#sign-in-message', 'data-reason')).toBe('stateMismatch');
    expect(provider.seen.exchanges.length).toBe(exchanges);
    expect(await storedToken()).toBeNull();
  });

  it("shows the token endpoint's error, and keeps no token", async () => {
    provider.twist({
      tokenError: { status: 400, error: 'unauthorized_client', description: 'Klien pks-dashboard dinonaktifkan' },
    });
    const refused = await refusedSignIn();
    expect(refused).toEqual({
      reason: 'tokenEndpointRefused',
      text: 'Penyedia identitas menolak menukar kode dengan token. unauthorized_client: Klien pks-dashboard dinonaktifkan',
    });
    shots.push(await screenshot(page, '11-sign-in-token-error'));
    expect(await storedToken()).toBeNull();
  });

  it("is refused by the provider when its code_verifier does not answer the code's challenge (an injected code)", async () => {
    provider.twist({ challenge: s256('the-verifier-of-another-sign-in-which-this-page-never-saw') });
    const refused = await refusedSignIn();
    const [exchange] = provider.seen.exchanges.slice(-1);
    expect(exchange).toMatchObject({ verified: false, status: 400 });
    expect(refused.reason).toBe('tokenEndpointRefused');
    expect(refused.text).toMatch(/invalid_grant: PKCE verification failed/);
    expect(await storedToken()).toBeNull();
  });

  it('refuses an ID token whose nonce is not the one it sent, though the provider issued tokens', async () => {
    const issued = provider.issued.accessTokens.length;
    provider.twist({ nonce: 'nonce-of-another-sign-in' });
    const refused = await refusedSignIn();
    expect(provider.issued.accessTokens.length).toBe(issued + 1);
    expect(refused.reason).toBe('nonceMismatch');
    expect(await storedToken()).toBeNull();
  });

  it('says so when the user declines at the provider', async () => {
    provider.twist({ deny: true });
    const refused = await refusedSignIn();
    expect(refused.reason).toBe('providerRefused');
    expect(refused.text).toMatch(/access_denied: Pengguna menolak/);
  });

  it('still takes a pasted token of the issuer', async () => {
    const pasted = await provider.accessToken({ sub: 'auditor@bpk', roles: ['auditor'] });
    recordIssued('auditor@bpk');
    await page.fill('#token', pasted);
    await page.click('#sign-in-submit');
    await page.waitForSelector('#double-funding .kpi');
    expect(await page.textContent('#who')).toBe('auditor@bpk (auditor)');
  });

  /** The region's figures on the page equal the API's answers to the same token (its scope applied by the API). */
  async function expectRegionAsTheApiAnswers(client: Http, regionCode: string) {
    const answer = async (path: string) => (await client.get(path).expect(200)).body;
    const { items } = await answer(`/agreements?regionCode=${regionCode}`);
    const all = await server.api(`/agreements?regionCode=${regionCode}`);
    // The issuer's token scopes the viewer to Sumba Barat Daya: Sumba Timur, of the same province, is not shown.
    expect(items.map((a: any) => a.agreementId)).toEqual([REGIONS.sbd]);
    expect(all.items.length).toBeGreaterThan(items.length);
    expect(await figure(page, 'kpi-agreements')).toBe(items.length);
    expect(await figure(page, 'kpi-members')).toBe(sum(items.map((a: any) => a.members)));
    expect(await figure(page, 'kpi-expected')).toBe(sum(items.map((a: any) => a.expectedPremium)));
    expect(await figure(page, 'kpi-paid')).toBe(sum(items.map((a: any) => a.paidPremium)));
    expect((await rows(page, 'agreement-list')).map((row) => row[0])).toEqual([REGIONS.sbd]);
    const drawn = await chart(page, 'coverage-month');
    const coverage = await answer(
      `/coverage?regionCode=${regionCode}&interval=month&from=${drawn.from}&to=${drawn.to}`,
    );
    expect(drawn.series[0]).toEqual(coverage.series.map((point: any) => point.coveredMembers));
    expect(sum(drawn.series[0])).toBeGreaterThan(0);
    const benefits = await answer(`/benefits?regionCode=${regionCode}&limit=100`);
    expect(await figure(page, 'benefits-count')).toBe(benefits.totals.count);
    expect(await figure(page, 'benefits-amount')).toBe(benefits.totals.amount);
    expect(benefits.totals.count).toBe(2);
    // Rule 12: the viewer's NIKs come masked from the API, and the page shows them so.
    expect((await rows(page, 'benefit-list')).map((row) => row[2])).toEqual(benefits.items.map((b: any) => b.nik));
    for (const item of benefits.items) expect(item.nik).toMatch(/^\d{6}\*{6}\d{4}$/);
  }
});
