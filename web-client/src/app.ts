/**
 * Composes the shell with the features around the session: the sign-in form when nobody is
 * signed in, only the change-password form while the server demands a new password, and
 * otherwise the features the user may use. The node status needs no sign-in.
 */
import { adminFeature } from './admin';
import { auditFeature } from './audit';
import {
  createPasswordForm,
  createSession,
  createSignInForm,
  createTwoFactorForm,
  type Session,
  type SessionState,
} from './auth';
import { dictionariesFeature } from './dictionaries';
import { healthFeature } from './health';
import { partnersFeature } from './partners';
import { policiesFeature } from './policies';
import { rolesFeature } from './roles';
import { element, locale, mountShell, plannedFeatures, t, type Feature } from './shell';

export interface AppOptions {
  readonly session?: Session;
}

export function startApp(root: HTMLElement, options: AppOptions = {}): Session {
  const session = options.session ?? createSession();
  let shown = '';

  function render(state: SessionState): void {
    // Re-render only when the kind of view changes (not, e.g., after a voluntary password change).
    const key = viewKey(state);
    if (key === shown) return;
    shown = key;
    const { features, user } = compose(session, state);
    const hadFocus = root.contains(root.ownerDocument.activeElement);
    const { main } = mountShell(root, features, user ? { user, warnings: warningsOf(state) } : {});
    // After a change of view the old focus is gone: start in main unless the view placed it.
    if (hadFocus && !main.contains(root.ownerDocument.activeElement)) main.focus();
  }

  session.subscribe(render);
  render(session.state);
  void session.start();
  return session;
}

/** Sentences for what the sign-in answer warns about: the account ends soon, the password should be changed. */
export function warningsOf(state: SessionState): string[] {
  if (state.kind !== 'signedIn' || !state.warnings) return [];
  const { accountExpiresAt, accountExpiresSoon, passwordState, passwordExpiresAt } = state.warnings;
  const when = (instant: string): string =>
    new Date(instant).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
  const warnings: string[] = [];
  if (accountExpiresAt && accountExpiresSoon) {
    warnings.push(t(Date.parse(accountExpiresAt) <= Date.now() ? 'shell.warning.accountExpired' : 'shell.warning.accountExpires', { date: when(accountExpiresAt) }));
  }
  if (passwordState === 'WARN' && passwordExpiresAt && !state.user.mustChangePassword) {
    warnings.push(t('shell.warning.passwordExpires', { date: when(passwordExpiresAt) }));
  }
  return warnings;
}

function viewKey(state: SessionState): string {
  switch (state.kind) {
    case 'checking':
      return 'checking';
    case 'signedOut':
      return `signedOut:${state.reason ?? ''}:${state.known?.id ?? ''}`;
    case 'signedIn':
      return `signedIn:${state.user.id}:${state.user.mustChangePassword ? 'mustChange' : state.totpPending ? 'totp' : 'ok'}`;
  }
}

function compose(session: Session, state: SessionState): { features: Feature[]; user?: { name: string; onSignOut: () => void } } {
  if (state.kind === 'checking') {
    const checking: Feature = {
      id: 'signin',
      title: 'nav.signIn',
      mount(container) {
        const status = element(container.ownerDocument, 'p', 'form__hint', t('shell.checkingSession'));
        status.setAttribute('role', 'status');
        container.append(status);
      },
    };
    return { features: [checking, healthFeature] };
  }

  if (state.kind === 'signedOut') {
    const signIn: Feature = {
      id: 'signin',
      title: 'nav.signIn',
      mount(container) {
        container.append(createSignInForm(container.ownerDocument, { session, state }));
        container.querySelector<HTMLInputElement>(state.known ? '#signin-password' : '#signin-username')?.focus();
      },
    };
    return { features: [signIn, healthFeature] };
  }

  const user = { name: state.user.name, onSignOut: () => void session.signOut() };
  if (state.user.mustChangePassword) {
    const forced: Feature = {
      id: 'password',
      title: 'nav.password',
      mount(container) {
        container.append(createPasswordForm(container.ownerDocument, { session, forced: true }));
        container.querySelector<HTMLInputElement>('#password-current')?.focus();
      },
    };
    return { features: [forced], user };
  }

  if (state.totpPending) {
    // The role requires two-factor sign-in: the server opens nothing else until it is set up.
    const enrol: Feature = {
      id: 'two-factor',
      title: 'nav.twoFactor',
      mount(container) {
        container.append(createTwoFactorForm(container.ownerDocument, { session, forced: true }));
        container.querySelector<HTMLButtonElement>('.two-factor button')?.focus();
      },
    };
    return { features: [enrol], user };
  }

  const password: Feature = {
    id: 'password',
    title: 'nav.password',
    mount(container) {
      container.append(createPasswordForm(container.ownerDocument, { session }));
    },
  };
  const twoFactor: Feature = {
    id: 'two-factor',
    title: 'nav.twoFactor',
    mount(container) {
      container.append(createTwoFactorForm(container.ownerDocument, { session }));
    },
  };
  const access = { permissions: state.permissions, hospitalId: state.user.hospitalId };
  const admin = adminFeature(access);
  const audit = auditFeature(state.permissions);
  const planned = plannedFeatures.filter((feature) => feature.id !== 'admin');
  const features = [
    healthFeature,
    admin,
    rolesFeature(state.permissions),
    policiesFeature({ ...access, userId: state.user.id }),
    dictionariesFeature(access),
    partnersFeature(access),
    ...planned,
    audit,
    password,
    twoFactor,
  ];
  return { features, user };
}
