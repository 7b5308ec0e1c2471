import type { DataActionCode, DataPolicy, PolicyScope, PolicySubjects } from '../api';
import type { MessageKey } from '../shell';

/** The permissions the access-policy page checks. */
export const PolicyPermission = {
  Read: 'admin.policies.read',
  Write: 'admin.policies.write',
  /** Platform scope: policies over any hospital's data, and platform policies (no owner). */
  AllHospitals: 'admin.scope.all-hospitals',
} as const;

export interface PolicyAccess {
  readonly permissions: ReadonlySet<string>;
  readonly hospitalId: string | null;
  /** The signed-in user's id, offered in "Check access". */
  readonly userId?: string;
}

/** Whether the user is limited to their own hospital's data (the server then requires scope.hospitals = [it]). */
export function ownHospitalOnly(access: PolicyAccess): string | null {
  return access.permissions.has(PolicyPermission.AllHospitals) ? null : access.hospitalId;
}

export const ACTIONS: readonly DataActionCode[] = ['read', 'write', 'print', 'export', 'delete'];
/** The channels a request can come through (`PolicyJson.CHANNELS`). */
export const CHANNELS = ['web', 'dicomweb', 'dimse', 'eventbus', 'partner-api'] as const;

type ListKey<T> = { [K in keyof T]-?: T[K] extends readonly string[] ? K : never }[keyof T];
export type SubjectList = ListKey<PolicySubjects>;
export type ScopeList = ListKey<PolicyScope>;

/** The free-text subject dimensions, in form order, with their labels (channels are checkboxes). */
export const SUBJECT_FIELDS: readonly (readonly [Exclude<SubjectList, 'channels'>, MessageKey])[] = [
  ['users', 'policies.subjects.users'],
  ['roles', 'policies.subjects.roles'],
  ['hospitals', 'policies.subjects.hospitals'],
  ['departments', 'policies.subjects.departments'],
  ['systems', 'policies.subjects.systems'],
];

export const SCOPE_FIELDS: readonly (readonly [ScopeList, MessageKey])[] = [
  ['dataTypes', 'policies.scope.dataTypes'],
  ['hospitals', 'policies.scope.hospitals'],
  ['departments', 'policies.scope.departments'],
  ['patientClasses', 'policies.scope.patientClasses'],
  ['patients', 'policies.scope.patients'],
  ['exams', 'policies.scope.exams'],
  ['examTypes', 'policies.scope.examTypes'],
  ['sourceSystems', 'policies.scope.sourceSystems'],
];

/** Values as typed: separated by commas or new lines, trimmed, duplicates dropped. */
export function parseValues(text: string): string[] {
  return [...new Set(text.split(/[,\n;]+/).map((item) => item.trim()).filter((item) => item !== ''))];
}

/** A `datetime-local` value as a UTC instant, `null` when empty, `undefined` when not a date. */
export function localToInstant(value: string): string | null | undefined {
  if (value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An instant as a `datetime-local` value in the browser's time zone (minutes). */
export function instantToLocal(instant: string | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "label: a, b" for each non-empty list of `values`; empty lists mean "anyone" / "any data". */
export function describeLists(values: object, fields: readonly (readonly [string, MessageKey])[], label: (key: MessageKey) => string): string[] {
  const parts: string[] = [];
  for (const [field, key] of fields) {
    const list = (values as Readonly<Record<string, unknown>>)[field];
    if (Array.isArray(list) && list.length > 0) parts.push(`${label(key)}: ${list.join(', ')}`);
  }
  return parts;
}

export type { DataPolicy };
