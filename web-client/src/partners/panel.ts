import { apiFetch, describeError, type CreatedPartner, type Hospital, type Partner, type PermissionInfo } from '../api';
import { actionButton, cell, confirmInline, element, focusButton, inputField, liveRegion, loadInto, t, table } from '../shell';
import { parseIpList, parsePermissions, PartnerPermission, type PartnerAccess } from './access';
import { showSecretOnce } from './secret';

const load = <T>(target: HTMLElement, fetch: () => Promise<T>, render: (value: T) => void): Promise<void> =>
  loadInto(target, fetch, render, describeError);

/**
 * Partner systems: the list (with enable/disable and the IP allow-list editor for writers) and
 * the create form, whose answer carries the signing key, shown once.
 */
export function createPartnersPanel(doc: Document, access: PartnerAccess): HTMLElement {
  const writable = access.permissions.has(PartnerPermission.Write);
  const section = element(doc, 'section', 'panel partners');
  section.setAttribute('aria-labelledby', 'partners-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('partners.title'));
  heading.id = 'partners-title';
  top.append(heading);
  const body = element(doc, 'div', 'panel__body partners__body');
  const intro = element(doc, 'p', 'form__hint', t('partners.intro'));
  const oneTime = element(doc, 'div', 'partners__one-time');
  const done = liveRegion(doc, 'status');
  const confirmation = element(doc, 'div', '');
  const list = element(doc, 'div', '');
  const editor = element(doc, 'div', '');
  body.append(intro, oneTime, done, confirmation, list, editor);
  section.append(top, body);

  // Hospital names for the list and the create form's choice (only with the permission to list them).
  let hospitals: readonly Hospital[] = [];
  const hospitalsLoaded = access.permissions.has(PartnerPermission.HospitalsRead)
    ? apiFetch<Hospital[]>('/admin/hospitals').then(
        (loaded) => {
          hospitals = loaded;
        },
        () => undefined,
      )
    : Promise.resolve();
  const hospitalName = (id: string): string => hospitals.find((hospital) => hospital.id === id)?.name ?? id;

  const reload = (): Promise<void> =>
    load(list, async () => {
      const [partners] = await Promise.all([apiFetch<Partner[]>('/admin/partners'), hospitalsLoaded]);
      return partners;
    }, (partners) => {
      if (partners.length === 0) {
        list.append(element(doc, 'p', 'form__hint', t('partners.empty')));
        return;
      }
      const columns = ['partners.name', 'partners.hospital', 'partners.ips', 'partners.permissions', 'partners.status'] as const;
      list.append(
        table(doc, t('partners.caption', { count: partners.length }), writable ? [...columns, 'partners.actions'] : columns, partners, (partner, row) => {
          row.dataset.partner = partner.id;
          cell(row, partner.name, true);
          cell(row, hospitalName(partner.hospitalId));
          cell(row, partner.allowedIps.join(', ')).className = 'partners__mono';
          cell(row, partner.permissions.length === 0 ? t('partners.none') : partner.permissions.join(', '));
          cell(row, t(partner.enabled ? 'ui.enabled' : 'ui.disabled'));
          if (!writable) return;
          const actions = row.insertCell();
          actions.className = 'partners__actions';
          const edit = actionButton(doc, t('partners.editIps'), t('partners.editIpsLabel', { name: partner.name }));
          edit.addEventListener('click', () => {
            editor.replaceChildren(ipForm(doc, partner, edit, async (saved) => {
              editor.replaceChildren();
              done.textContent = t('partners.ips.saved', { name: saved.name });
              await reload();
              focusButton(list, t('partners.editIpsLabel', { name: saved.name }));
            }, () => editor.replaceChildren()));
            editor.querySelector('textarea')?.focus();
          });
          const rotate = actionButton(doc, t('partners.rotate'), t('partners.rotateLabel', { name: partner.name }));
          rotate.addEventListener('click', () => {
            done.textContent = '';
            confirmInline(confirmation, t('partners.rotate.question', { name: partner.name }), t('partners.rotate.confirm'), () => {
              void (async () => {
                try {
                  const rotated = await apiFetch<CreatedPartner>(`/admin/partners/${encodeURIComponent(partner.id)}/secret`, { method: 'POST', body: {} });
                  showSecretOnce(oneTime, rotated, 'rotated');
                } catch (error) {
                  const alert = element(doc, 'p', 'alert', describeError(error));
                  alert.setAttribute('role', 'alert');
                  confirmation.replaceChildren(alert);
                  rotate.focus();
                }
              })();
            }, () => rotate.focus());
          });
          actions.append(edit, rotate, toggleButton(doc, partner, done, async () => {
            await reload();
            // The list is drawn anew: keep the keyboard on this partner's toggle, now the opposite action.
            focusButton(list, t(partner.enabled ? 'partners.enableLabel' : 'partners.disableLabel', { name: partner.name }));
          }));
        }),
      );
    });

  if (writable) {
    body.append(createForm(doc, access, () => hospitalsLoaded.then(() => hospitals), async (created) => {
      done.textContent = '';
      showSecretOnce(oneTime, created);
      await reload();
    }));
  }
  void reload();
  return section;
}

function toggleButton(doc: Document, partner: Partner, done: HTMLElement, changed: () => Promise<void>): HTMLButtonElement {
  const button = actionButton(
    doc,
    t(partner.enabled ? 'partners.disable' : 'partners.enable'),
    t(partner.enabled ? 'partners.disableLabel' : 'partners.enableLabel', { name: partner.name }),
  );
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      try {
        const updated = await apiFetch<Partner>(`/admin/partners/${encodeURIComponent(partner.id)}`, {
          method: 'PATCH',
          body: { enabled: !partner.enabled },
        });
        done.textContent = t('partners.changed', { name: updated.name, status: t(updated.enabled ? 'ui.enabled' : 'ui.disabled').toLowerCase() });
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

/** A labelled `<textarea>` for the allow-list, one address or range per line. */
function ipField(doc: Document, id: string, value: readonly string[]): { wrapper: HTMLElement; input: HTMLTextAreaElement } {
  const wrapper = element(doc, 'div', 'form__field');
  const label = element(doc, 'label', '', t('partners.ips.label'));
  label.htmlFor = id;
  const input = element(doc, 'textarea', 'partners__ips');
  input.id = id;
  input.name = id;
  input.rows = 4;
  input.required = true;
  input.spellcheck = false;
  input.value = value.join('\n');
  const hint = element(doc, 'p', 'form__hint', t('partners.ips.hint'));
  hint.id = `${id}-hint`;
  input.setAttribute('aria-describedby', hint.id);
  wrapper.append(label, input, hint);
  return { wrapper, input };
}

function ipForm(
  doc: Document,
  partner: Partner,
  opener: HTMLButtonElement,
  saved: (partner: Partner) => Promise<void>,
  cancelled: () => void,
): HTMLElement {
  const form = element(doc, 'form', 'form partners__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'partner-ips-title');
  const title = element(doc, 'h2', 'partners__heading', t('partners.ips.title', { name: partner.name }));
  title.id = 'partner-ips-title';
  const alert = liveRegion(doc, 'alert');
  const ips = ipField(doc, 'partner-ips-edit', partner.allowedIps);
  const submit = element(doc, 'button', 'button button--primary', t('ui.save'));
  submit.type = 'submit';
  const cancel = actionButton(doc, t('ui.cancel'));
  cancel.addEventListener('click', () => {
    cancelled();
    opener.focus();
  });
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit, cancel);
  form.append(title, alert, ips.wrapper, actions);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancel.click();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const allowedIps = parseIpList(ips.input.value);
      if (allowedIps.length === 0) {
        alert.textContent = t('partners.ips.missing');
        ips.input.setAttribute('aria-invalid', 'true');
        ips.input.focus();
        return;
      }
      alert.textContent = '';
      ips.input.removeAttribute('aria-invalid');
      submit.disabled = true;
      try {
        await saved(await apiFetch<Partner>(`/admin/partners/${encodeURIComponent(partner.id)}`, { method: 'PATCH', body: { allowedIps } }));
      } catch (error) {
        // The server names the entry it could not read.
        alert.textContent = describeError(error);
        ips.input.focus();
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}

function createForm(
  doc: Document,
  access: PartnerAccess,
  hospitals: () => Promise<readonly Hospital[]>,
  created: (partner: CreatedPartner) => Promise<void>,
): HTMLElement {
  const form = element(doc, 'form', 'form partners__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'partner-create-title');
  const title = element(doc, 'h2', 'partners__heading', t('partners.create.title'));
  title.id = 'partner-create-title';
  const alert = liveRegion(doc, 'alert');
  const name = inputField(doc, { id: 'partner-name', label: t('partners.name'), required: true, autocomplete: 'off' });
  name.input.maxLength = 128;

  const hospitalField = element(doc, 'div', 'form__field');
  const hospitalLabel = element(doc, 'label', '', t('partners.hospital'));
  hospitalLabel.htmlFor = 'partner-hospital';
  const hospital = element(doc, 'select', '');
  hospital.id = 'partner-hospital';
  hospital.name = 'partner-hospital';
  hospital.required = true;
  hospitalField.append(hospitalLabel, hospital);
  void hospitals().then((loaded) => {
    const options = loaded.map((item) => {
      const option = element(doc, 'option', '', item.name);
      option.value = item.id;
      return option;
    });
    if (access.hospitalId !== null && !loaded.some((item) => item.id === access.hospitalId)) {
      const own = element(doc, 'option', '', t('admin.ownHospital'));
      own.value = access.hospitalId;
      options.unshift(own);
    }
    hospital.replaceChildren(...options);
    if (access.hospitalId !== null) hospital.value = access.hospitalId;
  });

  const ips = ipField(doc, 'partner-ips', []);
  // Permissions as choices from the catalogue; typed codes when the catalogue cannot be read.
  const permissionsBox = element(doc, 'div', '');
  const permissions = inputField(doc, {
    id: 'partner-permissions',
    label: t('partners.permissions'),
    autocomplete: 'off',
    hint: t('partners.create.permissionsHint'),
  });
  permissions.input.spellcheck = false;
  permissions.input.autocapitalize = 'off';
  permissionsBox.append(permissions.wrapper);
  void apiFetch<PermissionInfo[]>('/admin/permissions').then((catalogue) => {
    // Only what the administrator may grant: what they hold, or anything with platform scope.
    const grantable = catalogue.filter((item) => access.permissions.has(PartnerPermission.AllHospitals) || access.permissions.has(item.code));
    const box = element(doc, 'fieldset', 'form__fieldset partners__permissions');
    box.append(element(doc, 'legend', 'form__legend', t('partners.permissions')), element(doc, 'p', 'form__hint', t('partners.create.permissionsChoice')));
    for (const item of [...grantable].sort((a, b) => a.code.localeCompare(b.code))) {
      const label = element(doc, 'label', 'form__check');
      const check = element(doc, 'input', '');
      check.type = 'checkbox';
      check.name = 'partner-permission';
      check.value = item.code;
      label.append(check, element(doc, 'span', 'partners__mono', item.code), element(doc, 'span', 'form__hint', item.description));
      box.append(label);
    }
    permissionsBox.replaceChildren(box);
  }, () => undefined);
  const chosenPermissions = (): string[] => {
    const checks = permissionsBox.querySelectorAll<HTMLInputElement>('input[name="partner-permission"]');
    if (checks.length === 0 && !permissionsBox.contains(permissions.input)) return [];
    return checks.length > 0 ? Array.from(checks).filter((check) => check.checked).map((check) => check.value) : parsePermissions(permissions.input.value);
  };
  const submit = element(doc, 'button', 'button button--primary', t('partners.create.submit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  form.append(title, alert, name.wrapper, hospitalField, ips.wrapper, permissionsBox, actions);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const request = {
        name: name.input.value.trim(),
        hospitalId: hospital.value,
        allowedIps: parseIpList(ips.input.value),
        permissions: chosenPermissions(),
      };
      const missing = request.name === '' ? name.input : request.hospitalId === '' ? hospital : request.allowedIps.length === 0 ? ips.input : null;
      if (missing) {
        alert.textContent = t(missing === ips.input ? 'partners.ips.missing' : 'ui.missing');
        missing.focus();
        return;
      }
      alert.textContent = '';
      submit.disabled = true;
      try {
        const partner = await apiFetch<CreatedPartner>('/admin/partners', { method: 'POST', body: request });
        form.reset();
        if (access.hospitalId !== null) hospital.value = access.hospitalId;
        await created(partner);
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}
