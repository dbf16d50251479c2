import { ApiError, get } from '../api';
import { h, show } from '../dom';
import { t } from '../i18n';
import { signIn, signOut } from '../session';

/**
 * Sign-in with a bearer token: pasted from `npm run cli -- token` (the embedded default) or from the identity
 * provider. When the server asks for no token at all, the page can go on without one.
 */
export async function signInView(container: HTMLElement, done: () => void): Promise<void> {
  const field = h('textarea', {
    id: 'token',
    rows: 4,
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: 'eyJhbGciOi…',
  });
  const message = h('p', { class: 'notice', id: 'sign-in-message', hidden: true });
  const submit = async (event: Event) => {
    event.preventDefault();
    const value = field.value.trim();
    if (value === '') return;
    signIn(value);
    try {
      // The sign-in form says itself why a token was refused.
      await get('/agreements', { status: 'active' }, { signInAgain: false });
      done();
    } catch (error) {
      signOut();
      message.hidden = false;
      message.textContent = error instanceof ApiError && error.status === 401 ? t('tokenRefused') : t('loadFailed');
    }
  };
  const form = h(
    'form',
    { class: 'card sign-in', id: 'sign-in', onsubmit: (event) => void submit(event) },
    h('h1', {}, t('signInTitle')),
    h('label', { for: 'token' }, t('tokenLabel')),
    field,
    h('p', { class: 'muted' }, t('tokenHint'), ' ', h('code', {}, 'npm run cli -- token --sub NAMA --role viewer')),
    message,
    h('button', { type: 'submit', class: 'primary', id: 'sign-in-submit' }, t('signIn')),
  );
  show(container, form);
  if (await serverIsOpen()) {
    form.append(
      h('button', { type: 'button', class: 'link', id: 'continue-open', onclick: done }, t('continueWithoutToken')),
    );
  }
}

/** A server that answers a query without a token (no authentication configured in front of it). */
async function serverIsOpen(): Promise<boolean> {
  try {
    const response = await fetch('/agreements?status=active', { headers: { accept: 'application/json' } });
    return response.ok;
  } catch {
    return false;
  }
}
