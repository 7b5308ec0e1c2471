/** Administration: hospitals, departments and users, as far as the user's permissions allow. */
import './admin.css';
import type { Feature } from '../shell';
import { hasAdminAccess, type AdminAccess } from './access';
import { createAdminPanel } from './panel';

export { createAdminPanel } from './panel';
export { hasAdminAccess, Permission, type AdminAccess } from './access';

/** The navigation entry: available with any `admin.*` permission, otherwise listed as "no access". */
export function adminFeature(access: AdminAccess): Feature {
  if (!hasAdminAccess(access.permissions)) return { id: 'admin', title: 'nav.admin', unavailable: 'nav.noAccess' };
  return {
    id: 'admin',
    title: 'nav.admin',
    mount(container) {
      container.append(createAdminPanel(container.ownerDocument, access));
    },
  };
}
