import { whenUnauthenticated } from './api';
import { language, setLanguage, t } from './i18n';
import { claims, signOut, token } from './session';
import { agreementView } from './views/agreement-view';
import { regionView } from './views/region-view';
import { finishIssuerSignIn, signInView, type SignInNotice } from './views/sign-in';
import { isOidcCallback } from './oidc/oidc-sign-in';

const app = document.getElementById('app') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
const languageButton = document.getElementById('lang') as HTMLButtonElement;
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
let signedIn = token() !== null;
/** Why the last sign-in failed, told once by the sign-in form. */
let notice: SignInNotice | undefined;

/** Today's calendar date (UTC): only to bound the default chart ranges. */
const today = () => new Date().toISOString().slice(0, 10);

/** `#/` the country, `#/wilayah/72.01` a region, `#/pks/<agreementId>` an agreement. */
function render(): void {
  header();
  if (!signedIn) {
    void signInView(
      app,
      () => {
        signedIn = true;
        render();
      },
      notice,
    );
    notice = undefined;
    return;
  }
  const [, view, ...rest] = location.hash.replace(/^#/, '').split('/');
  const argument = decodeURIComponent(rest.join('/'));
  window.scrollTo(0, 0);
  if (view === 'pks' && argument !== '') void agreementView(app, argument, today());
  else void regionView(app, view === 'wilayah' ? argument : '', today());
}

function header(): void {
  document.title = t('title');
  (document.getElementById('brand') as HTMLElement).textContent = t('brand');
  languageButton.textContent = language() === 'id' ? 'English' : 'Bahasa Indonesia';
  const { sub, roles } = claims();
  who.textContent = signedIn && sub ? `${sub}${roles?.length ? ` (${roles.join(', ')})` : ''}` : '';
  signOutButton.hidden = !signedIn || token() === null;
  signOutButton.textContent = t('signOut');
}

languageButton.addEventListener('click', () => {
  setLanguage(language() === 'id' ? 'en' : 'id');
  render();
});
signOutButton.addEventListener('click', () => {
  signOut();
  signedIn = false;
  render();
});
whenUnauthenticated(() => {
  signOut();
  signedIn = false;
  render();
});
window.addEventListener('hashchange', render);
setLanguage(language());
void start();

/** A page load may be the issuer's answer to a sign-in: completed (or refused) before anything is shown. */
async function start(): Promise<void> {
  if (isOidcCallback()) {
    notice = (await finishIssuerSignIn()) ?? undefined;
    signedIn = token() !== null;
  }
  render();
}
