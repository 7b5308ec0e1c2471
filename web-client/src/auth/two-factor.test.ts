import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onSessionSignal, setCsrfToken } from '../api';
import { errorResponse, fakeServer, jsonResponse, noContent } from '../api/test-fixtures';
import { button, byLabel, findText, submit, type } from '../testing';
import { groupsOfFour, parseOtpAuth } from './otpauth';
import { qrCodeSvg } from './qr';
import { createSession } from './session';
import { createTwoFactorForm } from './two-factor';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/telecare:admin?secret=${SECRET}&issuer=telecare`;
const user = {
  id: 'u1',
  login: 'admin',
  name: 'Administrator',
  hospitalId: null,
  departmentId: null,
  title: null,
  roles: ['admin'],
  enabled: true,
  passwordChangedAt: null,
  mustChangePassword: false,
};

let server: ReturnType<typeof fakeServer>;
beforeEach(() => {
  document.body.replaceChildren();
  server = fakeServer();
});
afterEach(() => {
  setCsrfToken(null);
  onSessionSignal(null);
});

describe('otpauth URI', () => {
  it('reads account, key and the parameters apps assume by default', () => {
    expect(parseOtpAuth(URI)).toEqual({ account: 'telecare:admin', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 });
  });

  it('reads explicit algorithm, digits and period, and an encoded login', () => {
    const key = parseOtpAuth(`otpauth://totp/telecare:wang%20li?secret=${SECRET.toLowerCase()}&algorithm=SHA256&digits=8&period=60`);
    expect(key).toMatchObject({ account: 'telecare:wang li', secret: SECRET, algorithm: 'SHA256', digits: 8, period: 60 });
  });

  it('refuses what is not a TOTP key', () => {
    expect(parseOtpAuth('https://example.com/?secret=' + SECRET)).toBeNull();
    expect(parseOtpAuth(`otpauth://hotp/x?secret=${SECRET}`)).toBeNull();
    expect(parseOtpAuth('otpauth://totp/x?secret=not-base32!')).toBeNull();
    expect(parseOtpAuth(`otpauth://totp/x?secret=${SECRET}&digits=4`)).toBeNull();
    expect(parseOtpAuth('not a uri')).toBeNull();
  });

  it('groups the key by four characters', () => {
    expect(groupsOfFour(SECRET)).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupsOfFour('ABCDEF')).toBe('ABCD EF');
  });
});

describe('QR code', () => {
  it('draws the modules as one path inside a quiet zone, named for screen readers', () => {
    const svg = qrCodeSvg(document, URI, 'QR code');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('QR code');
    const modules = Number(svg.dataset.modules);
    // Version 4 and up for a URI of this length; versions grow by 4 modules from 21.
    expect((modules - 21) % 4).toBe(0);
    expect(modules).toBeGreaterThanOrEqual(33);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${modules + 8} ${modules + 8}`);
    const path = svg.querySelector('path')!.getAttribute('d')!;
    // The top-left finder pattern starts at the quiet zone's edge.
    expect(path.startsWith('M4 4h1v1h-1z')).toBe(true);
    expect(qrCodeSvg(document, URI, 'again').querySelector('path')!.getAttribute('d')).toBe(path);
  });
});

describe('two-factor enrolment', () => {
  function mount(forced = false) {
    const session = createSession();
    session.signedIn({ user, permissions: [], csrfToken: 'csrf-2fa', ...(forced ? { totpEnrolmentRequired: true } : {}) });
    const form = createTwoFactorForm(document, { session, forced });
    document.body.append(form);
    return { session, form };
  }

  it('shows the key as a QR code and in groups of four, then confirms it with a code', async () => {
    server.on('POST', '/auth/totp/enrol', () => jsonResponse({ otpauthUri: URI }));
    server.on('POST', '/auth/totp/confirm', () => noContent());
    const { form } = mount();
    button(form, 'Set up two-factor sign-in').click();

    const qr = await findText(form, 'dl', 'JBSW');
    expect(form.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toBe('QR code with the two-factor key for telecare:admin');
    expect(qr.querySelector('[data-field="secret"]')?.textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(qr.textContent).toContain('Time-based, 6 digits, every 30 seconds (SHA1)');
    expect(server.calls('POST', '/auth/totp/enrol')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-2fa');

    const code = byLabel(form, 'Code shown in the app');
    expect(code.autocomplete).toBe('one-time-code');
    expect(code.inputMode).toBe('numeric');
    type(code, '123 456');
    submit(code);
    await findText(form, '[role="status"]', 'Two-factor sign-in is set up.');
    expect(server.calls('POST', '/auth/totp/confirm')[0]?.body).toEqual({ code: '123456' });
    expect(form.textContent).not.toContain('JBSW');
    expect(form.querySelector('svg')).toBeNull();
  });

  it('checks the code’s form before asking the server, and says when the server refuses it', async () => {
    server.on('POST', '/auth/totp/enrol', () => jsonResponse({ otpauthUri: URI }));
    server.on('POST', '/auth/totp/confirm', () => errorResponse(400, 2407, 'the code does not match'));
    const { form } = mount();
    button(form, 'Set up two-factor sign-in').click();
    const code = await (async () => {
      await findText(form, 'dl', 'JBSW');
      return byLabel(form, 'Code shown in the app');
    })();

    type(code, '12345');
    submit(code);
    await findText(form, '[role="alert"]', 'Enter the 6-digit code shown in the app.');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(code);
    expect(server.calls('POST', '/auth/totp/confirm')).toHaveLength(0);

    type(code, '654321');
    submit(code);
    await findText(form, '[role="alert"]', 'The code does not match. Check that the phone’s clock is right');
    expect(code.value).toBe('');
    expect(form.textContent).toContain('JBSW');
  });

  it('says so when two-factor sign-in is already set up', async () => {
    server.on('POST', '/auth/totp/enrol', () => errorResponse(409, 2412, 'already set up'));
    const { form } = mount();
    button(form, 'Set up two-factor sign-in').click();
    await findText(form, '[role="status"]', 'already set up for your account');
    expect(form.querySelector('svg')).toBeNull();
  });

  it('ends the enrolment-only session state once confirmed', async () => {
    server.on('POST', '/auth/totp/enrol', () => jsonResponse({ otpauthUri: URI }));
    server.on('POST', '/auth/totp/confirm', () => noContent());
    const { session, form } = mount(true);
    expect(session.state).toMatchObject({ kind: 'signedIn', totpPending: true });
    expect(form.textContent).toContain('Your role requires two-factor sign-in');
    button(form, 'Set up two-factor sign-in').click();
    await findText(form, 'dl', 'JBSW');
    type(byLabel(form, 'Code shown in the app'), '000111');
    submit(byLabel(form, 'Code shown in the app'));
    await expect.poll(() => session.state.kind === 'signedIn' && session.state.totpPending).toBeFalsy();
  });
});
