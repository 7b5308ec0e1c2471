/** The audit trail: search and chain verification, for holders of `audit.read` (the auditor role). */
import './audit.css';
import type { Feature } from '../shell';
import { createAuditPanel, type AuditPanelOptions } from './panel';

export { createAuditPanel, type AuditPanelOptions } from './panel';

export const Permission = {
  AuditRead: 'audit.read',
} as const;

/**
 * The navigation entry: available with `audit.read`, otherwise listed as "no access".
 * Administrators do not hold it (separation of duties).
 */
export function auditFeature(permissions: ReadonlySet<string>, options: AuditPanelOptions = {}): Feature {
  if (!permissions.has(Permission.AuditRead)) return { id: 'audit', title: 'nav.audit', unavailable: 'nav.noAccess' };
  return {
    id: 'audit',
    title: 'nav.audit',
    mount(container) {
      container.append(createAuditPanel(container.ownerDocument, options));
    },
  };
}
