import { get } from '../api';
import type { CoverageSeries } from '../api-types';
import { periodChart } from '../charts';
import { h, show } from '../dom';
import { t } from '../i18n';
import { failure } from './notices';

export interface CoverageRange {
  readonly from: string;
  readonly to: string;
}

/** A month-by-month or day-by-day daily series spans at most this many days on the page. */
const DAYS_SHOWN = 92;

/** Coverage over time from `path` (an agreement's or a region's), by month or by day, with its controls. */
export function coverageSection(path: string, query: Record<string, string>, range: CoverageRange): HTMLElement {
  const body = h('div', { class: 'chart-slot' });
  let interval: 'month' | 'day' = 'month';
  const load = async () => {
    const from = interval === 'day' ? daysBefore(range.to, DAYS_SHOWN) : range.from;
    show(body, h('p', { class: 'muted' }, t('loading')));
    try {
      const request = { ...query, interval, from: maxDate(from, range.from), to: range.to };
      const answer = await get<CoverageSeries>(path, request);
      const periods = answer.series.map((point) => point.period);
      const values = answer.series.map((point) => point.coveredMembers);
      const kind = interval === 'day' ? 'line' : 'bar';
      const chart = periodChart(`coverage-${interval}`, periods, [{ name: t('coveredMembers'), kind, values }]);
      // The request behind the drawing, for whoever checks the figures against the API.
      Object.assign(chart.dataset, { from: request.from, to: request.to, interval });
      show(body, chart);
    } catch (error) {
      show(body, failure(error));
    }
  };
  const toggle = (next: 'month' | 'day') => () => {
    interval = next;
    month.classList.toggle('active', next === 'month');
    day.classList.toggle('active', next === 'day');
    void load();
  };
  const month = h(
    'button',
    { type: 'button', class: 'toggle active', id: 'interval-month', onclick: toggle('month') },
    t('byMonth'),
  );
  const day = h('button', { type: 'button', class: 'toggle', id: 'interval-day', onclick: toggle('day') }, t('byDay'));
  void load();
  return h(
    'div',
    {},
    h('div', { class: 'toolbar' }, month, day, h('span', { class: 'muted' }, `${range.from} – ${range.to}`)),
    body,
  );
}

/** The calendar day `days` before `date`, computed on UTC days (never local time). */
function daysBefore(date: string, days: number): string {
  const instant = Date.parse(`${date}T00:00:00Z`) - (days - 1) * 86_400_000;
  return new Date(instant).toISOString().slice(0, 10);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
