import { h } from './dom';
import { count, rupiah } from './i18n';

/**
 * A figure the page draws from the API: the formatted text, and the raw whole number in `data-value`, so that a
 * test compares what is on the page with what the API answered.
 */
export function money(amount: number, testId?: string) {
  return h('span', { class: 'num', 'data-value': amount, 'data-testid': testId }, rupiah(amount));
}

export function quantity(value: number, testId?: string) {
  return h('span', { class: 'num', 'data-value': value, 'data-testid': testId }, count(value));
}

/** A labelled key figure. */
export function kpi(label: string, figure: HTMLElement) {
  return h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, figure));
}

export function cell(figure: HTMLElement) {
  return h('td', { class: 'right' }, figure);
}
