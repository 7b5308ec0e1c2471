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
}

/** `GET /me`. */
export interface Me {
  readonly user: User;
  readonly permissions: readonly string[];
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
  readonly permissions: readonly string[];
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
