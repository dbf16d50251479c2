import { ApiError, get, optional } from '../api';
import { h, show } from '../dom';
import { t } from '../i18n';
import { beginOidcSignIn, completeOidcSignIn, type OidcSettings } from '../oidc/oidc-sign-in';
import { SignInFailure } from '../oidc/sign-in-failure';
import { rememberClaimPaths, signIn, signOut, type ClaimPaths } from '../session';

/** `GET /auth/config`: who signs the API's tokens, and the issuer sign-in where the service offers one. */
interface SignInConfig {
  readonly tokens: 'embedded' | 'oidc';
  readonly claims?: ClaimPaths;
  readonly oidc?: OidcSettings;
}

/** Why the last sign-in did not succeed: a message, and what the issuer or the API said (shown as text). */
export interface SignInNotice {
  readonly text: string;
  readonly detail?: string;
  readonly reason: string;
}

/**
 * Sign-in: "Masuk dengan <issuer>" where the service is configured with an OIDC issuer and a client id, and
 * always a bearer token pasted in (from `npm run cli -- token`, or from the identity provider). When the server
 * asks for no token at all, the page can go on without one.
 */
export async function signInView(container: HTMLElement, done: () => void, notice?: SignInNotice): Promise<void> {
  const field = h('textarea', {
    id: 'token',
    rows: 4,
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: 'eyJhbGciOi…',
  });
  const message = h('p', { class: 'notice error', id: 'sign-in-message', hidden: true });
  const tell = (said: SignInNotice) => {
    message.hidden = false;
    message.dataset.reason = said.reason;
    message.replaceChildren(said.text, ...(said.detail ? [' ', h('code', {}, said.detail)] : []));
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const value = field.value.trim();
    if (value === '') return;
    signIn(value);
    const refused = await refusedByApi();
    if (refused === null) done();
    else tell(refused);
  };
  const hint = h('p', { class: 'muted', id: 'token-hint' });
  const form = h(
    'form',
    { class: 'card sign-in', id: 'sign-in', onsubmit: (event) => void submit(event) },
    h('h1', {}, t('signInTitle')),
    message,
    h('label', { for: 'token' }, t('tokenLabel')),
    field,
    hint,
    h('button', { type: 'submit', class: 'primary', id: 'sign-in-submit' }, t('signIn')),
  );
  show(container, form);
  if (notice) tell(notice);
  const config = await optional<SignInConfig>('/auth/config').catch(() => null);
  rememberClaimPaths(config?.claims);
  if (config?.tokens === 'oidc') hint.append(t('tokenHintIssuer'));
  else hint.append(t('tokenHint'), ' ', h('code', {}, 'npm run cli -- token --sub NAMA --role viewer'));
  if (config?.oidc) message.after(...issuerSignIn(config.oidc, tell));
  if (await serverIsOpen()) {
    form.append(
      h('button', { type: 'button', class: 'link', id: 'continue-open', onclick: done }, t('continueWithoutToken')),
    );
  }
}

/** The button that leaves for the issuer, and the line that says a token can be pasted instead. */
function issuerSignIn(settings: OidcSettings, tell: (notice: SignInNotice) => void): HTMLElement[] {
  const button = h(
    'button',
    { type: 'button', class: 'primary', id: 'sign-in-oidc' },
    t('signInWith', {
      issuer: new URL(settings.issuer).host,
    }),
  );
  button.addEventListener('click', () => {
    button.disabled = true;
    beginOidcSignIn(settings).catch((error: unknown) => {
      button.disabled = false;
      tell(noticeOf(error));
    });
  });
  return [button, h('p', { class: 'muted or' }, t('orPasteToken'))];
}

/**
 * The page is the issuer's answer to a sign-in: completes it, then asks the API whether it takes the token.
 * @returns null when signed in, else why not (the token, if any, is forgotten).
 */
export async function finishIssuerSignIn(): Promise<SignInNotice | null> {
  try {
    await completeOidcSignIn();
  } catch (error) {
    signOut();
    return noticeOf(error);
  }
  return refusedByApi();
}

/** Null when the API answers a query with the token the page now holds; else why not, the token forgotten. */
async function refusedByApi(): Promise<SignInNotice | null> {
  try {
    // The sign-in form says itself why a token was refused.
    await get('/agreements', { status: 'active' }, { signInAgain: false });
    return null;
  } catch (error) {
    signOut();
    return error instanceof ApiError && error.status === 401
      ? { reason: 'tokenRefused', text: t('tokenRefused'), detail: error.message }
      : { reason: 'loadFailed', text: t('loadFailed') };
  }
}

function noticeOf(error: unknown): SignInNotice {
  if (error instanceof SignInFailure) return { reason: error.reason, text: t(error.reason), detail: error.detail };
  return { reason: 'loadFailed', text: t('loadFailed') };
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
