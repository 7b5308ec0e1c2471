/**
 * The session: who is signed in, with which permissions. The CSRF token goes to the API
 * client's memory (never to storage), so after a reload the user must sign in again even when
 * the server still knows them: {@link Session.start} then offers the sign-in form with their
 * username filled in.
 */
import { apiFetch, ApiError, ErrorCode, onSessionSignal, setCsrfToken, type AccountWarnings, type LoginResult, type Me, type User } from '../api';

export type SessionState =
  | { readonly kind: 'checking' }
  | {
      readonly kind: 'signedOut';
      /** Why the sign-in form is shown: a reload of an open session, an ended session, or a sign-out. */
      readonly reason?: 'reauth' | 'expired' | 'signedOut';
      /** The user the server still knows (reason `reauth`). */
      readonly known?: User;
    }
  | {
      readonly kind: 'signedIn';
      readonly user: User;
      readonly permissions: ReadonlySet<string>;
      /** The role requires two-factor sign-in and it is not set up yet: only enrolment is open. */
      readonly totpPending?: boolean;
      /** What the sign-in answer said to warn about (account or password about to expire). */
      readonly warnings?: AccountWarnings;
    };

export type Listener = (state: SessionState) => void;

export interface Session {
  readonly state: SessionState;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void;
  /** Asks the server who is signed in (`GET /me`). */
  start(): Promise<void>;
  /** Takes over a successful sign-in answer. */
  signedIn(result: LoginResult): void;
  /** Records that the user changed their password. */
  passwordChanged(): void;
  /** Records that the user confirmed their two-factor enrolment. */
  twoFactorEnrolled(): void;
  /** Signs out on the server (best effort) and forgets the session. */
  signOut(): Promise<void>;
  /** Whether the signed-in user has `permission`. */
  can(permission: string): boolean;
}

export function createSession(): Session {
  let state: SessionState = { kind: 'checking' };
  const listeners = new Set<Listener>();

  function set(next: SessionState): void {
    state = next;
    for (const listener of [...listeners]) listener(state);
  }

  function forget(reason: 'expired' | 'signedOut'): void {
    setCsrfToken(null);
    set({ kind: 'signedOut', reason });
  }

  onSessionSignal((code) => {
    if (state.kind !== 'signedIn') return;
    if (code === ErrorCode.NotSignedIn) forget('expired');
    else if (code === ErrorCode.TotpEnrolmentRequired) {
      if (!state.totpPending) set({ ...state, totpPending: true });
    } else if (!state.user.mustChangePassword) set({ ...state, user: { ...state.user, mustChangePassword: true } });
  });

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      set({ kind: 'checking' });
      try {
        const me = await apiFetch<Me>('/me');
        // The server still knows the user, but the CSRF token died with the page: sign in again.
        set({ kind: 'signedOut', reason: 'reauth', known: me.user });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        set({ kind: 'signedOut' });
      }
    },
    signedIn(result) {
      setCsrfToken(result.csrfToken);
      set({
        kind: 'signedIn',
        user: result.user,
        permissions: new Set(result.permissions),
        ...(result.totpEnrolmentRequired ? { totpPending: true } : {}),
        ...(result.warnings ? { warnings: result.warnings } : {}),
      });
    },
    passwordChanged() {
      if (state.kind !== 'signedIn') return;
      set({ ...state, user: { ...state.user, mustChangePassword: false } });
    },
    twoFactorEnrolled() {
      if (state.kind !== 'signedIn' || !state.totpPending) return;
      set({ kind: 'signedIn', user: state.user, permissions: state.permissions, ...(state.warnings ? { warnings: state.warnings } : {}) });
    },
    async signOut() {
      try {
        await apiFetch<void>('/auth/logout', { method: 'POST' });
      } catch {
        // Forget the session locally in any case.
      }
      forget('signedOut');
    },
    can(permission) {
      return state.kind === 'signedIn' && state.permissions.has(permission);
    },
  };
}
