import { get } from '../api';
import type { AgreementListItem, PremiumMonth, Premiums } from '../api-types';
import { h, section, show } from '../dom';
import { kpi, money, quantity } from '../figures';
import { t } from '../i18n';
import { ancestors, childOf, PROVINCES } from '../regions';
import { coverageSection } from './coverage';
import { failure } from './notices';
import { premiumMonths } from './premiums';
import { agreementsTable, benefitsSection, doubleFundingSection } from './region-sections';

/** The most agreements whose premiums are read one by one when the server has no region reconciliation. */
const PREMIUMS_READ_ONE_BY_ONE = 100;

/** The country (regionCode ''), a province or a regency: coverage, benefits, premiums, double funding. */
export async function regionView(container: HTMLElement, regionCode: string, today: string): Promise<void> {
  show(container, breadcrumb(regionCode), h('p', { class: 'muted' }, t('loading')));
  let agreements: AgreementListItem[];
  try {
    agreements = (await get<{ items: AgreementListItem[] }>('/agreements', { regionCode })).items;
  } catch (error) {
    return show(container, breadcrumb(regionCode), failure(error));
  }
  const coverage = section(t('coverageOverTime'), 'coverage');
  const premiums = section(t('premiumReconciliation'), 'premiums');
  const benefits = section(t('benefits'), 'benefits');
  const funding = section(t('doubleFunding'), 'double-funding');
  const list = section(t('agreements'), 'agreements');
  show(
    container,
    breadcrumb(regionCode),
    h('h1', {}, regionName(regionCode, agreements)),
    keyFigures(agreements),
    drillDown(regionCode, agreements),
    coverage.element,
    premiums.element,
    benefits.element,
    funding.element,
    list.element,
  );
  show(coverage.slot, coverageSection('/coverage', regionCode ? { regionCode } : {}, rangeOf(agreements, today)));
  show(list.slot, agreementsTable(agreements));
  await Promise.all([
    loadPremiums(premiums.slot, agreements, rangeOf(agreements, today).to.slice(0, 7)),
    benefitsSection(benefits.slot, { regionCode }),
    doubleFundingSection(funding.slot, regionCode),
  ]);
}

function breadcrumb(regionCode: string): HTMLElement {
  const links = ancestors(regionCode).map((code) => h('a', { href: `#/wilayah/${code}` }, code));
  return h(
    'nav',
    { class: 'crumbs', 'aria-label': t('region') },
    h('a', { href: '#/' }, 'Indonesia'),
    ...links.flatMap((a) => [' › ', a]),
  );
}

function regionName(code: string, agreements: readonly AgreementListItem[]): string {
  if (code === '') return t('country');
  const own = agreements.find((a) => a.pemda.regionCode === code)?.pemda.name;
  return `${code} · ${own ?? PROVINCES[code] ?? t('region')}`;
}

function keyFigures(agreements: readonly AgreementListItem[]): HTMLElement {
  const sum = (pick: (a: AgreementListItem) => number) => agreements.reduce((total, a) => total + pick(a), 0);
  return h(
    'div',
    { class: 'kpis' },
    kpi(t('agreements'), quantity(agreements.length, 'kpi-agreements')),
    kpi(
      t('members'),
      quantity(
        sum((a) => a.members),
        'kpi-members',
      ),
    ),
    kpi(
      t('budget'),
      money(
        sum((a) => a.budget),
        'kpi-budget',
      ),
    ),
    kpi(
      t('expectedPremium'),
      money(
        sum((a) => a.expectedPremium),
        'kpi-expected',
      ),
    ),
    kpi(
      t('paidPremium'),
      money(
        sum((a) => a.paidPremium),
        'kpi-paid',
      ),
    ),
  );
}

/** The regions one level down that have agreements, each a link to its own view. */
function drillDown(regionCode: string, agreements: readonly AgreementListItem[]): HTMLElement | null {
  const children = new Map<string, number>();
  for (const a of agreements) {
    const child = childOf(regionCode, a.pemda.regionCode);
    if (child !== null) children.set(child, (children.get(child) ?? 0) + 1);
  }
  if (children.size === 0) return null;
  const links = [...children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, n]) =>
      h(
        'a',
        { class: 'chip', href: `#/wilayah/${code}`, 'data-region': code },
        `${regionName(code, agreements)} (${n})`,
      ),
    );
  return h(
    'nav',
    { class: 'drill', 'aria-label': t('drillDown') },
    h('span', { class: 'muted' }, `${t('drillDown')}: `),
    ...links,
  );
}

/** From the earliest coverage start to the latest covered day, at most a year past today. */
function rangeOf(agreements: readonly AgreementListItem[], today: string) {
  if (agreements.length === 0) return { from: `${today.slice(0, 4)}-01-01`, to: today };
  const from = agreements.map((a) => a.coverage.start).reduce((a, b) => (a < b ? a : b));
  const last = agreements.map((a) => a.coverage.lastCoveredDay).reduce((a, b) => (a > b ? a : b));
  const cap = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return { from, to: last < cap ? last : cap };
}

/**
 * The region's reconciliation: the months of its agreements added up (expected, and paid and outstanding where
 * the API allocates payments to months). Read one agreement at a time, the first {@link PREMIUMS_READ_ONE_BY_ONE}.
 */
async function loadPremiums(slot: HTMLElement, agreements: readonly AgreementListItem[], until: string) {
  try {
    const read = agreements.slice(0, PREMIUMS_READ_ONE_BY_ONE);
    const answers = await Promise.all(
      read.map((a) => get<Premiums>(`/agreements/${encodeURIComponent(a.agreementId)}/premiums`)),
    );
    const note = read.length < agreements.length ? t('firstAgreementsOnly', { n: read.length }) : null;
    show(
      slot,
      premiumMonths(addUp(answers.flatMap((answer) => answer.months)), until),
      note && h('p', { class: 'muted' }, note),
    );
  } catch (error) {
    show(slot, failure(error));
  }
}

function addUp(months: readonly PremiumMonth[]): PremiumMonth[] {
  const allocated = months.every((m) => m.paid !== undefined && m.outstanding !== undefined);
  const byMonth = new Map<string, PremiumMonth>();
  const plus = (a: number | undefined, b: number | undefined) => (a ?? 0) + (b ?? 0);
  for (const m of months) {
    const sum = byMonth.get(m.month);
    byMonth.set(m.month, {
      month: m.month,
      personMonths: plus(sum?.personMonths, m.personMonths),
      expected: plus(sum?.expected, m.expected),
      ...(allocated ? { paid: plus(sum?.paid, m.paid), outstanding: plus(sum?.outstanding, m.outstanding) } : {}),
    });
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}
