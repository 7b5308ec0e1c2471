import { apiFetch, describeError, type CreatedUser, type Department, type Role, type User } from '../api';
import { actionButton, element, inputField, liveRegion, t } from '../shell';
import { can, Permission, type AdminAccess } from './access';
import { cell, loadInto, status, subsection, table } from './ui';

/** A `date` input's value as the instant the account stops: the end of that day, local time. */
export function endOfDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}

/** An instant as a local `yyyy-mm-dd` (the `date` input's format, also how the list shows it). */
export function localDate(instant: string): string {
  const date = new Date(instant);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function validUntilField(doc: Document, id: string, value?: string): { wrapper: HTMLElement; input: HTMLInputElement } {
  const field = inputField(doc, { id, label: t('admin.user.validUntil'), type: 'date', hint: t('admin.user.validUntilHint') });
  if (value) field.input.value = localDate(value);
  return field;
}

export interface HospitalRef {
  readonly id: string;
  readonly name: string;
}

/** One hospital: its departments and users, each with a create form when allowed. */
export function hospitalView(doc: Document, access: AdminAccess, hospital: HospitalRef): HTMLElement {
  const view = element(doc, 'div', 'admin__view');
  const heading = element(doc, 'h2', 'admin__hospital-name', hospital.name);
  view.append(heading);
  const base = `/admin/hospitals/${encodeURIComponent(hospital.id)}`;

  // Departments feed both their list and the user form's department choice.
  let departments: Department[] = [];
  const departmentsChanged = new Set<() => void>();

  if (can(access, Permission.HospitalsRead)) {
    const { section, body } = subsection(doc, 'admin-departments', t('admin.departments.title'));
    const list = element(doc, 'div', '');
    body.append(list);
    view.append(section);
    const reload = (): Promise<void> =>
      loadInto(list, () => apiFetch<Department[]>(`${base}/departments`), (loaded) => {
        departments = loaded;
        for (const listener of departmentsChanged) listener();
        if (loaded.length === 0) {
          list.append(element(doc, 'p', 'form__hint', t('admin.departments.empty')));
          return;
        }
        const columns = ['admin.department.code', 'admin.department.name', 'admin.hospital.status'] as const;
        list.append(
          table(doc, t('admin.departments.caption', { count: loaded.length }), columns, loaded, (department, row) => {
            cell(row, department.code, true);
            cell(row, department.name);
            cell(row, status(department.enabled));
          }),
        );
      });
    if (can(access, Permission.HospitalsWrite)) body.append(createDepartmentForm(doc, base, reload));
    void reload();
  }

  if (can(access, Permission.UsersRead) || can(access, Permission.UsersWrite)) {
    const { section, body } = subsection(doc, 'admin-users', t('admin.users.title'));
    const oneTime = element(doc, 'div', 'admin__one-time');
    const changed = liveRegion(doc, 'status');
    const list = element(doc, 'div', '');
    const editor = element(doc, 'div', '');
    body.append(oneTime, changed, list, editor);
    view.append(section);

    const departmentName = (id: string | null): string =>
      departments.find((department) => department.id === id)?.name ?? id ?? '';

    const reload = async (): Promise<void> => {
      if (!can(access, Permission.UsersRead)) return;
      await loadInto(list, () => apiFetch<User[]>(`${base}/users`), (users) => {
        if (users.length === 0) {
          list.append(element(doc, 'p', 'form__hint', t('admin.users.empty')));
          return;
        }
        const columns = ['admin.user.login', 'admin.user.name', 'admin.user.title', 'admin.user.department', 'admin.user.roles', 'admin.user.status', 'admin.user.validUntil'] as const;
        const writable = can(access, Permission.UsersWrite);
        list.append(
          table(doc, t('admin.users.caption', { count: users.length }), writable ? [...columns, 'admin.user.actions'] : columns, users, (user, row) => {
            row.dataset.login = user.login;
            cell(row, user.login, true);
            cell(row, user.name);
            cell(row, user.title ?? '');
            cell(row, departmentName(user.departmentId));
            cell(row, user.roles.join(', '));
            cell(row, status(user.enabled));
            cell(row, user.expiresAt ? localDate(user.expiresAt) : t('admin.user.noEnd'));
            if (!writable) return;
            const actions = row.insertCell();
            actions.className = 'admin__actions';
            const validity = actionButton(doc, t('admin.user.validity'), t('admin.user.validityLabel', { login: user.login }));
            validity.addEventListener('click', () => {
              changed.textContent = '';
              editor.replaceChildren(validityForm(doc, user, async (saved) => {
                editor.replaceChildren();
                changed.textContent = saved.expiresAt
                  ? t('admin.user.validitySaved', { login: saved.login, date: localDate(saved.expiresAt) })
                  : t('admin.user.validityCleared', { login: saved.login });
                await reload();
                list.querySelector<HTMLButtonElement>(`button[aria-label="${t('admin.user.validityLabel', { login: saved.login })}"]`)?.focus();
              }, () => {
                editor.replaceChildren();
                validity.focus();
              }));
              editor.querySelector('input')?.focus();
            });
            actions.append(toggleButton(doc, user, reload), validity);
          }),
        );
      });
    };

    if (can(access, Permission.UsersWrite)) {
      body.append(createUserForm(doc, hospital.id, () => departments, departmentsChanged, (created) => {
        showInitialPassword(oneTime, created);
        void reload();
      }));
    }
    void reload();
  }
  return view;
}

function toggleButton(doc: Document, user: User, changed: () => Promise<void>): HTMLButtonElement {
  const button = element(doc, 'button', 'button', t(user.enabled ? 'admin.user.disable' : 'admin.user.enable'));
  button.type = 'button';
  button.setAttribute('aria-label', t(user.enabled ? 'admin.user.disableLabel' : 'admin.user.enableLabel', { login: user.login }));
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      try {
        await apiFetch<User>(`/admin/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { enabled: !user.enabled } });
        await changed();
      } catch (error) {
        button.disabled = false;
        const alert = element(doc, 'p', 'alert', describeError(error));
        alert.setAttribute('role', 'alert');
        button.after(alert);
      }
    })();
  });
  return button;
}

/** Shows the one-time initial password until the admin dismisses it; it is kept nowhere else. */
function showInitialPassword(target: HTMLElement, created: CreatedUser): void {
  const doc = target.ownerDocument;
  const box = element(doc, 'div', 'admin__initial-password');
  box.setAttribute('role', 'alert');
  const title = element(doc, 'p', 'admin__initial-title', t('admin.users.initialPassword.title', { login: created.login }));
  const facts = element(doc, 'dl', 'admin__initial-facts');
  const password = element(doc, 'dd', 'admin__password', created.initialPassword);
  password.dataset.field = 'initialPassword';
  facts.append(element(doc, 'dt', '', t('admin.users.initialPassword.label')), password);
  const note = element(doc, 'p', 'form__hint', t('admin.users.initialPassword.note'));
  const dismiss = element(doc, 'button', 'button', t('admin.users.initialPassword.done'));
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => target.replaceChildren());
  box.append(title, facts, note, dismiss);
  target.replaceChildren(box);
  dismiss.focus();
}

function createDepartmentForm(doc: Document, base: string, created: () => Promise<void>): HTMLElement {
  const form = element(doc, 'form', 'form admin__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'department-create-title');
  const title = element(doc, 'h3', 'admin__subheading', t('admin.departments.create'));
  title.id = 'department-create-title';
  const alert = liveRegion(doc, 'alert');
  const done = liveRegion(doc, 'status');
  const code = inputField(doc, { id: 'department-code', label: t('admin.department.code'), required: true, autocomplete: 'off' });
  const name = inputField(doc, { id: 'department-name', label: t('admin.department.name'), required: true, autocomplete: 'off' });
  const submit = element(doc, 'button', 'button button--primary', t('admin.departments.createSubmit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  form.append(title, alert, done, code.wrapper, name.wrapper, actions);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      done.textContent = '';
      const request = { code: code.input.value.trim(), name: name.input.value.trim() };
      if (request.code === '' || request.name === '') {
        alert.textContent = t('admin.missing');
        return;
      }
      alert.textContent = '';
      submit.disabled = true;
      try {
        const department = await apiFetch<Department>(`${base}/departments`, { method: 'POST', body: request });
        form.reset();
        done.textContent = t('admin.departments.created', { name: department.name });
        await created();
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}

function createUserForm(
  doc: Document,
  hospitalId: string,
  departments: () => readonly Department[],
  departmentsChanged: Set<() => void>,
  created: (user: CreatedUser) => void,
): HTMLElement {
  const form = element(doc, 'form', 'form admin__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'user-create-title');
  const title = element(doc, 'h3', 'admin__subheading', t('admin.users.create'));
  title.id = 'user-create-title';
  const alert = liveRegion(doc, 'alert');
  const login = inputField(doc, { id: 'user-login', label: t('admin.user.login'), required: true, autocomplete: 'off' });
  login.input.autocapitalize = 'off';
  const name = inputField(doc, { id: 'user-name', label: t('admin.user.name'), required: true, autocomplete: 'off' });
  const jobTitle = inputField(doc, { id: 'user-title', label: t('admin.user.title'), autocomplete: 'off' });
  const phone = inputField(doc, { id: 'user-phone', label: t('admin.user.phone'), type: 'tel', autocomplete: 'off', hint: t('admin.user.phoneHint') });
  const validUntil = validUntilField(doc, 'user-valid-until');

  const departmentField = element(doc, 'div', 'form__field');
  const departmentLabel = element(doc, 'label', '', t('admin.user.department'));
  departmentLabel.htmlFor = 'user-department';
  const department = element(doc, 'select', '');
  department.id = 'user-department';
  department.name = 'user-department';
  departmentField.append(departmentLabel, department);
  const fillDepartments = (): void => {
    const selected = department.value;
    const none = element(doc, 'option', '', t('admin.user.department.none'));
    none.value = '';
    department.replaceChildren(
      none,
      ...departments().map((item) => {
        const option = element(doc, 'option', '', `${item.name} (${item.code})`);
        option.value = item.id;
        return option;
      }),
    );
    department.value = selected;
    if (department.selectedIndex < 0) department.value = '';
  };
  fillDepartments();
  departmentsChanged.add(fillDepartments);

  const roles = element(doc, 'fieldset', 'form__fieldset');
  roles.append(element(doc, 'legend', 'form__legend', t('admin.user.roles')));
  const roleList = element(doc, 'div', 'admin__roles');
  roles.append(roleList);
  void loadInto(roleList, () => apiFetch<Role[]>('/admin/roles'), (loaded) => {
    for (const role of loaded) {
      const label = element(doc, 'label', 'form__check');
      const box = element(doc, 'input', '');
      box.type = 'checkbox';
      box.name = 'roles';
      box.value = role.id;
      label.title = role.permissions.join(', ');
      label.append(box, role.id);
      roleList.append(label);
    }
  });

  const submit = element(doc, 'button', 'button button--primary', t('admin.users.createSubmit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  form.append(title, alert, login.wrapper, name.wrapper, jobTitle.wrapper, phone.wrapper, departmentField, roles, validUntil.wrapper, actions);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const chosen = Array.from(roleList.querySelectorAll<HTMLInputElement>('input[name="roles"]:checked'), (box) => box.value);
      const request: Record<string, unknown> = { login: login.input.value.trim(), name: name.input.value.trim(), hospitalId, roles: chosen };
      if (request.login === '' || request.name === '') {
        alert.textContent = t('admin.missing');
        return;
      }
      if (chosen.length === 0) {
        alert.textContent = t('admin.users.rolesRequired');
        return;
      }
      if (department.value !== '') request.departmentId = department.value;
      if (jobTitle.input.value.trim() !== '') request.title = jobTitle.input.value.trim();
      if (phone.input.value.trim() !== '') request.phone = phone.input.value.replace(/[\s-]/g, '');
      if (validUntil.input.value !== '') {
        const expiresAt = endOfDay(validUntil.input.value);
        if (expiresAt === null) {
          alert.textContent = t('admin.user.validUntilBad');
          validUntil.input.focus();
          return;
        }
        request.expiresAt = expiresAt;
      }
      alert.textContent = '';
      submit.disabled = true;
      try {
        const user = await apiFetch<CreatedUser>('/admin/users', { method: 'POST', body: request });
        form.reset();
        created(user);
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}

/** Changes how long an account may sign in (SEC-3): a last day, or no end (`expiresAt: null`). */
function validityForm(doc: Document, user: User, saved: (user: User) => Promise<void>, cancelled: () => void): HTMLElement {
  const form = element(doc, 'form', 'form admin__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'user-validity-title');
  const title = element(doc, 'h3', 'admin__subheading', t('admin.user.validityTitle', { login: user.login }));
  title.id = 'user-validity-title';
  const alert = liveRegion(doc, 'alert');
  const date = validUntilField(doc, 'user-validity-date', user.expiresAt);
  const submit = element(doc, 'button', 'button button--primary', t('ui.save'));
  submit.type = 'submit';
  const noEnd = actionButton(doc, t('admin.user.noEndButton'));
  const cancel = actionButton(doc, t('ui.cancel'));
  cancel.addEventListener('click', cancelled);
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit, noEnd, cancel);
  form.append(title, alert, date.wrapper, actions);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancelled();
  });

  const send = async (expiresAt: string | null): Promise<void> => {
    alert.textContent = '';
    submit.disabled = true;
    try {
      await saved(await apiFetch<User>(`/admin/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { expiresAt } }));
    } catch (error) {
      alert.textContent = describeError(error);
    } finally {
      submit.disabled = false;
    }
  };
  noEnd.addEventListener('click', () => void send(null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const expiresAt = endOfDay(date.input.value);
    if (expiresAt === null) {
      alert.textContent = t('admin.user.validUntilBad');
      date.input.focus();
      return;
    }
    void send(expiresAt);
  });
  return form;
}
