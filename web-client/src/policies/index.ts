/** Data access policies (SEC-4) for holders of `admin.policies.read` (changes with `.write`). */
import './policies.css';
import type { Feature } from '../shell';
import { PolicyPermission, type PolicyAccess } from './access';
import { createPoliciesPanel } from './panel';

export { createPoliciesPanel } from './panel';
export { PolicyPermission, type PolicyAccess } from './access';

/** The navigation entry: available with `admin.policies.read`, otherwise listed as "no access". */
export function policiesFeature(access: PolicyAccess): Feature {
  if (!access.permissions.has(PolicyPermission.Read)) return { id: 'policies', title: 'nav.policies', unavailable: 'nav.noAccess' };
  return {
    id: 'policies',
    title: 'nav.policies',
    mount(container) {
      container.append(createPoliciesPanel(container.ownerDocument, access));
    },
  };
}
