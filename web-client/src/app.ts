/**
 * Composes the shell with the features around the session: the sign-in form when nobody is
 * signed in, only the change-password form while the server demands a new password, and
 * otherwise the features the user may use. The node status needs no sign-in.
 */
import { adminFeature } from './admin';
import { auditFeature } from './audit';
import { createPasswordForm, createSession, createSignInForm, type Session, type SessionState } from './auth';
import { healthFeature } from './health';
import { element, mountShell, plannedFeatures, t, type Feature } from './shell';

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
    const { main } = mountShell(root, features, user ? { user } : {});
    // After a change of view the old focus is gone: start in main unless the view placed it.
    if (hadFocus && !main.contains(root.ownerDocument.activeElement)) main.focus();
  }

  session.subscribe(render);
  render(session.state);
  void session.start();
  return session;
}

function viewKey(state: SessionState): string {
  switch (state.kind) {
    case 'checking':
      return 'checking';
    case 'signedOut':
      return `signedOut:${state.reason ?? ''}:${state.known?.id ?? ''}`;
    case 'signedIn':
      return `signedIn:${state.user.id}:${state.user.mustChangePassword ? 'mustChange' : 'ok'}`;
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

  const password: Feature = {
    id: 'password',
    title: 'nav.password',
    mount(container) {
      container.append(createPasswordForm(container.ownerDocument, { session }));
    },
  };
  const admin = adminFeature({ permissions: state.permissions, hospitalId: state.user.hospitalId });
  const audit = auditFeature(state.permissions);
  const planned = plannedFeatures.filter((feature) => feature.id !== 'admin');
  return { features: [healthFeature, admin, ...planned, audit, password], user };
}
