/** The search of the trail as the form states it, and its conversions to and from the API's terms. */
import { locale } from '../shell';
import type { AuditResult } from '../api';

export const RESULTS: readonly AuditResult[] = ['SUCCESS', 'DENIED', 'FAILED'];
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** A search: `from`/`to` as ISO-8601 instants (UTC), the optional filters, the page size. */
export interface AuditSearch {
  readonly from: string;
  readonly to: string;
  readonly actor?: string;
  readonly action?: string;
  readonly result?: AuditResult;
  readonly limit?: number;
}

/** `date` as the value of a `datetime-local` input (local time, to the minute). */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The UTC instant of a `datetime-local` value (local time), or `null` when it is not one. */
export function instantFromLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  // Without an offset, a date-time string is read as local time.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The default range, as input values: the last 24 hours up to the next full minute (`to` is exclusive). */
export function defaultRange(now: Date): { from: string; to: string } {
  const to = new Date(now.getTime());
  to.setSeconds(0, 0);
  to.setMinutes(to.getMinutes() + 1);
  const from = new Date(to.getTime() - 24 * 60 * 60 * 1000);
  return { from: localInputValue(from), to: localInputValue(to) };
}

/** `GET /audit/entries` for `search`, continuing after `cursor` when given. */
export function entriesPath(search: AuditSearch, cursor?: string): string {
  const query = new URLSearchParams({ from: search.from, to: search.to });
  if (search.actor) query.set('actor', search.actor);
  if (search.action) query.set('action', search.action);
  if (search.result) query.set('result', search.result);
  if (search.limit !== undefined) query.set('limit', String(search.limit));
  if (cursor !== undefined) query.set('cursor', cursor);
  return `/audit/entries?${query.toString()}`;
}

/** `GET /audit/verify`, from the start of the chain or from `fromSeq`. */
export function verifyPath(fromSeq?: number): string {
  return fromSeq === undefined ? '/audit/verify' : `/audit/verify?from=${fromSeq}`;
}

const timeFormat = new Intl.DateTimeFormat(locale, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant from the API in the user's local time (the text itself when it is not an instant). */
export function formatTime(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : timeFormat.format(date);
}
