import { apiFetch, ApiError, describeError, ErrorCode, type TotpEnrolment } from '../api';
import { element, inputField, liveRegion, t } from '../shell';
import { groupsOfFour, parseOtpAuth, type OtpAuth } from './otpauth';
import { qrCodeSvg } from './qr';
import type { Session } from './session';

export interface TwoFactorOptions {
  readonly session: Session;
  /** The user's role requires two-factor sign-in and nothing else is open until it is set up. */
  readonly forced?: boolean;
}

/**
 * Two-factor enrolment in two steps: "Set up" asks the server for a key (`POST /auth/totp/enrol`)
 * and shows it as a QR code and, for typing by hand, in groups of four; then the first code from
 * the app confirms it (`POST /auth/totp/confirm`). The key lives only in this page's DOM until
 * confirmed or left.
 */
export function createTwoFactorForm(doc: Document, options: TwoFactorOptions): HTMLElement {
  const { session, forced = false } = options;
  const section = element(doc, 'section', 'panel auth two-factor');
  section.setAttribute('aria-labelledby', 'two-factor-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('twoFactor.title'));
  heading.id = 'two-factor-title';
  top.append(heading);

  const body = element(doc, 'div', 'panel__body form');
  const intro = element(doc, 'p', 'auth__intro', t(forced ? 'twoFactor.forced' : 'twoFactor.intro'));
  const alert = liveRegion(doc, 'alert');
  const done = liveRegion(doc, 'status');
  const start = element(doc, 'button', 'button button--primary', t('twoFactor.start'));
  start.type = 'button';
  const steps = element(doc, 'div', 'two-factor__steps');
  body.append(intro, alert, done, start, steps);
  section.append(top, body);

  start.addEventListener('click', () => void enrol());

  async function enrol(): Promise<void> {
    alert.textContent = '';
    done.textContent = '';
    start.disabled = true;
    start.textContent = t('twoFactor.starting');
    try {
      const { otpauthUri } = await apiFetch<TotpEnrolment>('/auth/totp/enrol', { method: 'POST', body: {} });
      const key = parseOtpAuth(otpauthUri);
      if (!key) {
        alert.textContent = t('twoFactor.badUri');
        return;
      }
      start.hidden = true;
      showKey(otpauthUri, key);
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.TotpAlreadyEnrolled) {
        start.hidden = true;
        done.textContent = t('twoFactor.already');
      } else {
        alert.textContent = describeError(error);
      }
    } finally {
      start.disabled = false;
      start.textContent = t('twoFactor.start');
    }
  }

  function showKey(uri: string, key: OtpAuth): void {
    const scan = element(doc, 'p', 'auth__intro', t('twoFactor.step.scan'));
    const figure = element(doc, 'div', 'two-factor__qr');
    figure.append(qrCodeSvg(doc, uri, t('twoFactor.qr', { account: key.account })));

    const manual = element(doc, 'p', 'form__hint', t('twoFactor.manual'));
    const facts = element(doc, 'dl', 'two-factor__facts');
    const secret = element(doc, 'dd', 'two-factor__secret', groupsOfFour(key.secret));
    secret.dataset.field = 'secret';
    facts.append(
      element(doc, 'dt', '', t('twoFactor.account')),
      element(doc, 'dd', '', key.account),
      element(doc, 'dt', '', t('twoFactor.secret')),
      secret,
      element(doc, 'dt', '', t('twoFactor.kind')),
      element(doc, 'dd', '', t('twoFactor.kindValue', { digits: key.digits, period: key.period, algorithm: key.algorithm })),
    );
    const warning = element(doc, 'p', 'form__hint', t('twoFactor.keyWarning'));

    const form = element(doc, 'form', 'form two-factor__confirm');
    form.noValidate = true;
    const confirmTitle = element(doc, 'p', 'auth__intro', t('twoFactor.step.confirm'));
    const code = inputField(doc, {
      id: 'two-factor-code',
      label: t('twoFactor.code'),
      autocomplete: 'one-time-code',
      required: true,
      hint: t('twoFactor.codeHint', { digits: key.digits }),
    });
    code.input.inputMode = 'numeric';
    code.input.maxLength = key.digits;
    code.input.pattern = `\\d{${key.digits}}`;
    const submit = element(doc, 'button', 'button button--primary', t('twoFactor.confirm'));
    submit.type = 'submit';
    const actions = element(doc, 'div', 'form__actions');
    actions.append(submit);
    form.append(confirmTitle, code.wrapper, actions);
    steps.replaceChildren(scan, figure, manual, facts, warning, form);
    scan.tabIndex = -1;
    scan.focus();

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void confirm();
    });

    async function confirm(): Promise<void> {
      const value = code.input.value.replace(/\s/g, '');
      done.textContent = '';
      if (!new RegExp(`^\\d{${key.digits}}$`).test(value)) {
        alert.textContent = t('twoFactor.codeFormat', { digits: key.digits });
        code.input.setAttribute('aria-invalid', 'true');
        code.input.focus();
        return;
      }
      alert.textContent = '';
      code.input.removeAttribute('aria-invalid');
      submit.disabled = true;
      submit.textContent = t('twoFactor.confirming');
      try {
        await apiFetch<void>('/auth/totp/confirm', { method: 'POST', body: { code: value } });
        // The key has done its work: take it off the page.
        steps.replaceChildren();
        done.textContent = t('twoFactor.done');
        session.twoFactorEnrolled();
      } catch (error) {
        alert.textContent = error instanceof ApiError && error.code === ErrorCode.TotpWrong ? t('twoFactor.wrong') : describeError(error);
        code.input.value = '';
        code.input.setAttribute('aria-invalid', 'true');
        code.input.focus();
      } finally {
        submit.disabled = false;
        submit.textContent = t('twoFactor.confirm');
      }
    }
  }

  return section;
}
