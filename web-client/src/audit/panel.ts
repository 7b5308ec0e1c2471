import {
  ApiError,
  apiFetch,
  describeError,
  type AuditEntry,
  type AuditPage,
  type AuditResult,
  type ChainFailureReason,
  type ChainVerification,
} from '../api';
import { element, inputField, liveRegion, t, type MessageKey } from '../shell';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  RESULTS,
  defaultRange,
  entriesPath,
  formatTime,
  instantFromLocal,
  verifyPath,
  type AuditSearch,
} from './query';

export interface AuditPanelOptions {
  /** The current time, for the default range (tests pin it). */
  readonly now?: () => Date;
}

/**
 * The auditor's view of the trail: a search (time range, actor, action prefix, result) with
 * paged results, and the verification of the hash chain. Read-only, like the API.
 */
export function createAuditPanel(doc: Document, options: AuditPanelOptions = {}): HTMLElement {
  const section = element(doc, 'section', 'panel audit');
  section.setAttribute('aria-labelledby', 'audit-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('audit.title'));
  heading.id = 'audit-title';
  top.append(heading);
  const body = element(doc, 'div', 'panel__body audit__body');
  body.append(searchSection(doc, (options.now ?? (() => new Date()))()), verifySection(doc));
  section.append(top, body);
  return section;
}

/** The message for a failed audit call: "no access" for 403, otherwise what the server said. */
function errorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return t('audit.noAccess');
  return describeError(error);
}

function subsection(doc: Document, id: string, title: string): { section: HTMLElement; body: HTMLElement } {
  const section = element(doc, 'section', 'audit__section');
  const heading = element(doc, 'h2', 'audit__heading', title);
  heading.id = `${id}-title`;
  section.setAttribute('aria-labelledby', heading.id);
  const body = element(doc, 'div', 'audit__section-body');
  section.append(heading, body);
  return { section, body };
}

function searchSection(doc: Document, now: Date): HTMLElement {
  const { section, body } = subsection(doc, 'audit-search', t('audit.search.title'));
  const form = element(doc, 'form', 'form audit__form');
  form.noValidate = true;
  const alert = liveRegion(doc, 'alert');
  const range = defaultRange(now);
  const from = inputField(doc, { id: 'audit-from', label: t('audit.search.from'), type: 'datetime-local', required: true });
  from.input.value = range.from;
  const to = inputField(doc, {
    id: 'audit-to',
    label: t('audit.search.to'),
    type: 'datetime-local',
    required: true,
    hint: t('audit.search.timeHint'),
  });
  to.input.value = range.to;
  const actor = inputField(doc, { id: 'audit-actor', label: t('audit.search.actor'), autocomplete: 'off' });
  const action = inputField(doc, {
    id: 'audit-action',
    label: t('audit.search.action'),
    autocomplete: 'off',
    hint: t('audit.search.actionHint'),
  });
  for (const input of [actor.input, action.input]) {
    input.autocapitalize = 'off';
    input.spellcheck = false;
  }

  const resultField = element(doc, 'div', 'form__field');
  const resultLabel = element(doc, 'label', '', t('audit.search.result'));
  resultLabel.htmlFor = 'audit-result';
  const result = element(doc, 'select', '');
  result.id = 'audit-result';
  result.name = 'audit-result';
  const any = element(doc, 'option', '', t('audit.search.result.any'));
  any.value = '';
  result.append(
    any,
    ...RESULTS.map((value) => {
      const option = element(doc, 'option', '', t(`audit.result.${value}`));
      option.value = value;
      return option;
    }),
  );
  resultField.append(resultLabel, result);

  const limit = inputField(doc, { id: 'audit-limit', label: t('audit.search.limit'), type: 'number' });
  limit.input.min = '1';
  limit.input.max = String(MAX_LIMIT);
  limit.input.step = '1';
  limit.input.value = String(DEFAULT_LIMIT);

  const submit = element(doc, 'button', 'button button--primary', t('audit.search.submit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  form.append(alert, from.wrapper, to.wrapper, actor.wrapper, action.wrapper, resultField, limit.wrapper, actions);

  const results = element(doc, 'div', 'audit__results');
  body.append(form, results);

  let generation = 0;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fromInstant = instantFromLocal(from.input.value);
    const toInstant = instantFromLocal(to.input.value);
    if (fromInstant === null || toInstant === null) {
      alert.textContent = t('audit.search.badTime');
      return;
    }
    const limitText = limit.input.value.trim();
    const limitValue = limitText === '' ? undefined : Number(limitText);
    if (limitValue !== undefined && !(Number.isInteger(limitValue) && limitValue >= 1 && limitValue <= MAX_LIMIT)) {
      alert.textContent = t('audit.search.badLimit');
      return;
    }
    alert.textContent = '';
    const search: AuditSearch = {
      from: fromInstant,
      to: toInstant,
      ...(actor.input.value.trim() !== '' && { actor: actor.input.value.trim() }),
      ...(action.input.value.trim() !== '' && { action: action.input.value.trim() }),
      ...(result.value !== '' && { result: result.value as AuditResult }),
      ...(limitValue !== undefined && { limit: limitValue }),
    };
    submit.disabled = true;
    void showResults(doc, results, search, ++generation, () => generation).finally(() => {
      submit.disabled = false;
    });
  });

  return section;
}

const COLUMNS: readonly MessageKey[] = [
  'audit.entry.seq',
  'audit.entry.time',
  'audit.entry.actor',
  'audit.entry.ip',
  'audit.entry.action',
  'audit.entry.target',
  'audit.entry.result',
  'audit.entry.detail',
];

/**
 * Runs `search` into `results`: the first page, then one more per "Load more" for as long as the
 * server gives a cursor (a page may be short or empty and still have one). `run` is this
 * search's number; when `latest()` is another, a newer search replaced it and answers are dropped.
 */
async function showResults(
  doc: Document,
  results: HTMLElement,
  search: AuditSearch,
  run: number,
  latest: () => number,
): Promise<void> {
  const alert = liveRegion(doc, 'alert');
  const warning = element(doc, 'p', 'alert audit__suspect');
  warning.setAttribute('role', 'alert');
  warning.hidden = true;

  const table = element(doc, 'table', 'table audit__table');
  const caption = table.createCaption();
  const head = table.createTHead().insertRow();
  for (const key of COLUMNS) {
    const th = element(doc, 'th', '', t(key));
    th.scope = 'col';
    head.append(th);
  }
  const rows = table.createTBody();
  const scroll = element(doc, 'div', 'audit__scroll');
  scroll.append(table);
  scroll.hidden = true;

  const status = element(doc, 'p', 'form__hint');
  status.setAttribute('role', 'status');
  status.tabIndex = -1;
  const more = element(doc, 'button', 'button audit__more', t('audit.search.more'));
  more.type = 'button';
  more.hidden = true;
  results.replaceChildren(alert, warning, scroll, status, more);

  let cursor: string | undefined;
  let shown = 0;
  let suspect = 0;

  async function loadPage(): Promise<void> {
    const first = cursor === undefined;
    more.disabled = true;
    alert.textContent = '';
    status.textContent = t(first ? 'audit.search.loading' : 'audit.search.moreLoading');
    results.setAttribute('aria-busy', 'true');
    let page: AuditPage;
    try {
      page = await apiFetch<AuditPage>(entriesPath(search, cursor));
    } catch (error) {
      if (run !== latest()) return;
      alert.textContent = errorText(error);
      status.textContent = '';
      return;
    } finally {
      if (run === latest()) {
        results.removeAttribute('aria-busy');
        more.disabled = false;
      }
    }
    if (run !== latest()) return;

    for (const entry of page.entries) appendRow(doc, rows.insertRow(), entry);
    shown += page.entries.length;
    suspect += page.suspect > 0 ? page.suspect : 0;
    cursor = page.nextCursor;

    caption.textContent = t('audit.search.caption', { count: shown });
    scroll.hidden = shown === 0;
    if (suspect > 0) {
      warning.textContent = t('audit.search.suspect', { count: suspect });
      warning.hidden = false;
    }
    const hadFocus = doc.activeElement === more;
    more.hidden = cursor === undefined;
    if (cursor !== undefined) status.textContent = shown === 0 ? t('audit.search.noneYet') : '';
    else status.textContent = t(shown === 0 ? 'audit.search.empty' : 'audit.search.end');
    if (hadFocus && more.hidden) status.focus();
  }

  more.addEventListener('click', () => void loadPage());
  await loadPage();
}

function appendRow(doc: Document, row: HTMLTableRowElement, entry: AuditEntry): void {
  const seq = element(doc, 'th', '', String(entry.seq));
  seq.scope = 'row';
  row.append(seq);

  const time = element(doc, 'time', '', formatTime(entry.time));
  time.dateTime = entry.time;
  row.insertCell().append(time);

  row.insertCell().textContent = entry.actor ?? '';
  row.insertCell().textContent = entry.sourceIp ?? '';
  row.insertCell().textContent = entry.action;
  row.insertCell().textContent = [entry.targetType, entry.targetId].filter((part) => part !== null && part !== '').join(' ');

  const known = (RESULTS as readonly string[]).includes(entry.result);
  const badge = element(
    doc,
    'span',
    `badge ${entry.result === 'SUCCESS' ? 'badge--good' : 'badge--bad'}`,
    known ? t(`audit.result.${entry.result}`) : String(entry.result),
  );
  row.insertCell().append(badge);

  const detail = element(doc, 'code', 'audit__detail', compactJson(entry.detail));
  row.insertCell().append(detail);
}

function compactJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && Object.keys(value).length === 0) return '';
  return JSON.stringify(value);
}

function verifySection(doc: Document): HTMLElement {
  const { section, body } = subsection(doc, 'audit-verify', t('audit.verify.title'));
  const hint = element(doc, 'p', 'form__hint', t('audit.verify.hint'));
  const start = element(doc, 'button', 'button button--primary', t('audit.verify.submit'));
  start.type = 'button';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(start);
  const outcome = element(doc, 'div', 'audit__verify-outcome');
  body.append(hint, actions, outcome);

  let busy = false;

  async function verify(fromSeq?: number): Promise<void> {
    if (busy) return;
    busy = true;
    start.disabled = true;
    const loading = element(doc, 'p', 'form__hint', t('audit.verify.loading'));
    loading.setAttribute('role', 'status');
    outcome.replaceChildren(loading);
    outcome.setAttribute('aria-busy', 'true');
    try {
      const result = await apiFetch<ChainVerification>(verifyPath(fromSeq));
      outcome.replaceChildren(...renderVerification(doc, result, (next) => void verify(next)));
    } catch (error) {
      const alert = element(doc, 'p', 'alert', errorText(error));
      alert.setAttribute('role', 'alert');
      outcome.replaceChildren(alert);
    } finally {
      outcome.removeAttribute('aria-busy');
      start.disabled = false;
      busy = false;
    }
  }

  start.addEventListener('click', () => void verify());
  return section;
}

function renderVerification(doc: Document, result: ChainVerification, next: (fromSeq: number) => void): HTMLElement[] {
  const range = element(
    doc,
    'p',
    'form__hint',
    t('audit.verify.range', { fromSeq: result.fromSeq, toSeq: result.toSeq, headSeq: result.headSeq }),
  );
  if (!result.ok) {
    const seq = result.badSeq ?? result.fromSeq + result.checked;
    const reason =
      result.reason !== undefined && REASONS.includes(result.reason)
        ? t(`audit.verify.reason.${result.reason}`)
        : t('audit.verify.reason.unknown', { reason: result.reason ?? '?' });
    const alert = element(doc, 'div', 'alert audit__broken');
    alert.setAttribute('role', 'alert');
    const title = element(doc, 'p', 'audit__broken-title', t('audit.verify.broken', { seq, reason }));
    const detail = element(
      doc,
      'p',
      'audit__broken-detail',
      t('audit.verify.brokenDetail', { checked: result.checked, detail: result.detail ?? '' }),
    );
    alert.append(title, detail);
    return [alert, range];
  }
  const ok = element(doc, 'p', 'notice', t('audit.verify.ok', { checked: result.checked }));
  ok.setAttribute('role', 'status');
  const shown: HTMLElement[] = [ok, range];
  if (result.toSeq < result.headSeq) {
    const partial = element(doc, 'p', 'form__hint', t('audit.verify.partial', { toSeq: result.toSeq }));
    const more = element(doc, 'button', 'button', t('audit.verify.next'));
    more.type = 'button';
    more.addEventListener('click', () => next(result.toSeq + 1));
    shown.push(partial, more);
  }
  return shown;
}

const REASONS: readonly ChainFailureReason[] = ['GAP', 'HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'MALFORMED', 'HEAD_MISMATCH'];
