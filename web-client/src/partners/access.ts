/** The permissions the partner administration checks. */
export const PartnerPermission = {
  Read: 'admin.partners.read',
  Write: 'admin.partners.write',
  /** To offer every hospital in the create form; without it, partners belong to the user's own hospital. */
  HospitalsRead: 'admin.hospitals.read',
  /** Platform scope: may grant a partner any permission, not only those held. */
  AllHospitals: 'admin.scope.all-hospitals',
} as const;

export interface PartnerAccess {
  readonly permissions: ReadonlySet<string>;
  readonly hospitalId: string | null;
}

/** The allow-list as typed: one entry per line (commas and spaces also separate), duplicates dropped. */
export function parseIpList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((item) => item !== ''))];
}

/** Permission codes as typed, separated by spaces or commas. */
export function parsePermissions(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((item) => item !== ''))];
}
