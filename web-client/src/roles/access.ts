/** The permissions the roles page checks. */
export const RolePermission = {
  Read: 'admin.roles.read',
  Write: 'admin.roles.write',
} as const;

/** A custom role's id: what the server accepts (`RoleRoutes.ID`). */
export const ROLE_ID = /^[a-z][a-z0-9-]{1,31}$/;
export const MAX_ROLE_NAME = 64;

/**
 * Whether `codes` combine reading the audit trail with administration, which the server refuses:
 * system, security and audit administrators are kept apart.
 */
export function mixesAuditWithAdministration(codes: Iterable<string>): boolean {
  const all = [...codes];
  return all.includes('audit.read') && all.some((code) => code.startsWith('admin.'));
}
