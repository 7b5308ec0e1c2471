import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFetch, onSessionSignal, setCsrfToken } from '../api';
import { errorResponse, fakeServer, jsonResponse, noContent } from '../api/test-fixtures';
import { createSession, type SessionState } from './session';

const user = {
  id: 'u1',
  login: 'wang.li',
  name: 'Wang Li',
  hospitalId: 'h1',
  departmentId: null,
  title: null,
  roles: ['doctor'],
  enabled: true,
  passwordChangedAt: null,
  mustChangePassword: false,
};

let server: ReturnType<typeof fakeServer>;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => {
  setCsrfToken(null);
  onSessionSignal(null);
});

describe('session', () => {
  it('is signed out after start when /me answers 401', async () => {
    server.on('GET', '/me', () => errorResponse(401, 2401, 'not signed in'));
    const session = createSession();
    const seen: SessionState['kind'][] = [];
    session.subscribe((state) => seen.push(state.kind));
    await session.start();
    expect(seen).toEqual(['checking', 'signedOut']);
  });

  it('holds user and permissions after sign-in and sends the token, in memory only, on later changes', async () => {
    server.on('POST', '/auth/logout', () => noContent());
    const session = createSession();
    session.signedIn({ user, permissions: ['admin.users.read'], csrfToken: 'tok-9' });

    expect(session.can('admin.users.read')).toBe(true);
    expect(session.can('admin.users.write')).toBe(false);
    expect(JSON.stringify({ ...localStorage })).not.toContain('tok-9');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('tok-9');

    await session.signOut();
    expect(server.calls('POST', '/auth/logout')[0]?.headers.get('X-CSRF-Token')).toBe('tok-9');
    expect(session.state).toEqual({ kind: 'signedOut', reason: 'signedOut' });
    expect(session.can('admin.users.read')).toBe(false);
  });

  it('demands a password change when any call answers 403 2421, and ends on 401 2401', async () => {
    const session = createSession();
    session.signedIn({ user, permissions: [], csrfToken: 'tok' });
    const listener = vi.fn();
    session.subscribe(listener);

    server.once('GET', '/admin/roles', () => errorResponse(403, 2421, 'password change required'));
    await apiFetch('/admin/roles').catch(() => undefined);
    expect(session.state.kind === 'signedIn' && session.state.user.mustChangePassword).toBe(true);

    server.once('GET', '/admin/roles', () => errorResponse(401, 2401, 'not signed in'));
    await apiFetch('/admin/roles').catch(() => undefined);
    expect(session.state).toEqual({ kind: 'signedOut', reason: 'expired' });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('opens only the enrolment while two-factor sign-in is pending (login flag or 403 2408), until it is confirmed', async () => {
    const session = createSession();
    session.signedIn({ user, permissions: [], csrfToken: 'tok', totpEnrolmentRequired: true });
    expect(session.state).toMatchObject({ kind: 'signedIn', totpPending: true });
    session.twoFactorEnrolled();
    expect(session.state).toEqual({ kind: 'signedIn', user, permissions: new Set() });

    server.once('GET', '/admin/roles', () => errorResponse(403, 2408, 'set up two-factor sign-in first'));
    await apiFetch('/admin/roles').catch(() => undefined);
    expect(session.state).toMatchObject({ kind: 'signedIn', totpPending: true });
  });

  it('asks to sign in again after a reload even when the server still knows the user', async () => {
    server.on('GET', '/me', () => jsonResponse({ user, permissions: [] }));
    const session = createSession();
    await session.start();
    expect(session.state).toMatchObject({ kind: 'signedOut', reason: 'reauth', known: { login: 'wang.li' } });
  });
});
