import { element, t } from '../shell';
import { can, Permission, type AdminAccess } from './access';
import { hospitalView } from './hospital';
import { hospitalsView } from './hospitals';

/**
 * The administration: the hospitals (when the user may list them), and per hospital its
 * departments and users. Every list and form is shown only with the permission it needs.
 */
export function createAdminPanel(doc: Document, access: AdminAccess): HTMLElement {
  const section = element(doc, 'section', 'panel admin');
  section.setAttribute('aria-labelledby', 'admin-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('admin.title'));
  heading.id = 'admin-title';
  top.append(heading);
  const body = element(doc, 'div', 'panel__body');
  section.append(top, body);

  const listsHospitals = can(access, Permission.HospitalsRead);

  function showList(): void {
    body.replaceChildren(hospitalsView(doc, access, showHospital));
  }

  function showHospital(hospital: { id: string; name: string }): void {
    const view = hospitalView(doc, access, hospital);
    if (listsHospitals) {
      const back = element(doc, 'button', 'button admin__back', t('admin.back'));
      back.type = 'button';
      back.addEventListener('click', () => {
        showList();
        body.querySelector<HTMLElement>('h2')?.focus();
      });
      view.prepend(back);
    }
    body.replaceChildren(view);
    const name = view.querySelector<HTMLElement>('.admin__hospital-name');
    if (name) {
      name.tabIndex = -1;
      name.focus();
    }
  }

  if (listsHospitals) showList();
  else if (access.hospitalId !== null) showHospital({ id: access.hospitalId, name: t('admin.ownHospital') });
  return section;
}
