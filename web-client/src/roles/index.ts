/** Roles and their permissions for holders of `admin.roles.read` (custom roles with `.write`). */
import './roles.css';
import type { Feature } from '../shell';
import { RolePermission } from './access';
import { createRolesPanel } from './panel';

export { createRolesPanel } from './panel';
export { RolePermission } from './access';

/** The navigation entry: available with `admin.roles.read`, otherwise listed as "no access". */
export function rolesFeature(permissions: ReadonlySet<string>): Feature {
  if (!permissions.has(RolePermission.Read)) return { id: 'roles', title: 'nav.roles', unavailable: 'nav.noAccess' };
  return {
    id: 'roles',
    title: 'nav.roles',
    mount(container) {
      container.append(createRolesPanel(container.ownerDocument, permissions));
    },
  };
}
