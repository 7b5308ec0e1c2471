/** The permissions the administration checks, and what the signed-in user may do with them. */
export const Permission = {
  HospitalsRead: 'admin.hospitals.read',
  HospitalsWrite: 'admin.hospitals.write',
  UsersRead: 'admin.users.read',
  UsersWrite: 'admin.users.write',
} as const;

export interface AdminAccess {
  readonly permissions: ReadonlySet<string>;
  /** The signed-in user's hospital: the one shown to a user who may not list hospitals. */
  readonly hospitalId: string | null;
}

export function can(access: AdminAccess, permission: string): boolean {
  return access.permissions.has(permission);
}

/** Whether the administration is available at all: any `admin.*` permission. */
export function hasAdminAccess(permissions: ReadonlySet<string>): boolean {
  return [...permissions].some((permission) => permission.startsWith('admin.'));
}
