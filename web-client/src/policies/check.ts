import { apiFetch, describeError, type AccessDecision } from '../api';
import { element, inputField, liveRegion, t } from '../shell';
import { ACTIONS, CHANNELS, localToInstant, ownHospitalOnly, parseValues, type PolicyAccess } from './access';

function select(doc: Document, id: string, label: string, options: readonly (readonly [string, string])[]): { wrapper: HTMLElement; select: HTMLSelectElement } {
  const wrapper = element(doc, 'div', 'form__field');
  const caption = element(doc, 'label', '', label);
  caption.htmlFor = id;
  const control = element(doc, 'select', '');
  control.id = id;
  control.name = id;
  for (const [value, text] of options) {
    const option = element(doc, 'option', '', text);
    option.value = value;
    control.append(option);
  }
  wrapper.append(caption, control);
  return { wrapper, select: control };
}

/**
 * "Check access": asks `POST /admin/policies/evaluate` whether a user (or a system) may do an
 * action to some data, and shows the answer with the reason (and the deciding policy's name).
 * Nothing is read or changed: it explains the policies as they stand.
 */
export function checkAccessForm(doc: Document, access: PolicyAccess, policyName: (id: string) => string | undefined): HTMLFormElement {
  const own = ownHospitalOnly(access);
  const form = element(doc, 'form', 'form policies__form policies__check');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'policy-check-title');
  const title = element(doc, 'h2', 'policies__heading', t('policies.check.title'));
  title.id = 'policy-check-title';
  const intro = element(doc, 'p', 'form__hint', t('policies.check.intro'));
  const alert = liveRegion(doc, 'alert');
  const result = liveRegion(doc, 'status');
  result.classList.add('policies__decision');

  const kind = select(doc, 'check-kind', t('policies.check.kind'), [
    ['user', t('policies.check.kind.user')],
    ['system', t('policies.check.kind.system')],
  ]);
  const who = inputField(doc, { id: 'check-who', label: t('policies.check.who'), autocomplete: 'off', hint: t('policies.check.whoHint') });
  who.input.spellcheck = false;
  who.input.value = access.userId ?? '';
  kind.select.addEventListener('change', () => {
    if (kind.select.value === 'user' && who.input.value === '') who.input.value = access.userId ?? '';
    else if (kind.select.value === 'system' && who.input.value === access.userId) who.input.value = '';
  });
  const channel = select(doc, 'check-channel', t('policies.check.channel'), CHANNELS.map((code) => [code, code] as const));
  const action = select(doc, 'check-action', t('policies.check.action'), ACTIONS.map((code) => [code, t(`policies.action.${code}`)] as const));
  const dataType = inputField(doc, { id: 'check-data-type', label: t('policies.check.dataType'), autocomplete: 'off', required: true, hint: t('policies.check.dataTypeHint') });
  const hospital = inputField(doc, { id: 'check-hospital', label: t('policies.check.hospital'), autocomplete: 'off' });
  if (own !== null) {
    hospital.input.value = own;
    hospital.input.readOnly = true;
  }
  const department = inputField(doc, { id: 'check-department', label: t('policies.check.department'), autocomplete: 'off' });
  const patient = inputField(doc, { id: 'check-patient', label: t('policies.check.patient'), autocomplete: 'off' });
  const classes = inputField(doc, { id: 'check-classes', label: t('policies.check.classes'), autocomplete: 'off', hint: t('policies.check.classesHint') });
  const exam = inputField(doc, { id: 'check-exam', label: t('policies.check.exam'), autocomplete: 'off' });
  const examType = inputField(doc, { id: 'check-exam-type', label: t('policies.check.examType'), autocomplete: 'off' });
  const source = inputField(doc, { id: 'check-source', label: t('policies.check.source'), autocomplete: 'off' });
  const dataTime = inputField(doc, { id: 'check-data-time', label: t('policies.check.dataTime'), type: 'datetime-local' });
  const at = inputField(doc, { id: 'check-at', label: t('policies.check.at'), type: 'datetime-local', hint: t('policies.check.atHint') });

  const submit = element(doc, 'button', 'button button--primary', t('policies.check.submit'));
  submit.type = 'submit';
  const buttons = element(doc, 'div', 'form__actions');
  buttons.append(submit);
  form.append(title, intro, alert, kind.wrapper, who.wrapper, channel.wrapper, action.wrapper, dataType.wrapper, hospital.wrapper,
    department.wrapper, patient.wrapper, classes.wrapper, exam.wrapper, examType.wrapper, source.wrapper, dataTime.wrapper, at.wrapper,
    buttons, result);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      result.textContent = '';
      result.removeAttribute('data-allowed');
      const requester = who.input.value.trim();
      const type = dataType.input.value.trim();
      const time = localToInstant(dataTime.input.value);
      const when = localToInstant(at.input.value);
      const problem: [string, HTMLElement] | null =
        requester === '' ? [t(kind.select.value === 'user' ? 'policies.check.missingUser' : 'policies.check.missingSystem'), who.input]
        : type === '' ? [t('policies.check.missingType'), dataType.input]
        : time === undefined ? [t('policies.error.time'), dataTime.input]
        : when === undefined ? [t('policies.error.time'), at.input]
        : null;
      if (problem) {
        alert.textContent = problem[0];
        problem[1].focus();
        return;
      }
      const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
      const resource = {
        dataType: type,
        hospitalId: optional(hospital.input.value),
        departmentId: optional(department.input.value),
        patientId: optional(patient.input.value),
        patientClasses: parseValues(classes.input.value),
        examId: optional(exam.input.value),
        examType: optional(examType.input.value),
        sourceSystem: optional(source.input.value),
        dataTime: time ?? undefined,
      };
      const body = {
        [kind.select.value === 'user' ? 'userId' : 'system']: requester,
        channel: channel.select.value,
        action: action.select.value,
        resource: Object.fromEntries(Object.entries(resource).filter(([, value]) => value !== undefined)),
        ...(when ? { at: when } : {}),
      };
      alert.textContent = '';
      submit.disabled = true;
      try {
        const decision = await apiFetch<AccessDecision>('/admin/policies/evaluate', { method: 'POST', body });
        const name = decision.policyId ? policyName(decision.policyId) : undefined;
        result.dataset.allowed = String(decision.allowed);
        result.textContent = t(decision.allowed ? 'policies.check.allowed' : 'policies.check.denied', { reason: decision.reason })
          + (name ? ` ${t('policies.check.decidedBy', { name })}` : '');
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}
