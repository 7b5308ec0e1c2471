/** The shapes the API answers with (see the server's API description). */

export interface User {
  readonly id: string;
  readonly login: string;
  readonly name: string;
  readonly hospitalId: string | null;
  readonly departmentId: string | null;
  readonly title: string | null;
  readonly roles: readonly string[];
  readonly enabled: boolean;
  readonly passwordChangedAt: string | null;
  readonly mustChangePassword: boolean;
  /** Account validity (SEC-3): after this ISO instant the account cannot sign in; absent = no end. */
  readonly expiresAt?: string;
  /** The mobile number, masked (`138****8000`). */
  readonly phone?: string;
}

/** What `/me` and the sign-in answer say the client should warn about. */
export interface AccountWarnings {
  readonly passwordExpiresAt?: string;
  readonly passwordState?: string;
  readonly accountExpiresAt?: string;
  /** The account ends within the warning period. */
  readonly accountExpiresSoon?: boolean;
}

/** `GET /me`. */
export interface Me {
  readonly user: User;
  readonly permissions: readonly string[];
  readonly warnings?: AccountWarnings;
}

/** `POST /auth/sms/request` (202): when a new code may be asked for, and how long the code works. */
export interface SmsCodeRequest {
  readonly resendAfterSeconds: number;
  readonly validForSeconds: number;
}

/** `POST /auth/login`. */
export interface LoginResult extends Me {
  readonly csrfToken: string;
  /** The user's role requires two-factor sign-in and they have not enrolled: only enrolment is open. */
  readonly totpEnrolmentRequired?: boolean;
}

/** `POST /auth/totp/enrol`: the key as a Google Authenticator "Key Uri". */
export interface TotpEnrolment {
  readonly otpauthUri: string;
}

export interface Captcha {
  readonly id: string;
  readonly image: string;
  readonly expiresAt: string;
}

export interface Hospital {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly contact: string | null;
  readonly level: string | null;
  readonly enabled: boolean;
}

export interface Department {
  readonly id: string;
  readonly hospitalId: string;
  readonly code: string;
  readonly name: string;
  readonly enabled: boolean;
}

export interface Role {
  readonly id: string;
  /** Shown to administrators; custom roles have one, built-in ones their id. */
  readonly name?: string;
  /** Built into the product: read-only. */
  readonly builtIn?: boolean;
  readonly permissions: readonly string[];
}

/** `GET /admin/permissions`: one permission some module declared, with what it allows. */
export interface PermissionInfo {
  readonly code: string;
  readonly description: string;
}

/** Who a data policy applies to; an empty list means "anyone" for that dimension. */
export interface PolicySubjects {
  readonly users: readonly string[];
  readonly roles: readonly string[];
  readonly hospitals: readonly string[];
  readonly departments: readonly string[];
  readonly systems: readonly string[];
  readonly channels: readonly string[];
}

/** Which data a data policy covers; an empty list means "any" for that dimension. */
export interface PolicyScope {
  readonly dataTypes: readonly string[];
  readonly hospitals: readonly string[];
  readonly departments: readonly string[];
  readonly patientClasses: readonly string[];
  readonly patients: readonly string[];
  readonly exams: readonly string[];
  readonly examTypes: readonly string[];
  readonly sourceSystems: readonly string[];
  readonly dataFrom?: string;
  readonly dataUntil?: string;
}

export type DataActionCode = 'read' | 'write' | 'print' | 'export' | 'delete';

/** A data access policy (`GET /admin/policies`, SEC-4). */
export interface DataPolicy {
  readonly id: string;
  readonly name: string;
  readonly effect: 'allow' | 'deny';
  readonly actions: readonly DataActionCode[];
  readonly enabled: boolean;
  readonly subjects: PolicySubjects;
  readonly scope: PolicyScope;
  readonly validFrom?: string;
  readonly validUntil?: string;
  /** The hospital whose administrators manage it; absent for platform policies. */
  readonly ownerHospitalId?: string;
}

/** `POST /admin/policies/evaluate`: the decision and why; `policyId` when a policy decided it. */
export interface AccessDecision {
  readonly allowed: boolean;
  readonly reason: string;
  readonly policyId?: string;
}

/** `POST /admin/users`: the new user and its one-time initial password. */
export interface CreatedUser extends User {
  readonly initialPassword: string;
}

/** How an audited action ended. */
export type AuditResult = 'SUCCESS' | 'DENIED' | 'FAILED';

/** One entry of the audit trail (`GET /audit/entries`): the event, its place in the hash chain. */
export interface AuditEntry {
  readonly seq: number;
  readonly id: string;
  /** ISO-8601 instant (UTC). */
  readonly time: string;
  readonly actor: string | null;
  readonly actorHospital: string | null;
  readonly sourceIp: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly result: AuditResult;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly node: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * `GET /audit/entries`: one page. It may hold fewer entries than the limit, even none, while
 * `nextCursor` is present. `suspect` counts index rows skipped as inconsistent (tampering?).
 */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor?: string;
  readonly suspect: number;
}

/** Why the chain check failed at `badSeq` (`audit.ChainVerification.Reason`). */
export type ChainFailureReason = 'GAP' | 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'MALFORMED' | 'HEAD_MISMATCH';

/**
 * `GET /audit/verify` (`audit.ChainVerification.toJson`): the range checked, and when `ok` is
 * false the first bad entry (`badSeq`), the reason and a detail text.
 */
export interface ChainVerification {
  readonly ok: boolean;
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly checked: number;
  readonly headSeq: number;
  readonly badSeq?: number;
  readonly reason?: ChainFailureReason;
  readonly detail?: string;
}

/** `GET /dictionaries`: one dictionary that has entries. Built-in ones hold national standard codes. */
export interface DictionarySummary {
  readonly id: string;
  readonly builtIn: boolean;
}

/** One code of a dictionary; disabled codes stay listed so that stored records keep a label. */
export interface DictionaryEntry {
  readonly dictionary: string;
  readonly code: string;
  /** The Chinese label. */
  readonly label: string;
  readonly labelEn?: string;
  readonly sortOrder: number;
  readonly enabled: boolean;
}

/** `GET /dictionaries/:id`. */
export interface Dictionary extends DictionarySummary {
  readonly entries: readonly DictionaryEntry[];
}

/** A partner system (`GET /admin/partners`); its secret is never listed. */
export interface Partner {
  readonly id: string;
  readonly name: string;
  readonly hospitalId: string;
  /** IP addresses and CIDR ranges its requests may come from. */
  readonly allowedIps: readonly string[];
  readonly permissions: readonly string[];
  readonly enabled: boolean;
  readonly createdAt: string;
}

/** `POST /admin/partners`: the new partner with its signing key (base64), the only time it is shown. */
export interface CreatedPartner extends Partner {
  readonly secret: string;
}
