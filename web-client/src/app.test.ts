import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken, onSessionSignal } from './api';
import { errorResponse, fakeServer, jsonResponse, noContent } from './api/test-fixtures';
import { startApp } from './app';
import { button, byLabel, findText, submit, type } from './testing';

const CAPTCHA_IMAGE = 'data:image/png;base64,iVBORw0KGgo=';

function user(overrides: Record<string, unknown> = {}) {
  return {
    id: 'u1',
    login: 'wang.li',
    name: 'Wang Li',
    hospitalId: 'h1',
    departmentId: null,
    title: 'Radiologist',
    roles: ['admin'],
    enabled: true,
    passwordChangedAt: '2025-01-01T00:00:00Z',
    mustChangePassword: false,
    ...overrides,
  };
}

function login(userOverrides: Record<string, unknown> = {}, permissions = ['admin.hospitals.read']) {
  return jsonResponse({ user: user(userOverrides), permissions, csrfToken: 'csrf-123' });
}

let root: HTMLElement;
let server: ReturnType<typeof fakeServer>;

beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement('div');
  document.body.append(root);
  server = fakeServer();
  server.on('GET', '/health', () => new Response('nope', { status: 503 }));
  server.on('GET', '/me', () => errorResponse(401, 2401, 'not signed in'));
  server.on('GET', '/admin/hospitals', () => jsonResponse([]));
});

afterEach(() => {
  setCsrfToken(null);
  onSessionSignal(null);
});

async function signInForm(): Promise<HTMLFormElement> {
  await findText(root, 'main h1', 'Sign in');
  return root.querySelector('main form') as HTMLFormElement;
}

async function signIn(username = 'wang.li', password = 'Secret-pass-1'): Promise<void> {
  const form = await signInForm();
  type(byLabel(form, 'Username'), username);
  type(byLabel(form, 'Password'), password);
  submit(form);
}

function navLink(text: string): HTMLAnchorElement | undefined {
  return Array.from(root.querySelectorAll<HTMLAnchorElement>('nav a')).find((link) => link.textContent?.startsWith(text));
}

describe('app: signing in', () => {
  it('checks /me at start and shows the sign-in form, with Node status still reachable', async () => {
    startApp(root);
    await signInForm();
    expect(server.calls('GET', '/me')).toHaveLength(1);
    expect(navLink('Node status')?.getAttribute('href')).toBe('#main');
    expect(root.querySelector('header button')).toBeNull();

    navLink('Node status')!.click();
    await findText(root, 'main h1', 'Node status');
  });

  it('signs in and shows the navigation, the user name and sign-out', async () => {
    server.on('POST', '/auth/login', () => login());
    startApp(root);
    await signIn();

    await findText(root, 'header', 'Wang Li');
    expect(server.calls('POST', '/auth/login')[0]?.body).toEqual({ username: 'wang.li', password: 'Secret-pass-1' });
    expect(navLink('Node status')?.getAttribute('aria-current')).toBe('page');
    expect(navLink('Administration')?.getAttribute('href')).toBe('#main');
    expect(button(root, 'Sign out')).toBeDefined();

    navLink('Administration')!.click();
    await findText(root, 'main h1', 'Administration');
  });

  it('says when the username or password is wrong, and lets the user try again', async () => {
    server.once('POST', '/auth/login', () => errorResponse(401, 2402, 'wrong username or password'));
    startApp(root);
    await signIn('wang.li', 'nope');

    const alert = await findText(root, '[role="alert"]', 'The username or password is wrong.');
    expect(alert).toBeDefined();
    expect(byLabel(root, 'Password').value).toBe('');
    expect(root.querySelector('img[src]')).toBeNull();
    expect(root.querySelector<HTMLFieldSetElement>('fieldset')?.hidden).toBe(true);
    expect(root.querySelector('header button')).toBeNull();
  });

  it('asks for the security check (2404), shows the image and sends the answer with the next attempt', async () => {
    server
      .once('POST', '/auth/login', () => errorResponse(401, 2404, 'captcha required'))
      .once('POST', '/auth/login', () => login())
      .on('GET', '/auth/captcha', () => jsonResponse({ id: 'cap-7', image: CAPTCHA_IMAGE, expiresAt: '2030-01-01T00:00:00Z' }));
    startApp(root);
    await signIn();

    await findText(root, '[role="alert"]', 'please also answer the security check');
    const image = await waitForImage();
    expect(image.getAttribute('src')).toBe(CAPTCHA_IMAGE);
    expect(image.alt).not.toBe('');

    const answer = byLabel(root, 'Characters in the image');
    expect(document.activeElement).toBe(answer);
    type(answer, 'x7k2');
    submit(answer);

    await findText(root, 'header', 'Wang Li');
    expect(server.calls('POST', '/auth/login')[1]?.body).toEqual({
      username: 'wang.li',
      password: 'Secret-pass-1',
      captcha: { id: 'cap-7', answer: 'x7k2' },
    });
  });

  it('fetches a new image when the security check answer is wrong (2405)', async () => {
    let served = 0;
    server
      .once('POST', '/auth/login', () => errorResponse(401, 2404, 'captcha required'))
      .once('POST', '/auth/login', () => errorResponse(401, 2405, 'captcha wrong'))
      .on('GET', '/auth/captcha', () => jsonResponse({ id: `cap-${++served}`, image: `${CAPTCHA_IMAGE}${served}`, expiresAt: '' }));
    startApp(root);
    await signIn();
    await waitForImage();
    type(byLabel(root, 'Characters in the image'), 'wrong');
    submit(byLabel(root, 'Password'));

    await findText(root, '[role="alert"]', 'answer was wrong or has expired');
    await waitUntil(() => root.querySelector('img')?.getAttribute('src') === `${CAPTCHA_IMAGE}2`);
    expect(byLabel(root, 'Characters in the image').value).toBe('');
  });

  it('asks for the two-factor code when the account has one (2406) and sends it with the password', async () => {
    server
      .once('POST', '/auth/login', () => errorResponse(401, 2406, 'enter the code'))
      .once('POST', '/auth/login', () => login());
    startApp(root);
    const form = await signInForm();
    expect(byLabel(form, 'Code from the authenticator app').closest('.form__field')?.hasAttribute('hidden')).toBe(true);
    await signIn();

    await findText(root, '[role="alert"]', 'This account uses two-factor sign-in');
    const code = byLabel(root, 'Code from the authenticator app');
    expect(code.closest<HTMLElement>('.form__field')?.hidden).toBe(false);
    expect(document.activeElement).toBe(code);
    expect(code.autocomplete).toBe('one-time-code');

    type(code, '12 34');
    submit(code);
    await findText(root, '[role="alert"]', 'Enter the 6-digit code');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(server.calls('POST', '/auth/login')).toHaveLength(1);

    type(byLabel(root, 'Password'), 'Secret-pass-1');
    type(code, '123 456');
    submit(code);
    await findText(root, 'header', 'Wang Li');
    expect(server.calls('POST', '/auth/login')[1]?.body).toEqual({ username: 'wang.li', password: 'Secret-pass-1', totp: '123456' });
  });

  it('says when the two-factor code is wrong (2407) and lets the user try the next one', async () => {
    server
      .once('POST', '/auth/login', () => errorResponse(401, 2406, 'enter the code'))
      .once('POST', '/auth/login', () => errorResponse(401, 2407, 'wrong code'));
    startApp(root);
    await signIn();
    const code = byLabel(root, 'Code from the authenticator app');
    await findText(root, '[role="alert"]', 'two-factor sign-in');
    type(code, '654321');
    submit(code);
    await findText(root, '[role="alert"]', 'The two-factor code was wrong or was already used.');
    expect(code.value).toBe('');
    expect(document.activeElement).toBe(code);
  });

  it('shows the lock message with the time the server gives', async () => {
    server.on('POST', '/auth/login', () => errorResponse(429, 2423, 'Locked until 2030-01-01 10:15 UTC.'));
    startApp(root);
    await signIn();
    const alert = await findText(root, '[role="alert"]', 'locked');
    expect(alert.textContent).toContain('Locked until 2030-01-01 10:15 UTC.');
  });

  it('explains a disabled account', async () => {
    server.on('POST', '/auth/login', () => errorResponse(403, 2410, 'disabled'));
    startApp(root);
    await signIn();
    await findText(root, '[role="alert"]', 'This account is disabled.');
  });

  it('after a reload of an open session, asks for the password again with the username filled in', async () => {
    server.on('GET', '/me', () => jsonResponse({ user: user(), permissions: [] }));
    startApp(root);
    const form = await signInForm();
    expect(byLabel(form, 'Username').value).toBe('wang.li');
    expect(form.querySelector('[role="status"]')?.textContent).toContain('Welcome back, Wang Li');
  });
});

describe('app: sign-in with a code by SMS', () => {
  async function smsForm(): Promise<HTMLFormElement> {
    const form = await signInForm();
    type(byLabel(form, 'Username'), 'wang.li');
    button(form, 'Sign in with a code by SMS').click();
    expect(byLabel(form, 'Password').closest<HTMLElement>('.form__field')?.hidden).toBe(true);
    expect(document.activeElement).toBe(button(form, 'Send code by SMS'));
    return form;
  }

  it('asks for a code, counts down until another may be asked for, and signs in with it', async () => {
    server.on('POST', '/auth/sms/request', () => jsonResponse({ resendAfterSeconds: 60, validForSeconds: 300 }, 202));
    server.on('POST', '/auth/login', () => login());
    startApp(root);
    const form = await smsForm();
    button(form, 'Send code by SMS').click();
    await findText(form, '[role="status"]', 'a code is on its way to it. The code works for 5 minutes.');
    const send = form.querySelector<HTMLButtonElement>('.auth__sms button')!;
    expect(send.textContent).toBe('Send again in 60 s');
    expect(send.disabled).toBe(true);
    expect(server.calls('POST', '/auth/sms/request')[0]?.body).toEqual({ username: 'wang.li' });
    expect(document.activeElement).toBe(byLabel(form, 'Code from the SMS'));

    type(byLabel(form, 'Code from the SMS'), '123 456');
    submit(form);
    await findText(root, 'header', 'Wang Li');
    expect(server.calls('POST', '/auth/login')[0]?.body).toEqual({ username: 'wang.li', smsCode: '123456' });
  });

  it('offers a new code once the wait is over', async () => {
    server.on('POST', '/auth/sms/request', () => jsonResponse({ resendAfterSeconds: 1, validForSeconds: 300 }, 202));
    startApp(root);
    const form = await smsForm();
    button(form, 'Send code by SMS').click();
    await findText(form, '.auth__sms button', 'Send again in 1 s');
    const again = await findText(form, '.auth__sms button', 'Send a new code');
    expect((again as HTMLButtonElement).disabled).toBe(false);
  });

  it('waits as long as Retry-After says when a code was sent recently (429 2431)', async () => {
    server.on('POST', '/auth/sms/request', () => new Response(JSON.stringify({ error: { code: 2431, message: 'a code was sent recently; ask again in 42 s' } }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '42' },
    }));
    startApp(root);
    const form = await smsForm();
    button(form, 'Send code by SMS').click();
    await findText(form, '[role="alert"]', 'A code was sent a moment ago.');
    expect(form.querySelector('.auth__sms button')?.textContent).toBe('Send again in 42 s');
  });

  it('hides the option when the platform has no SMS gateway (404 2430)', async () => {
    server.on('POST', '/auth/sms/request', () => errorResponse(404, 2430, 'sign-in by SMS code is not enabled on this platform'));
    startApp(root);
    const form = await smsForm();
    button(form, 'Send code by SMS').click();
    await findText(form, '[role="alert"]', 'Sign-in with a code by SMS is not enabled on this platform');
    expect(() => button(form, 'Sign in with a code by SMS')).toThrow();
    expect(byLabel(form, 'Password').closest<HTMLElement>('.form__field')?.hidden).toBe(false);
    expect(form.querySelector<HTMLElement>('.auth__sms')?.hidden).toBe(true);
  });

  it('needs the username before sending, and says when the code is wrong', async () => {
    server.on('POST', '/auth/login', () => errorResponse(401, 2402, 'wrong username or password'));
    startApp(root);
    const form = await signInForm();
    button(form, 'Sign in with a code by SMS').click();
    button(form, 'Send code by SMS').click();
    await findText(form, '[role="alert"]', 'Enter your username first');
    expect(server.calls('POST', '/auth/sms/request')).toHaveLength(0);
    type(byLabel(form, 'Username'), 'wang.li');
    type(byLabel(form, 'Code from the SMS'), '000000');
    submit(form);
    await findText(form, '[role="alert"]', 'The code is wrong or has expired.');
    expect(byLabel(form, 'Code from the SMS').value).toBe('');
    button(form, 'Sign in with the password instead').click();
    expect(document.activeElement).toBe(byLabel(form, 'Password'));
  });
});

describe('app: account warnings', () => {
  it('warns after sign-in that the account ends soon, and that the password should be changed', async () => {
    const ends = new Date(Date.now() + 3 * 86_400_000).toISOString();
    server.on('POST', '/auth/login', () => jsonResponse({
      user: user(),
      permissions: [],
      csrfToken: 'csrf-123',
      warnings: { accountExpiresAt: ends, accountExpiresSoon: true, passwordState: 'WARN', passwordExpiresAt: ends },
    }));
    startApp(root);
    await signIn();
    const warning = await findText(root, '.shell__warning', 'Your account ends on');
    expect(warning.getAttribute('role')).toBe('status');
    expect(warning.textContent).toContain(new Date(ends).getFullYear().toString());
    await findText(root, '.shell__warning', 'Your password expires on');
  });

  it('says nothing when the end is not near', async () => {
    server.on('POST', '/auth/login', () => jsonResponse({
      user: user(),
      permissions: [],
      csrfToken: 'csrf-123',
      warnings: { accountExpiresAt: '2030-01-01T00:00:00Z', accountExpiresSoon: false, passwordState: 'VALID' },
    }));
    startApp(root);
    await signIn();
    await findText(root, 'header', 'Wang Li');
    expect(root.querySelector('.shell__warning')).toBeNull();
  });
});

describe('app: forced password change', () => {
  it('shows only the change-password form, sends it with the CSRF token, then the application', async () => {
    server.on('POST', '/auth/login', () => login({ mustChangePassword: true })).on('POST', '/auth/password', () => noContent());
    startApp(root);
    await signIn('wang.li', 'Initial-123');

    await findText(root, 'main h1', 'Change password');
    expect(root.querySelector('main')?.textContent).toContain('You must choose a new password');
    expect(navLink('Node status')).toBeUndefined();
    expect(navLink('Administration')).toBeUndefined();
    expect(button(root, 'Sign out')).toBeDefined();

    type(byLabel(root, 'Current password'), 'Initial-123');
    type(byLabel(root, 'New password'), 'Brand-new-pass-9');
    type(byLabel(root, 'Repeat the new password'), 'Brand-new-pass-9');
    submit(byLabel(root, 'New password'));

    await findText(root, 'main h1', 'Node status');
    const [call] = server.calls('POST', '/auth/password');
    expect(call?.body).toEqual({ current: 'Initial-123', new: 'Brand-new-pass-9' });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-123');
    expect(navLink('Administration')).toBeDefined();
  });

  it('does not send two different new passwords, and shows the server’s verdict on the rules', async () => {
    server
      .on('POST', '/auth/login', () => login({ mustChangePassword: true }))
      .on('POST', '/auth/password', () => errorResponse(400, 2420, 'must not contain the login; needs 3 character classes'));
    startApp(root);
    await signIn();
    await findText(root, 'main h1', 'Change password');

    type(byLabel(root, 'Current password'), 'Initial-123');
    type(byLabel(root, 'New password'), 'wang.li-password');
    type(byLabel(root, 'Repeat the new password'), 'something else');
    submit(byLabel(root, 'New password'));
    await findText(root, '[role="alert"]', 'The two new passwords are not the same.');
    expect(server.calls('POST', '/auth/password')).toHaveLength(0);

    const hints = root.querySelector('#password-rules')?.textContent ?? '';
    expect(hints).toContain('At least 10 characters (met)');
    expect(hints).toContain('Does not contain your username (not met yet)');

    type(byLabel(root, 'Repeat the new password'), 'wang.li-password');
    submit(byLabel(root, 'New password'));
    await findText(root, '[role="alert"]', 'must not contain the login; needs 3 character classes');
    expect(root.querySelector('main h1')?.textContent).toBe('Change password');
  });

  it('says when the current password is wrong', async () => {
    server.on('POST', '/auth/login', () => login({ mustChangePassword: true })).on('POST', '/auth/password', () => errorResponse(403, 2402, 'wrong'));
    startApp(root);
    await signIn();
    await findText(root, 'main h1', 'Change password');
    type(byLabel(root, 'Current password'), 'bad');
    type(byLabel(root, 'New password'), 'Brand-new-pass-9');
    type(byLabel(root, 'Repeat the new password'), 'Brand-new-pass-9');
    submit(byLabel(root, 'New password'));
    await findText(root, '[role="alert"]', 'The current password is wrong.');
  });
});

describe('app: two-factor enrolment required by the role', () => {
  it('shows only the enrolment until it is confirmed, then the application', async () => {
    server
      .on('POST', '/auth/login', () => jsonResponse({ user: user(), permissions: ['admin.hospitals.read'], csrfToken: 'csrf-123', totpEnrolmentRequired: true }))
      .on('POST', '/auth/totp/enrol', () => jsonResponse({ otpauthUri: 'otpauth://totp/telecare:wang.li?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=telecare' }))
      .on('POST', '/auth/totp/confirm', () => noContent());
    startApp(root);
    await signIn();

    await findText(root, 'main h1', 'Two-factor sign-in');
    expect(Array.from(root.querySelectorAll('nav a'), (link) => link.textContent)).toEqual(['Two-factor sign-in']);
    expect(root.textContent).toContain('Your role requires two-factor sign-in');
    button(root, 'Set up two-factor sign-in').click();
    const code = await (async () => {
      await findText(root, 'dl', 'JBSW Y3DP');
      return byLabel(root, 'Code shown in the app');
    })();
    type(code, '246810');
    submit(code);
    await waitUntil(() => navLink('Administration') !== undefined);
    expect(navLink('Two-factor sign-in')).toBeDefined();
  });

  it('switches to the enrolment when any call answers 403 2408', async () => {
    server.on('POST', '/auth/login', () => login());
    server.on('GET', '/admin/hospitals', () => errorResponse(403, 2408, 'set up two-factor sign-in first'));
    startApp(root);
    await signIn();
    await findText(root, 'header', 'Wang Li');
    navLink('Administration')!.click();
    await findText(root, 'main h1', 'Two-factor sign-in');
  });
});

describe('app: signed in', () => {
  it('signs out with the CSRF token and returns to the sign-in form', async () => {
    server.on('POST', '/auth/login', () => login()).on('POST', '/auth/logout', () => noContent());
    startApp(root);
    await signIn();
    await findText(root, 'header', 'Wang Li');

    button(root, 'Sign out').click();
    await signInForm();
    expect(server.calls('POST', '/auth/logout')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-123');
    expect(root.querySelector('main [role="status"]')?.textContent).toBe('You have signed out.');
    expect(root.querySelector('header')?.textContent).not.toContain('Wang Li');
  });

  it('shows Administration disabled for a user without admin permissions', async () => {
    server.on('POST', '/auth/login', () => login({}, ['worklist.read']));
    startApp(root);
    await signIn();
    await findText(root, 'header', 'Wang Li');

    const admin = navLink('Administration');
    expect(admin?.getAttribute('aria-disabled')).toBe('true');
    expect(admin?.hasAttribute('href')).toBe(false);
    expect(admin?.textContent).toContain('(no access)');
  });

  it('shows the audit trail to an auditor (audit.read)', async () => {
    server.once('POST', '/auth/login', () => login({ roles: ['auditor'] }, ['audit.read']));
    startApp(root);
    await signIn();
    await findText(root, 'header', 'Wang Li');
    expect(navLink('Audit trail')?.getAttribute('href')).toBe('#main');
    expect(navLink('Administration')?.textContent).toContain('(no access)');
    navLink('Audit trail')!.click();
    await findText(root, 'main h1', 'Audit trail');
    expect(button(root, 'Verify chain')).toBeDefined();
  });

  it('shows the audit trail disabled to an administrator', async () => {
    server.on('POST', '/auth/login', () =>
      login({}, ['admin.hospitals.read', 'admin.hospitals.write', 'admin.users.read', 'admin.users.write']),
    );
    startApp(root);
    await signIn();
    await findText(root, 'header', 'Wang Li');
    const audit = navLink('Audit trail');
    expect(audit?.getAttribute('aria-disabled')).toBe('true');
    expect(audit?.hasAttribute('href')).toBe(false);
    expect(audit?.textContent).toContain('(no access)');
  });

  it('returns to the sign-in form when the server says the session ended', async () => {
    server.on('POST', '/auth/login', () => login()).on('GET', '/admin/hospitals', () => errorResponse(401, 2401, 'not signed in'));
    startApp(root);
    await signIn();
    await findText(root, 'header', 'Wang Li');
    navLink('Administration')!.click();

    await signInForm();
    expect(root.querySelector('main [role="status"]')?.textContent).toContain('Your session has ended');
  });
});

async function waitForImage(): Promise<HTMLImageElement> {
  let image: HTMLImageElement | null = null;
  await waitUntil(() => {
    image = root.querySelector<HTMLImageElement>('img[src]');
    return image !== null && !image.hidden;
  });
  return image!;
}

async function waitUntil(condition: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(condition()).toBe(true));
}
