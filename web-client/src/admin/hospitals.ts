import { apiFetch, describeError, type Hospital } from '../api';
import { element, inputField, liveRegion, t } from '../shell';
import { can, Permission, type AdminAccess } from './access';
import { cell, loadInto, status, subsection, table } from './ui';

/** The hospitals list with a "Manage" button per hospital, and the create form when allowed. */
export function hospitalsView(doc: Document, access: AdminAccess, open: (hospital: Hospital) => void): HTMLElement {
  const view = element(doc, 'div', 'admin__view');
  const { section, body } = subsection(doc, 'admin-hospitals', t('admin.hospitals.title'));
  const list = element(doc, 'div', '');
  body.append(list);
  view.append(section);

  const reload = (): Promise<void> =>
    loadInto(list, () => apiFetch<Hospital[]>('/admin/hospitals'), (hospitals) => {
      if (hospitals.length === 0) {
        list.append(element(doc, 'p', 'form__hint', t('admin.hospitals.empty')));
        return;
      }
      const columns = ['admin.hospital.name', 'admin.hospital.city', 'admin.hospital.contact', 'admin.hospital.level', 'admin.hospital.status', 'admin.user.actions'] as const;
      list.append(
        table(doc, t('admin.hospitals.caption', { count: hospitals.length }), columns, hospitals, (hospital, row) => {
          cell(row, hospital.name, true);
          cell(row, hospital.city);
          cell(row, hospital.contact ?? '');
          cell(row, hospital.level ?? '');
          cell(row, status(hospital.enabled));
          const manage = element(doc, 'button', 'button', t('admin.hospital.manageShort'));
          manage.type = 'button';
          manage.setAttribute('aria-label', t('admin.hospital.manage', { name: hospital.name }));
          manage.addEventListener('click', () => open(hospital));
          row.insertCell().append(manage);
        }),
      );
    });

  if (can(access, Permission.HospitalsWrite)) view.append(createHospitalForm(doc, reload));
  void reload();
  return view;
}

function createHospitalForm(doc: Document, created: () => Promise<void>): HTMLElement {
  const { section, body } = subsection(doc, 'admin-hospital-create', t('admin.hospitals.create'));
  const form = element(doc, 'form', 'form');
  form.noValidate = true;
  const alert = liveRegion(doc, 'alert');
  const done = liveRegion(doc, 'status');
  const name = inputField(doc, { id: 'hospital-name', label: t('admin.hospital.name'), required: true, autocomplete: 'off' });
  const city = inputField(doc, { id: 'hospital-city', label: t('admin.hospital.city'), required: true, autocomplete: 'off' });
  const contact = inputField(doc, { id: 'hospital-contact', label: t('admin.hospital.contact'), autocomplete: 'off' });
  const level = inputField(doc, { id: 'hospital-level', label: t('admin.hospital.level'), autocomplete: 'off' });
  const submit = element(doc, 'button', 'button button--primary', t('admin.hospitals.createSubmit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  form.append(alert, done, name.wrapper, city.wrapper, contact.wrapper, level.wrapper, actions);
  body.append(form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      done.textContent = '';
      const request: Record<string, string> = { name: name.input.value.trim(), city: city.input.value.trim() };
      if (request.name === '' || request.city === '') {
        alert.textContent = t('admin.missing');
        return;
      }
      if (contact.input.value.trim() !== '') request.contact = contact.input.value.trim();
      if (level.input.value.trim() !== '') request.level = level.input.value.trim();
      alert.textContent = '';
      submit.disabled = true;
      try {
        const hospital = await apiFetch<Hospital>('/admin/hospitals', { method: 'POST', body: request });
        form.reset();
        done.textContent = t('admin.hospitals.created', { name: hospital.name });
        await created();
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return section;
}
