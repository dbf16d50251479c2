import type { PremiumMonth } from '../api-types';
import { periodChart, type Series } from '../charts';
import { h, table } from '../dom';
import { cell, money } from '../figures';
import { calendar, t } from '../i18n';

/**
 * Premium reconciliation month by month: expected, and paid and outstanding where the API allocates payments to
 * months (rule 8). The page never allocates them itself: a rule has one home, and it is not the page.
 */
export function premiumMonths(all: readonly PremiumMonth[], until?: string): HTMLElement {
  // An agreement may run for decades (to 2099): the table stops at the dashboard's horizon, and says so.
  const months = until === undefined ? all : all.filter((m) => m.month <= until);
  const hidden = all.length - months.length;
  const allocated = months.length > 0 && months.every((m) => m.paid !== undefined && m.outstanding !== undefined);
  const series: Series[] = [{ name: t('expected'), kind: 'bar', values: months.map((m) => m.expected) }];
  if (allocated) {
    series.push({ name: t('paid'), kind: 'bar', values: months.map((m) => m.paid ?? 0) });
    series.push({ name: t('outstanding'), kind: 'line', values: months.map((m) => m.outstanding ?? 0) });
  }
  const headers = [t('month'), t('personMonths'), t('expected'), ...(allocated ? [t('paid'), t('outstanding')] : [])];
  return h(
    'div',
    {},
    periodChart(
      'premium-chart',
      months.map((m) => m.month),
      series,
      true,
    ),
    table(
      headers,
      months,
      (m) => [
        h('td', { 'data-month': m.month }, calendar(m.month)),
        h('td', { class: 'right' }, m.personMonths === undefined ? '—' : String(m.personMonths)),
        cell(money(m.expected)),
        ...(allocated ? [cell(money(m.paid ?? 0)), cell(money(m.outstanding ?? 0))] : []),
      ],
      'premium-months',
    ),
    allocated ? null : h('p', { class: 'muted' }, t('paidByMonthUnavailable')),
    hidden > 0
      ? h(
          'p',
          { class: 'muted', id: 'premium-months-hidden' },
          t('laterMonthsHidden', { n: hidden, until: until ?? '' }),
        )
      : null,
  );
}
