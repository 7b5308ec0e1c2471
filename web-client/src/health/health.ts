/**
 * The node's `GET /health` report: its shape, a validating parser, and the fetch that turns
 * every way of failing into an outcome the panel can explain.
 */

export const HEALTH_URL = '/health';
export const DEFAULT_TIMEOUT_MS = 5000;

const STATUSES = ['UP', 'DOWN'] as const;
const BACKENDS = ['embedded', 'cassandra'] as const;
const STORAGE_STATES = ['READY', 'STARTING', 'UNAVAILABLE'] as const;

export type HealthStatus = (typeof STATUSES)[number];
export type StorageBackend = (typeof BACKENDS)[number];
export type StorageState = (typeof STORAGE_STATES)[number];

export interface ClusterMember {
  readonly id: string;
  readonly address: string;
  readonly local: boolean;
}

export interface StorageHealth {
  readonly backend: StorageBackend;
  readonly state: StorageState;
  readonly detail: string;
}

export interface Health {
  readonly status: HealthStatus;
  readonly ready: boolean;
  readonly nodeId: string;
  readonly members: readonly ClusterMember[];
  readonly storage: StorageHealth;
  readonly modules: readonly string[];
}

/** A parsed report, or the path of the first field that does not fit (e.g. `members[1].local`). */
export type ParseResult = { readonly ok: true; readonly health: Health } | { readonly ok: false; readonly field: string };

export type HealthOutcome =
  | { readonly kind: 'ok'; readonly health: Health }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly seconds: number }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'notJson' }
  | { readonly kind: 'invalid'; readonly field: string };

export interface FetchHealthOptions {
  readonly url?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** Checks that `json` is a health report; unknown extra fields are allowed and dropped. */
export function parseHealth(json: unknown): ParseResult {
  try {
    const root = object(json, 'body');
    const health: Health = {
      status: oneOf(root.status, STATUSES, 'status'),
      ready: boolean(root.ready, 'ready'),
      nodeId: string(root.nodeId, 'nodeId'),
      members: array(root.members, 'members', (value, field) => {
        const member = object(value, field);
        return {
          id: string(member.id, `${field}.id`),
          address: string(member.address, `${field}.address`),
          local: boolean(member.local, `${field}.local`),
        };
      }),
      storage: storageHealth(root.storage),
      modules: array(root.modules, 'modules', string),
    };
    return { ok: true, health };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, field: error.field };
    throw error;
  }
}

/**
 * Fetches and parses the health report. Never rejects: a network failure, a timeout, a non-JSON
 * or malformed body each become their own outcome. A non-2xx answer that still carries a valid
 * report (a node that is not ready may answer 503) is reported as `ok`, since the report says why.
 */
export async function fetchHealth(options: FetchHealthOptions = {}): Promise<HealthOutcome> {
  const url = options.url ?? HEALTH_URL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let status: number;
  let body: string;
  try {
    const response = await fetchFn(url, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal: controller.signal,
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout', seconds: Math.round(timeoutMs / 100) / 10 };
    return { kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }

  const ok = status >= 200 && status < 300;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return ok ? { kind: 'notJson' } : { kind: 'http', status };
  }
  const parsed = parseHealth(json);
  if (parsed.ok) return { kind: 'ok', health: parsed.health };
  return ok ? { kind: 'invalid', field: parsed.field } : { kind: 'http', status };
}

function storageHealth(value: unknown): StorageHealth {
  const storage = object(value, 'storage');
  return {
    backend: oneOf(storage.backend, BACKENDS, 'storage.backend'),
    state: oneOf(storage.state, STORAGE_STATES, 'storage.state'),
    detail: string(storage.detail, 'storage.detail'),
  };
}

class ShapeError extends Error {
  constructor(readonly field: string) {
    super(`unexpected value at ${field}`);
  }
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(field);
  return value as Record<string, unknown>;
}

function string(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ShapeError(field);
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ShapeError(field);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw new ShapeError(field);
  return value as T;
}

function array<T>(value: unknown, field: string, item: (value: unknown, field: string) => T): T[] {
  if (!Array.isArray(value)) throw new ShapeError(field);
  return value.map((element, index) => item(element, `${field}[${index}]`));
}
