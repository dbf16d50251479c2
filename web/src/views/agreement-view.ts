import { get } from '../api';
import type { Premiums, Summary } from '../api-types';
import { h, section, show, table } from '../dom';
import { cell, kpi, money, quantity } from '../figures';
import { calendar, t } from '../i18n';
import { mayReadHistory } from '../session';
import { coverageSection } from './coverage';
import { historySection } from './history';
import { failure } from './notices';
import { premiumMonths } from './premiums';
import { benefitsSection } from './region-sections';

/** One agreement: summary, coverage, premiums, benefits and its history with the ledger's verification state. */
export async function agreementView(container: HTMLElement, agreementId: string, today: string): Promise<void> {
  show(container, h('p', { class: 'muted' }, t('loading')));
  const path = `/agreements/${encodeURIComponent(agreementId)}`;
  let summary: Summary;
  try {
    summary = await get<Summary>(path);
  } catch (error) {
    return show(container, backLink(), failure(error));
  }
  const coverage = section(t('coverageOverTime'), 'coverage');
  const premiums = section(t('premiumReconciliation'), 'premiums');
  const benefits = section(t('benefits'), 'benefits');
  const history = section(t('history'), 'history');
  show(
    container,
    backLink(summary.pemda.regionCode),
    h('h1', {}, `${summary.pemda.name} · ${summary.agreementId}`),
    summaryCard(summary),
    coverage.element,
    premiums.element,
    benefits.element,
    mayReadHistory() ? history.element : null,
  );
  const range = rangeOf(summary, today);
  show(coverage.slot, coverageSection(`${path}/coverage`, {}, range));
  await Promise.all([
    loadPremiums(premiums.slot, path, range.to.slice(0, 7)),
    benefitsSection(benefits.slot, { agreementId }),
    mayReadHistory() ? historySection(history.slot, path) : Promise.resolve(),
  ]);
}

function backLink(regionCode?: string): HTMLElement {
  return h(
    'nav',
    { class: 'crumbs' },
    h('a', { href: regionCode ? `#/wilayah/${regionCode}` : '#/' }, `‹ ${regionCode ?? 'Indonesia'}`),
  );
}

function summaryCard(s: Summary): HTMLElement {
  const facts: [string, string | HTMLElement][] = [
    [t('status'), h('span', { class: `status ${s.status}`, 'data-testid': 'summary-status' }, t(s.status))],
    [t('pksNumber'), s.pksNumber],
    [t('branch'), `${s.branch.code} · ${s.branch.name}`],
    [t('signedOn'), calendar(s.signedOn)],
    [t('coveragePeriod'), `${calendar(s.coverage.start)} – ${calendar(s.coverage.end)}`],
    [t('lastCoveredDay'), calendar(s.coverage.lastCoveredDay)],
    [t('programs'), s.programs.join(', ')],
    [t('funding'), s.funding.source],
  ];
  return h(
    'section',
    { class: 'card', id: 'summary' },
    h(
      'div',
      { class: 'kpis' },
      kpi(t('members'), quantity(s.members, 'summary-members')),
      kpi(t('budget'), money(s.budget, 'summary-budget')),
      kpi(t('expectedPremium'), money(s.expectedPremium, 'summary-expected')),
      kpi(t('paidPremium'), money(s.paidPremium, 'summary-paid')),
      kpi(t('outstanding'), money(s.outstanding, 'summary-outstanding')),
      kpi(t('benefitsAmount'), money(s.benefits.total, 'summary-benefits')),
    ),
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    s.cohorts.length === 0
      ? null
      : table(
          [t('cohort'), t('members')],
          s.cohorts,
          (c) => [`${c.cohortId} · ${c.name}`, cell(quantity(c.members))],
          'cohorts',
        ),
  );
}

/** The agreement's whole period, up to a year past today (an agreement may run to 2099). */
function rangeOf(summary: Summary, today: string) {
  const cap = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const last = summary.coverage.lastCoveredDay;
  return { from: summary.coverage.start, to: last < cap ? last : cap };
}

async function loadPremiums(slot: HTMLElement, path: string, until: string): Promise<void> {
  try {
    const answer = await get<Premiums>(`${path}/premiums`);
    show(
      slot,
      h(
        'div',
        { class: 'kpis' },
        kpi(t('expected'), money(answer.expected, 'premiums-expected')),
        kpi(t('paid'), money(answer.paid, 'premiums-paid')),
        kpi(t('outstanding'), money(answer.outstanding, 'premiums-outstanding')),
        kpi(t('refundable'), money(answer.refundable, 'premiums-refundable')),
      ),
      premiumMonths(answer.months, until),
      answer.payments.length === 0
        ? null
        : table(
            [t('payment'), t('paidOn'), t('reference'), t('amount')],
            answer.payments,
            (p) => [p.paymentId, calendar(p.paidOn), p.reference ?? '', cell(money(p.amount))],
            'payments',
          ),
    );
  } catch (error) {
    show(slot, failure(error));
  }
}
