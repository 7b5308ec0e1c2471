/**
 * The typed client for the node's JSON API under `/api/v1`: sends the session cookie, adds the
 * CSRF token (held in memory only) to every state-changing request, and turns every failure
 * into an {@link ApiError}.
 */

export const API_BASE = '/api/v1';

/** Error codes of the API that the client reacts to (the server sends `{"error":{code,message}}`). */
export const ErrorCode = {
  /** Not an answer from the API: the network failed (status 0) or the body was not the error shape. */
  Unknown: 0,
  NotSignedIn: 2401,
  BadCredentials: 2402,
  CaptchaRequired: 2404,
  CaptchaWrong: 2405,
  /** The account has two-factor sign-in: send the code from the authenticator app as `totp`. */
  TotpRequired: 2406,
  TotpWrong: 2407,
  /** The session may only enrol two-factor sign-in (the role requires it) until that is done. */
  TotpEnrolmentRequired: 2408,
  TotpAlreadyEnrolled: 2412,
  AccountDisabled: 2410,
  AccountExpired: 2411,
  PasswordPolicy: 2420,
  MustChangePassword: 2421,
  Locked: 2423,
  /** A custom role still held by users cannot be removed (409). */
  RoleInUse: 2413,
  RoleTaken: 2414,
  /** The platform has no SMS gateway: sign-in by SMS code is not offered (404). */
  SmsDisabled: 2430,
  /** A code was sent recently (429, with `Retry-After`). */
  SmsTooSoon: 2431,
  SmsNotSent: 2432,
} as const;

/** A failed API call: HTTP `status` (0 when the server was not reached), API `code` and `message`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    /** Why the body was not an API error: a network failure or a non-JSON answer. */
    readonly kind: 'api' | 'network' | 'http' | 'notJson' = 'api',
    /** The `Retry-After` header of the answer, in seconds, when it had one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  readonly method?: Method;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

let csrfToken: string | null = null;
let sessionHandler: ((code: SessionSignal) => void) | null = null;

/** The answers that say something about the session as a whole, whichever call got them. */
export type SessionSignal =
  | typeof ErrorCode.NotSignedIn
  | typeof ErrorCode.MustChangePassword
  | typeof ErrorCode.TotpEnrolmentRequired;

/** Sets (or with `null` forgets) the CSRF token from the sign-in answer. Memory only, on purpose. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

/**
 * Called whenever an API call answers 401 2401 (the session ended on the server), 403 2421
 * (the user must change the password first) or 403 2408 (two-factor enrolment comes first).
 */
export function onSessionSignal(handler: ((code: SessionSignal) => void) | null): void {
  sessionHandler = handler;
}

/**
 * Calls `path` (relative to `/api/v1`, e.g. `/me`) and resolves with the parsed JSON body, or
 * `undefined` for 204. Rejects with an {@link ApiError} for network failures, non-2xx answers
 * and bodies that are not JSON.
 */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  if (request.signal) init.signal = request.signal;

  let response: Response;
  let text: string;
  try {
    response = await globalThis.fetch(`${API_BASE}${path}`, init);
    text = await response.text();
  } catch (error) {
    throw new ApiError(0, ErrorCode.Unknown, error instanceof Error ? error.message : String(error), 'network');
  }

  if (!response.ok) {
    const error = parseError(response.status, text, retryAfter(response.headers.get('Retry-After')));
    if (
      error.code === ErrorCode.NotSignedIn ||
      error.code === ErrorCode.MustChangePassword ||
      error.code === ErrorCode.TotpEnrolmentRequired
    ) {
      sessionHandler?.(error.code);
    }
    throw error;
  }
  if (response.status === 204 || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, ErrorCode.Unknown, 'not JSON', 'notJson');
  }
}

/** `Retry-After` as delta-seconds (the only form the API sends); null when absent or not a number. */
function retryAfter(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

function parseError(status: number, text: string, retryAfterSeconds: number | null): ApiError {
  try {
    const body: unknown = JSON.parse(text);
    const error = (body as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown } | undefined;
    if (typeof error?.code === 'number' && typeof error.message === 'string') {
      return new ApiError(status, error.code, error.message, 'api', retryAfterSeconds);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, ErrorCode.Unknown, `HTTP ${status}`, 'http', retryAfterSeconds);
}
