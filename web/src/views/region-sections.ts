import { get } from '../api';
import type { AgreementListItem, Benefits, DoubleFunding } from '../api-types';
import { h, show, table } from '../dom';
import { cell, kpi, money, quantity } from '../figures';
import { calendar, t } from '../i18n';
import { empty, failure } from './notices';

const PAGE = 100;

export function agreementsTable(agreements: readonly AgreementListItem[]): HTMLElement {
  if (agreements.length === 0) return empty();
  return table(
    [t('agreement'), t('pemda'), t('status'), t('members'), t('budget'), t('expectedPremium'), t('paidPremium')],
    agreements,
    (a) => [
      h(
        'td',
        {},
        h('a', { href: `#/pks/${encodeURIComponent(a.agreementId)}`, 'data-agreement': a.agreementId }, a.agreementId),
      ),
      `${a.pemda.regionCode} · ${a.pemda.name}`,
      h('td', {}, h('span', { class: `status ${a.status}` }, t(a.status))),
      cell(quantity(a.members)),
      cell(money(a.budget)),
      cell(money(a.expectedPremium)),
      cell(money(a.paidPremium)),
    ],
    'agreement-list',
  );
}

/** Benefits by program (totals over every match) and the list behind them, a page at a time. */
export async function benefitsSection(slot: HTMLElement, filter: { regionCode?: string; agreementId?: string }) {
  try {
    const answer = await get<Benefits>('/benefits', { ...filter, limit: PAGE, offset: 0 });
    const { totals } = answer;
    const program = (name: 'JKM' | 'JKK') => totals.byProgram?.[name] ?? { count: 0, amount: 0 };
    show(
      slot,
      h(
        'div',
        { class: 'kpis' },
        kpi(t('benefitsPaid'), quantity(totals.count, 'benefits-count')),
        kpi(t('benefitsAmount'), money(totals.amount, 'benefits-amount')),
        kpi('JKM', money(program('JKM').amount, 'benefits-jkm')),
        kpi('JKK', money(program('JKK').amount, 'benefits-jkk')),
      ),
      answer.items.length === 0
        ? empty()
        : table(
            [t('claim'), t('agreement'), t('nik'), t('dateOfDeath'), t('paidOn'), t('program'), t('total')],
            answer.items,
            (b) => [
              b.claimId,
              b.agreementId,
              h('td', { class: 'mono' }, b.nik),
              calendar(b.dateOfDeath),
              calendar(b.paidOn),
              b.program,
              cell(money(b.total)),
            ],
            'benefit-list',
          ),
      totals.count > answer.items.length
        ? h('p', { class: 'muted' }, t('firstOf', { shown: answer.items.length, total: totals.count }))
        : null,
    );
  } catch (error) {
    show(slot, failure(error));
  }
}

/** Workers covered by several agreements in the same months (rule 11), with the premium paid twice. */
export async function doubleFundingSection(slot: HTMLElement, regionCode: string) {
  try {
    const answer = await get<DoubleFunding>('/reconciliation/double-funding', { regionCode, limit: PAGE });
    const paidTwice = Number(answer.totals.premiumPaidTwice ?? 0);
    show(
      slot,
      h(
        'div',
        { class: 'kpis' },
        kpi(t('doubleFundedWorkers'), quantity(Number(answer.totals.count ?? answer.items.length), 'double-count')),
        kpi(t('premiumPaidTwice'), money(paidTwice, 'double-amount')),
      ),
      answer.items.length === 0
        ? empty()
        : table(
            [t('nik'), t('agreements'), t('months'), t('premiumPaidTwice')],
            answer.items,
            (item) => [
              h('td', { class: 'mono' }, item.nik),
              item.agreements.join(', '),
              item.months.map(calendar).join(', '),
              cell(money(item.premiumPaidTwice)),
            ],
            'double-funding-list',
          ),
    );
  } catch (error) {
    show(slot, failure(error));
  }
}
