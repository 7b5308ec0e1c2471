import { apiFetch, ApiError, describeError, ErrorCode, type PermissionInfo, type Role } from '../api';
import { actionButton, cell, confirmInline, element, focusButton, inputField, liveRegion, loadInto, t, table } from '../shell';
import { MAX_ROLE_NAME, mixesAuditWithAdministration, ROLE_ID, RolePermission } from './access';

const load = <T>(target: HTMLElement, fetch: () => Promise<T>, render: (value: T) => void): Promise<void> =>
  loadInto(target, fetch, render, describeError);

/**
 * Roles: built-in ones (read-only) and custom ones, which writers create, change and remove by
 * ticking permissions from the catalogue (`GET /admin/permissions`), each with its description.
 */
export function createRolesPanel(doc: Document, permissions: ReadonlySet<string>): HTMLElement {
  const writable = permissions.has(RolePermission.Write);
  const section = element(doc, 'section', 'panel roles');
  section.setAttribute('aria-labelledby', 'roles-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('roles.title'));
  heading.id = 'roles-title';
  top.append(heading);
  const body = element(doc, 'div', 'panel__body roles__body');
  const intro = element(doc, 'p', 'form__hint', t('roles.intro'));
  const done = liveRegion(doc, 'status');
  const list = element(doc, 'div', '');
  const confirmation = element(doc, 'div', '');
  const editor = element(doc, 'div', '');
  body.append(intro, done, confirmation, list, editor);
  section.append(top, body);

  const catalogue = apiFetch<PermissionInfo[]>('/admin/permissions');
  catalogue.catch(() => undefined);

  const openForm = (role: Role | null, opener: HTMLButtonElement | null): void => {
    editor.replaceChildren(roleForm(doc, role, catalogue, async (saved) => {
      done.textContent = t(role ? 'roles.saved' : 'roles.created', { id: saved.id });
      if (role) editor.replaceChildren();
      else showCreate();
      await reload();
      if (role) focusButton(list, t('roles.editLabel', { id: saved.id }));
    }, role ? () => {
      showCreate();
      opener?.focus();
    } : null));
    if (role) editor.querySelector<HTMLInputElement>('#role-name')?.focus();
  };
  const showCreate = (): void => {
    if (writable) openForm(null, null);
  };

  const reload = (): Promise<void> =>
    load(list, () => apiFetch<Role[]>('/admin/roles'), (roles) => {
      const columns = ['roles.id', 'roles.name', 'roles.kind', 'roles.permissions'] as const;
      const sorted = [...roles].sort((a, b) => Number(b.builtIn ?? false) - Number(a.builtIn ?? false) || a.id.localeCompare(b.id));
      list.append(
        table(doc, t('roles.caption', { count: roles.length }), writable ? [...columns, 'roles.actions'] : columns, sorted, (role, row) => {
          row.dataset.role = role.id;
          cell(row, role.id, true);
          cell(row, role.name ?? role.id);
          cell(row, t(role.builtIn ? 'roles.builtIn' : 'roles.custom'));
          cell(row, role.permissions.length === 0 ? t('roles.none') : role.permissions.join(', ')).className = 'roles__code';
          if (!writable) return;
          const actions = row.insertCell();
          actions.className = 'roles__actions';
          if (role.builtIn) {
            actions.textContent = t('roles.readOnly');
            return;
          }
          const edit = actionButton(doc, t('roles.edit'), t('roles.editLabel', { id: role.id }));
          edit.addEventListener('click', () => {
            done.textContent = '';
            openForm(role, edit);
          });
          const remove = actionButton(doc, t('roles.delete'), t('roles.deleteLabel', { id: role.id }));
          remove.addEventListener('click', () => {
            done.textContent = '';
            confirmInline(confirmation, t('roles.deleteQuestion', { id: role.id }), t('roles.deleteConfirm'), () => {
              void deleteRole(role, remove);
            }, () => remove.focus());
          });
          actions.append(edit, remove);
        }),
      );
    });

  async function deleteRole(role: Role, opener: HTMLButtonElement): Promise<void> {
    try {
      await apiFetch<void>(`/admin/roles/${encodeURIComponent(role.id)}`, { method: 'DELETE' });
      done.textContent = t('roles.deleted', { id: role.id });
      await reload();
      heading.tabIndex = -1;
      heading.focus();
    } catch (error) {
      const alert = element(doc, 'p', 'alert', error instanceof ApiError && error.code === ErrorCode.RoleInUse
        ? t('roles.inUse', { id: role.id, message: error.message })
        : describeError(error));
      alert.setAttribute('role', 'alert');
      confirmation.replaceChildren(alert);
      opener.focus();
    }
  }

  showCreate();
  void reload();
  return section;
}

/** Create (`role` null) or edit a custom role: id (create only), name, permissions ticked from the catalogue. */
function roleForm(
  doc: Document,
  role: Role | null,
  catalogue: Promise<PermissionInfo[]>,
  saved: (role: Role) => Promise<void>,
  cancelled: (() => void) | null,
): HTMLElement {
  const prefix = role ? 'role-edit' : 'role-create';
  const form = element(doc, 'form', 'form roles__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', `${prefix}-title`);
  const title = element(doc, 'h2', 'roles__heading', role ? t('roles.edit.title', { id: role.id }) : t('roles.create.title'));
  title.id = `${prefix}-title`;
  const alert = liveRegion(doc, 'alert');
  const id = inputField(doc, { id: 'role-id', label: t('roles.id'), required: true, autocomplete: 'off', hint: t('roles.idHint') });
  id.input.maxLength = 32;
  id.input.autocapitalize = 'off';
  id.input.spellcheck = false;
  const name = inputField(doc, { id: 'role-name', label: t('roles.name'), required: true, autocomplete: 'off' });
  name.input.maxLength = MAX_ROLE_NAME;
  if (role) name.input.value = role.name ?? role.id;

  const box = element(doc, 'fieldset', 'form__fieldset');
  box.append(element(doc, 'legend', 'form__legend', t('roles.permissions')));
  const hint = element(doc, 'p', 'form__hint', t('roles.permissionsHint'));
  const checks = element(doc, 'div', 'roles__permissions');
  box.append(hint, checks);
  void loadInto(checks, () => catalogue, (loaded) => {
    for (const permission of [...loaded].sort((a, b) => a.code.localeCompare(b.code))) {
      const label = element(doc, 'label', 'form__check');
      const check = element(doc, 'input', '');
      check.type = 'checkbox';
      check.name = 'permissions';
      check.value = permission.code;
      check.checked = role?.permissions.includes(permission.code) ?? false;
      label.append(check, element(doc, 'span', 'roles__code', permission.code), element(doc, 'span', 'roles__description', permission.description));
      checks.append(label);
    }
  }, describeError);

  const submit = element(doc, 'button', 'button button--primary', t(role ? 'ui.save' : 'roles.create.submit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  if (cancelled) {
    const cancel = actionButton(doc, t('ui.cancel'));
    cancel.addEventListener('click', cancelled);
    actions.append(cancel);
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') cancelled();
    });
  }
  form.append(title, alert);
  if (!role) form.append(id.wrapper);
  form.append(name.wrapper, box, actions);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const chosen = Array.from(checks.querySelectorAll<HTMLInputElement>('input[name="permissions"]:checked'), (check) => check.value);
      const roleId = role ? role.id : id.input.value.trim();
      const roleName = name.input.value.trim();
      const problem: [string, HTMLElement] | null =
        !role && !ROLE_ID.test(roleId) ? [t('roles.error.id'), id.input]
        : roleName === '' ? [t('ui.missing'), name.input]
        : chosen.length === 0 ? [t('roles.error.none'), checks.querySelector('input') ?? checks]
        : mixesAuditWithAdministration(chosen) ? [t('roles.error.auditMix'), checks.querySelector('input') ?? checks]
        : null;
      if (problem) {
        alert.textContent = problem[0];
        problem[1].focus();
        return;
      }
      alert.textContent = '';
      submit.disabled = true;
      try {
        const result = role
          ? await apiFetch<Role>(`/admin/roles/${encodeURIComponent(role.id)}`, { method: 'PUT', body: { name: roleName, permissions: chosen } })
          : await apiFetch<Role>('/admin/roles', { method: 'POST', body: { id: roleId, name: roleName, permissions: chosen } });
        await saved(result);
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}
