import { apiFetch, ApiError, describeError, ErrorCode } from '../api';
import { element, inputField, liveRegion, t, type MessageKey } from '../shell';
import type { Session } from './session';

export interface PasswordFormOptions {
  readonly session: Session;
  /** The user must change the password before anything else (`mustChangePassword`). */
  readonly forced?: boolean;
}

interface Rule {
  readonly key: MessageKey;
  readonly met: (password: string, login: string) => boolean;
}

/** The server's rules, as hints only: the server decides, and its message is shown. */
const RULES: readonly Rule[] = [
  { key: 'auth.password.rule.length', met: (password) => [...password].length >= 10 },
  {
    key: 'auth.password.rule.classes',
    met: (password) =>
      [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((pattern) => pattern.test(password)).length >= 3,
  },
  {
    key: 'auth.password.rule.login',
    met: (password, login) => password !== '' && (login === '' || !password.toLowerCase().includes(login.toLowerCase())),
  },
];

/** The change-password form: current, new and repeated new password, with the rules as live hints. */
export function createPasswordForm(doc: Document, options: PasswordFormOptions): HTMLElement {
  const { session, forced = false } = options;
  const login = session.state.kind === 'signedIn' ? session.state.user.login : '';

  const section = element(doc, 'section', 'panel auth');
  section.setAttribute('aria-labelledby', 'password-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('auth.password.title'));
  heading.id = 'password-title';
  top.append(heading);

  const form = element(doc, 'form', 'form panel__body');
  form.noValidate = true;
  const intro = element(doc, 'p', 'auth__intro');
  if (forced) intro.textContent = t('auth.password.forced');
  else intro.hidden = true;

  const alert = liveRegion(doc, 'alert');
  const done = liveRegion(doc, 'status');
  // A hidden username field lets password managers store the new password for the right account.
  const user = element(doc, 'input', '');
  user.type = 'text';
  user.autocomplete = 'username';
  user.value = login;
  user.hidden = true;
  user.tabIndex = -1;
  user.setAttribute('aria-hidden', 'true');

  const current = inputField(doc, {
    id: 'password-current',
    label: t('auth.password.current'),
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = inputField(doc, {
    id: 'password-new',
    label: t('auth.password.new'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const repeat = inputField(doc, {
    id: 'password-repeat',
    label: t('auth.password.repeat'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });

  const rulesTitle = element(doc, 'p', 'form__hint auth__rules-title', t('auth.password.rules'));
  rulesTitle.id = 'password-rules-title';
  const rules = element(doc, 'ul', 'form__hint auth__rules');
  rules.id = 'password-rules';
  rules.setAttribute('aria-labelledby', rulesTitle.id);
  const ruleItems = RULES.map((rule) => {
    const item = element(doc, 'li', 'auth__rule');
    const text = element(doc, 'span', '', t(rule.key));
    const state = element(doc, 'span', 'auth__rule-state');
    item.append(text, ' ', state);
    rules.append(item);
    return { rule, item, state };
  });
  next.input.setAttribute('aria-describedby', `${rulesTitle.id} ${rules.id}`);
  next.wrapper.append(rulesTitle, rules);

  function updateRules(): void {
    for (const { rule, item, state } of ruleItems) {
      const met = rule.met(next.input.value, login);
      item.classList.toggle('auth__rule--met', met);
      state.textContent = `(${t(met ? 'auth.password.rule.met' : 'auth.password.rule.unmet')})`;
    }
  }
  next.input.addEventListener('input', updateRules);
  updateRules();

  const submit = element(doc, 'button', 'button button--primary', t('auth.password.submit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);

  form.append(intro, alert, done, user, current.wrapper, next.wrapper, repeat.wrapper, actions);
  section.append(top, form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void change();
  });

  async function change(): Promise<void> {
    done.textContent = '';
    if (current.input.value === '' || next.input.value === '' || repeat.input.value === '') {
      alert.textContent = t('auth.password.missing');
      return;
    }
    if (next.input.value !== repeat.input.value) {
      alert.textContent = t('auth.password.mismatch');
      repeat.input.focus();
      return;
    }
    alert.textContent = '';
    submit.disabled = true;
    submit.textContent = t('auth.password.busy');
    try {
      await apiFetch<void>('/auth/password', { method: 'POST', body: { current: current.input.value, new: next.input.value } });
      for (const input of [current.input, next.input, repeat.input]) input.value = '';
      updateRules();
      done.textContent = t('auth.password.done');
      session.passwordChanged();
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.BadCredentials) {
        alert.textContent = t('auth.password.currentWrong');
        current.input.focus();
      } else if (error instanceof ApiError && error.code === ErrorCode.PasswordPolicy) {
        alert.textContent = t('auth.password.rejected', { message: error.message });
        next.input.focus();
      } else {
        alert.textContent = describeError(error);
      }
    } finally {
      submit.disabled = false;
      submit.textContent = t('auth.password.submit');
    }
  }

  return section;
}
