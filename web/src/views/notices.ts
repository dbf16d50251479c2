import { ApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';

/** What the page says when a part of it could not be loaded: the API's code, never a stack. */
export function failure(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.status === 403)
    return h('p', { class: 'notice', 'data-code': error.code }, t('forbidden'));
  if (error instanceof ApiError && error.code === 'NOT_CAUGHT_UP')
    return h('p', { class: 'notice', 'data-code': error.code }, t('notCaughtUp'));
  const code = error instanceof ApiError ? error.code : 'NETWORK';
  return h('p', { class: 'notice error', 'data-code': code }, `${t('loadFailed')} (${code})`);
}

export function empty(): HTMLElement {
  return h('p', { class: 'muted' }, t('nothingYet'));
}
