import { apiFetch, ApiError, describeError, ErrorCode, type Captcha, type LoginResult, type SmsCodeRequest } from '../api';
import { actionButton, element, inputField, liveRegion, t } from '../shell';
import type { Session, SessionState } from './session';

export interface SignInOptions {
  readonly session: Session;
  /** The signed-out state that leads here: fills in a known username and explains why. */
  readonly state?: Extract<SessionState, { kind: 'signedOut' }>;
}

/**
 * The sign-in form: username and password, plus a security-check image and answer once the
 * server asks for one (2404), and the code from the authenticator app once the server says the
 * account has two-factor sign-in (2406). Instead of the password, a code sent by SMS may be used
 * (SEC-2): "Send code by SMS" asks for one and counts down until another may be asked for; the
 * option disappears when the platform answers that it has no SMS gateway (2430). Each refusal
 * gets its own message; a success hands the answer to the session.
 */
export function createSignInForm(doc: Document, options: SignInOptions): HTMLElement {
  const { session, state } = options;
  const section = element(doc, 'section', 'panel auth');
  section.setAttribute('aria-labelledby', 'signin-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('auth.signIn.title'));
  heading.id = 'signin-title';
  top.append(heading);

  const form = element(doc, 'form', 'form panel__body');
  form.noValidate = true;

  const notice = liveRegion(doc, 'status');
  if (state?.reason === 'reauth' && state.known) notice.textContent = t('auth.signIn.reauth', { name: state.known.name });
  else if (state?.reason === 'expired') notice.textContent = t('auth.signIn.expired');
  else if (state?.reason === 'signedOut') notice.textContent = t('auth.signIn.signedOut');

  const alert = liveRegion(doc, 'alert');
  const username = inputField(doc, { id: 'signin-username', label: t('auth.signIn.username'), autocomplete: 'username', required: true });
  const password = inputField(doc, {
    id: 'signin-password',
    label: t('auth.signIn.password'),
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  if (state?.known) username.input.value = state.known.login;

  // The security check, hidden until the server asks for it.
  const captchaBox = element(doc, 'fieldset', 'form__fieldset auth__captcha');
  captchaBox.hidden = true;
  const legend = element(doc, 'legend', 'form__legend', t('auth.captcha.legend'));
  const image = element(doc, 'img', 'auth__captcha-image');
  image.alt = t('auth.captcha.image');
  const captchaStatus = element(doc, 'p', 'form__hint');
  const answer = inputField(doc, { id: 'signin-captcha', label: t('auth.captcha.answer'), autocomplete: 'off' });
  answer.input.autocapitalize = 'off';
  answer.input.spellcheck = false;
  const reload = element(doc, 'button', 'button', t('auth.captcha.reload'));
  reload.type = 'button';
  captchaBox.append(legend, image, captchaStatus, answer.wrapper, reload);

  // The two-factor code, hidden until the server asks for it.
  const totp = inputField(doc, {
    id: 'signin-totp',
    label: t('auth.totp.label'),
    autocomplete: 'one-time-code',
    hint: t('auth.totp.hint'),
  });
  totp.input.inputMode = 'numeric';
  totp.input.maxLength = 8;
  totp.wrapper.classList.add('auth__totp');
  totp.wrapper.hidden = true;

  // Sign-in with a code sent by SMS instead of the password, shown on request.
  const smsBox = element(doc, 'div', 'auth__sms');
  smsBox.hidden = true;
  const smsSend = actionButton(doc, t('auth.sms.send'));
  const smsStatus = liveRegion(doc, 'status');
  const smsCode = inputField(doc, { id: 'signin-sms-code', label: t('auth.sms.code'), autocomplete: 'one-time-code', hint: t('auth.sms.codeHint') });
  smsCode.input.inputMode = 'numeric';
  smsCode.input.maxLength = 16;
  smsBox.append(smsSend, smsStatus, smsCode.wrapper);
  const smsToggle = actionButton(doc, t('auth.sms.use'), undefined, 'button button--link auth__sms-toggle');

  const submit = element(doc, 'button', 'button button--primary', t('auth.signIn.submit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit, smsToggle);

  form.append(notice, alert, username.wrapper, password.wrapper, smsBox, totp.wrapper, captchaBox, actions);
  section.append(top, form);

  const smsMode = (): boolean => !smsBox.hidden;
  function useSms(on: boolean): void {
    smsBox.hidden = !on;
    password.wrapper.hidden = on;
    smsToggle.textContent = t(on ? 'auth.sms.usePassword' : 'auth.sms.use');
    alert.textContent = '';
    (on ? smsSend : password.input).focus();
  }
  smsToggle.addEventListener('click', () => useSms(!smsMode()));

  let countdown: ReturnType<typeof setInterval> | undefined;
  function waitBeforeResend(seconds: number): void {
    clearInterval(countdown);
    let left = Math.max(1, Math.ceil(seconds));
    const tick = (): void => {
      if (!section.isConnected && countdown !== undefined) {
        clearInterval(countdown);
        return;
      }
      if (left <= 0) {
        clearInterval(countdown);
        smsSend.disabled = false;
        smsSend.textContent = t('auth.sms.sendAgain');
        return;
      }
      smsSend.disabled = true;
      smsSend.textContent = t('auth.sms.wait', { seconds: left });
      left -= 1;
    };
    tick();
    countdown = setInterval(tick, 1000);
  }

  smsSend.addEventListener('click', () => {
    void (async () => {
      const login = username.input.value.trim();
      if (login === '') {
        alert.textContent = t('auth.sms.missingUsername');
        username.input.focus();
        return;
      }
      alert.textContent = '';
      smsStatus.textContent = '';
      smsSend.disabled = true;
      try {
        const sent = await apiFetch<SmsCodeRequest>('/auth/sms/request', { method: 'POST', body: { username: login } });
        smsStatus.textContent = t('auth.sms.sent', { minutes: Math.max(1, Math.round(sent.validForSeconds / 60)) });
        waitBeforeResend(sent.resendAfterSeconds);
        smsCode.input.focus();
      } catch (error) {
        smsSend.disabled = false;
        const code = error instanceof ApiError ? error.code : ErrorCode.Unknown;
        if (code === ErrorCode.SmsDisabled) {
          // The platform has no SMS gateway: offer only the password from now on.
          useSms(false);
          smsToggle.remove();
          alert.textContent = t('auth.sms.disabled');
        } else if (code === ErrorCode.SmsTooSoon) {
          alert.textContent = t('auth.sms.tooSoon');
          waitBeforeResend((error as ApiError).retryAfterSeconds ?? 60);
        } else {
          alert.textContent = describeError(error);
        }
      }
    })();
  });

  let captcha: Captcha | null = null;

  async function loadCaptcha(): Promise<void> {
    captchaBox.hidden = false;
    captcha = null;
    image.removeAttribute('src');
    image.hidden = true;
    answer.input.value = '';
    captchaStatus.textContent = t('auth.captcha.loading');
    try {
      captcha = await apiFetch<Captcha>('/auth/captcha');
      image.src = captcha.image;
      image.hidden = false;
      captchaStatus.textContent = '';
    } catch (error) {
      captchaStatus.textContent = t('auth.error.captchaUnavailable', { detail: describeError(error) });
    }
  }

  reload.addEventListener('click', () => {
    void loadCaptcha().then(() => answer.input.focus());
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt();
  });

  async function attempt(): Promise<void> {
    const login = username.input.value.trim();
    const sms = smsMode();
    const secret = sms ? smsCode.input.value.replace(/\s/g, '') : password.input.value;
    if (login === '' || secret === '') {
      alert.textContent = t(sms ? 'auth.sms.missing' : 'auth.error.missing');
      (login === '' ? username.input : sms ? smsCode.input : password.input).focus();
      return;
    }
    const body: Record<string, unknown> = sms ? { username: login, smsCode: secret } : { username: login, password: secret };
    if (!totp.wrapper.hidden) {
      const code = totp.input.value.replace(/\s/g, '');
      if (!/^\d{6,8}$/.test(code)) {
        alert.textContent = t('auth.error.totpFormat');
        totp.input.setAttribute('aria-invalid', 'true');
        totp.input.focus();
        return;
      }
      totp.input.removeAttribute('aria-invalid');
      body.totp = code;
    }
    const usedCaptcha = captcha !== null && !captchaBox.hidden;
    if (usedCaptcha && captcha) body.captcha = { id: captcha.id, answer: answer.input.value.trim() };

    alert.textContent = '';
    submit.disabled = true;
    submit.textContent = t('auth.signIn.busy');
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await apiFetch<LoginResult>('/auth/login', { method: 'POST', body });
      session.signedIn(result);
      return;
    } catch (error) {
      await refused(error, usedCaptcha);
    } finally {
      submit.disabled = false;
      submit.textContent = t('auth.signIn.submit');
      form.removeAttribute('aria-busy');
    }
  }

  async function refused(error: unknown, usedCaptcha: boolean): Promise<void> {
    const code = error instanceof ApiError ? error.code : ErrorCode.Unknown;
    switch (code) {
      case ErrorCode.BadCredentials: {
        const field = smsMode() ? smsCode.input : password.input;
        alert.textContent = t(smsMode() ? 'auth.sms.wrong' : 'auth.error.credentials');
        field.value = '';
        // A security check, once answered, is used up: show a fresh one with the next attempt.
        if (usedCaptcha) await loadCaptcha();
        field.focus();
        return;
      }
      case ErrorCode.SmsDisabled:
        useSms(false);
        smsToggle.remove();
        alert.textContent = t('auth.sms.disabled');
        return;
      case ErrorCode.CaptchaRequired:
        alert.textContent = t('auth.error.captchaRequired');
        await loadCaptcha();
        answer.input.focus();
        return;
      case ErrorCode.CaptchaWrong:
        alert.textContent = t('auth.error.captchaWrong');
        await loadCaptcha();
        answer.input.focus();
        return;
      case ErrorCode.TotpRequired:
        alert.textContent = t('auth.error.totpRequired');
        totp.wrapper.hidden = false;
        totp.input.value = '';
        totp.input.focus();
        return;
      case ErrorCode.TotpWrong:
        // Counts as a failed sign-in: the server may want the security check next time.
        alert.textContent = t('auth.error.totpWrong');
        totp.input.value = '';
        if (usedCaptcha) await loadCaptcha();
        totp.input.focus();
        return;
      case ErrorCode.Locked:
        alert.textContent = t('auth.error.locked', { detail: (error as ApiError).message });
        return;
      case ErrorCode.AccountDisabled:
        alert.textContent = t('auth.error.disabled');
        return;
      case ErrorCode.AccountExpired:
        alert.textContent = t('auth.error.expired');
        return;
      default:
        alert.textContent = describeError(error);
    }
  }

  return section;
}
