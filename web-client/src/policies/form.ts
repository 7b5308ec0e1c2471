import { apiFetch, describeError, type DataActionCode, type DataPolicy } from '../api';
import { actionButton, element, inputField, liveRegion, t, type MessageKey } from '../shell';
import {
  ACTIONS,
  CHANNELS,
  instantToLocal,
  localToInstant,
  ownHospitalOnly,
  parseValues,
  SCOPE_FIELDS,
  SUBJECT_FIELDS,
  type PolicyAccess,
} from './access';

export interface PolicyFormOptions {
  readonly access: PolicyAccess;
  /** The policy to change (`PUT`), or null for a new one (`POST`). */
  readonly policy: DataPolicy | null;
  readonly saved: (policy: DataPolicy) => Promise<void>;
  readonly cancelled: () => void;
}

function fieldset(doc: Document, legend: string, hint?: string): HTMLFieldSetElement {
  const box = element(doc, 'fieldset', 'form__fieldset policies__fieldset');
  box.append(element(doc, 'legend', 'form__legend', legend));
  if (hint !== undefined) box.append(element(doc, 'p', 'form__hint', hint));
  return box;
}

function checkbox(doc: Document, name: string, value: string, text: string, checked: boolean): HTMLLabelElement {
  const label = element(doc, 'label', 'form__check');
  const box = element(doc, 'input', '');
  box.type = 'checkbox';
  box.name = name;
  box.value = value;
  box.checked = checked;
  label.append(box, text);
  return label;
}

function checkedValues(root: ParentNode, name: string): string[] {
  return Array.from(root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`), (box) => box.value);
}

function listField(doc: Document, id: string, label: MessageKey, values: readonly string[]): { wrapper: HTMLElement; input: HTMLInputElement } {
  const field = inputField(doc, { id, label: t(label), autocomplete: 'off' });
  field.input.value = values.join(', ');
  field.input.spellcheck = false;
  field.input.autocapitalize = 'off';
  return field;
}

function timeField(doc: Document, id: string, label: MessageKey, value: string | undefined): { wrapper: HTMLElement; input: HTMLInputElement } {
  const field = inputField(doc, { id, label: t(label), type: 'datetime-local' });
  field.input.value = instantToLocal(value);
  return field;
}

/**
 * The create/edit form of a data policy, covering every dimension: name, effect, actions,
 * enabled, who it speaks about (subjects), which data (scope), and when it is in force. Lists
 * are typed comma-separated; an empty list matches anyone (or any data). A hospital
 * administrator's policies always cover exactly their own hospital's data.
 */
export function policyForm(doc: Document, options: PolicyFormOptions): HTMLFormElement {
  const { access, policy } = options;
  const own = ownHospitalOnly(access);
  const form = element(doc, 'form', 'form policies__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'policy-form-title');
  const title = element(doc, 'h2', 'policies__heading', policy ? t('policies.edit.title', { name: policy.name }) : t('policies.create.title'));
  title.id = 'policy-form-title';
  title.tabIndex = -1;
  const alert = liveRegion(doc, 'alert');

  const name = inputField(doc, { id: 'policy-name', label: t('policies.name'), required: true, autocomplete: 'off' });
  name.input.maxLength = 128;
  name.input.value = policy?.name ?? '';

  const effectField = element(doc, 'div', 'form__field');
  const effectLabel = element(doc, 'label', '', t('policies.effect'));
  effectLabel.htmlFor = 'policy-effect';
  const effect = element(doc, 'select', '');
  effect.id = 'policy-effect';
  effect.name = 'policy-effect';
  for (const value of ['allow', 'deny'] as const) {
    const option = element(doc, 'option', '', t(`policies.effect.${value}`));
    option.value = value;
    effect.append(option);
  }
  effect.value = policy?.effect ?? 'allow';
  effectField.append(effectLabel, effect);

  const actions = fieldset(doc, t('policies.actions'));
  for (const action of ACTIONS) actions.append(checkbox(doc, 'policy-actions', action, t(`policies.action.${action}`), policy?.actions.includes(action) ?? false));

  const enabled = checkbox(doc, 'policy-enabled', 'true', t('policies.enabled'), policy?.enabled ?? true);

  const subjects = fieldset(doc, t('policies.subjects'), t('policies.subjects.hint'));
  const subjectInputs = SUBJECT_FIELDS.map(([field, label]) => {
    const input = listField(doc, `policy-subjects-${field}`, label, policy?.subjects[field] ?? []);
    subjects.append(input.wrapper);
    return [field, input.input] as const;
  });
  const channels = fieldset(doc, t('policies.subjects.channels'));
  for (const channel of CHANNELS) channels.append(checkbox(doc, 'policy-channels', channel, channel, policy?.subjects.channels.includes(channel) ?? false));
  subjects.append(channels);

  const scope = fieldset(doc, t('policies.scope'), t('policies.scope.hint'));
  const scopeInputs = SCOPE_FIELDS.filter(([field]) => !(own !== null && field === 'hospitals')).map(([field, label]) => {
    const input = listField(doc, `policy-scope-${field}`, label, policy?.scope[field] ?? []);
    scope.append(input.wrapper);
    return [field, input.input] as const;
  });
  if (own !== null) scope.append(element(doc, 'p', 'form__hint', t('policies.scope.ownHospital')));
  const dataFrom = timeField(doc, 'policy-data-from', 'policies.scope.dataFrom', policy?.scope.dataFrom);
  const dataUntil = timeField(doc, 'policy-data-until', 'policies.scope.dataUntil', policy?.scope.dataUntil);
  scope.append(dataFrom.wrapper, dataUntil.wrapper);

  const validity = fieldset(doc, t('policies.validity'), t('policies.validity.hint'));
  const validFrom = timeField(doc, 'policy-valid-from', 'policies.validFrom', policy?.validFrom);
  const validUntil = timeField(doc, 'policy-valid-until', 'policies.validUntil', policy?.validUntil);
  validity.append(validFrom.wrapper, validUntil.wrapper);

  const submit = element(doc, 'button', 'button button--primary', t(policy ? 'ui.save' : 'policies.create.submit'));
  submit.type = 'submit';
  const cancel = actionButton(doc, t('ui.cancel'));
  cancel.addEventListener('click', () => options.cancelled());
  const buttons = element(doc, 'div', 'form__actions');
  buttons.append(submit, cancel);
  form.append(title, alert, name.wrapper, effectField, actions, enabled, subjects, scope, validity, buttons);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') options.cancelled();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const chosenActions = checkedValues(actions, 'policy-actions') as DataActionCode[];
      const times = [dataFrom, dataUntil, validFrom, validUntil].map((field) => [field.input, localToInstant(field.input.value)] as const);
      const badTime = times.find(([, value]) => value === undefined);
      const problem: [string, HTMLElement] | null =
        name.input.value.trim() === '' ? [t('ui.missing'), name.input]
        : chosenActions.length === 0 ? [t('policies.error.actions'), actions.querySelector('input')!]
        : badTime ? [t('policies.error.time'), badTime[0]]
        : null;
      if (problem) {
        alert.textContent = problem[0];
        problem[1].focus();
        return;
      }
      const [from, until, validFromValue, validUntilValue] = times.map(([, value]) => value ?? null);
      const request: Record<string, unknown> = {
        name: name.input.value.trim(),
        effect: effect.value,
        actions: chosenActions,
        enabled: (enabled.querySelector('input') as HTMLInputElement).checked,
        subjects: {
          ...Object.fromEntries(subjectInputs.map(([field, input]) => [field, parseValues(input.value)])),
          channels: checkedValues(channels, 'policy-channels'),
        },
        scope: {
          ...Object.fromEntries(scopeInputs.map(([field, input]) => [field, parseValues(input.value)])),
          ...(own !== null ? { hospitals: [own] } : {}),
          ...(from ? { dataFrom: from } : {}),
          ...(until ? { dataUntil: until } : {}),
        },
        ...(validFromValue ? { validFrom: validFromValue } : {}),
        ...(validUntilValue ? { validUntil: validUntilValue } : {}),
        ...(policy?.ownerHospitalId ? { ownerHospitalId: policy.ownerHospitalId } : {}),
      };
      alert.textContent = '';
      submit.disabled = true;
      try {
        const saved = policy
          ? await apiFetch<DataPolicy>(`/admin/policies/${encodeURIComponent(policy.id)}`, { method: 'PUT', body: request })
          : await apiFetch<DataPolicy>('/admin/policies', { method: 'POST', body: request });
        await options.saved(saved);
      } catch (error) {
        // The server names the field it could not accept.
        alert.textContent = describeError(error);
        alert.scrollIntoView?.({ block: 'nearest' });
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}
