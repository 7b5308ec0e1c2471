import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api';
import { errorResponse, fakeServer, jsonResponse } from '../api/test-fixtures';
import { button, byLabel, findText, submit, type } from '../testing';
import { auditFeature, createAuditPanel } from '.';
import { defaultRange, formatTime, instantFromLocal } from './query';

/** 15 January 2026, 10:30:20 local time. */
const NOW = new Date(2026, 0, 15, 10, 30, 20);

function entry(seq: number, overrides: Record<string, unknown> = {}) {
  return {
    seq,
    id: `ev-${seq}`,
    time: '2026-01-15T02:00:00Z',
    actor: 'u-7',
    actorHospital: 'h1',
    sourceIp: '10.0.0.7',
    action: 'auth.login',
    targetType: 'user',
    targetId: 'u-7',
    result: 'SUCCESS',
    detail: { login: 'wang.li', attempts: 1 },
    node: 'node-a',
    prevHash: 'aa',
    hash: 'bb',
    ...overrides,
  };
}

let server: ReturnType<typeof fakeServer>;

function mount(): HTMLElement {
  const panel = createAuditPanel(document, { now: () => NOW });
  document.body.append(panel);
  return panel;
}

function rows(panel: HTMLElement): string[][] {
  const table = panel.querySelector<HTMLTableElement>('table');
  return Array.from(table?.tBodies[0]?.rows ?? [], (row) => Array.from(row.cells, (c) => c.textContent ?? ''));
}

function search(panel: HTMLElement): void {
  submit(button(panel, 'Search'));
}

beforeEach(() => {
  document.body.replaceChildren();
  setCsrfToken('csrf-audit');
  server = fakeServer();
});

afterEach(() => setCsrfToken(null));

describe('audit: search', () => {
  it('defaults to the last 24 hours and sends them as UTC instants with the default limit', async () => {
    server.on('GET', '/audit/entries', () => jsonResponse({ entries: [entry(1)], suspect: 0 }));
    const panel = mount();
    expect(byLabel(panel, 'From').type).toBe('datetime-local');
    expect(byLabel(panel, 'From').value).toBe('2026-01-14T10:31');
    expect(byLabel(panel, 'To').value).toBe('2026-01-15T10:31');
    expect(byLabel(panel, 'Entries per page').value).toBe('100');

    search(panel);
    await findText(panel, 'table', 'auth.login');

    const [call] = server.calls('GET', '/audit/entries');
    expect([...call!.query.entries()]).toEqual([
      ['from', new Date(2026, 0, 14, 10, 31).toISOString()],
      ['to', new Date(2026, 0, 15, 10, 31).toISOString()],
      ['limit', '100'],
    ]);
    expect(call!.query.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('sends the filters and renders the entries with local time, target, result and compact detail', async () => {
    server.on('GET', '/audit/entries', () =>
      jsonResponse({
        entries: [
          entry(42),
          entry(41, { action: 'admin.users.create', result: 'DENIED', sourceIp: null, targetType: null, targetId: null, detail: {} }),
        ],
        suspect: 0,
      }),
    );
    const panel = mount();
    type(byLabel(panel, 'From'), '2026-01-01T08:00');
    type(byLabel(panel, 'To'), '2026-01-02T08:00');
    type(byLabel(panel, 'Actor (user ID)'), ' u-7 ');
    type(byLabel(panel, 'Action prefix'), 'auth.login');
    byLabel<HTMLSelectElement>(panel, 'Result').value = 'DENIED';
    type(byLabel(panel, 'Entries per page'), '50');
    search(panel);

    const table = (await findText(panel, 'table', 'auth.login')) as HTMLTableElement;
    const [call] = server.calls('GET', '/audit/entries');
    expect(Object.fromEntries(call!.query)).toEqual({
      from: instantFromLocal('2026-01-01T08:00'),
      to: instantFromLocal('2026-01-02T08:00'),
      actor: 'u-7',
      action: 'auth.login',
      result: 'DENIED',
      limit: '50',
    });
    expect(call!.init?.method).toBe('GET');

    expect(table.caption?.textContent).toBe('Audit entries (2 shown)');
    expect(Array.from(table.tHead!.rows[0]!.cells, (c) => c.textContent)).toEqual([
      'Seq', 'Time', 'Actor', 'IP address', 'Action', 'Target', 'Result', 'Detail',
    ]);
    expect(rows(panel)).toEqual([
      ['42', formatTime('2026-01-15T02:00:00Z'), 'u-7', '10.0.0.7', 'auth.login', 'user u-7', 'Success', '{"login":"wang.li","attempts":1}'],
      ['41', formatTime('2026-01-15T02:00:00Z'), 'u-7', '', 'admin.users.create', '', 'Denied', ''],
    ]);
    expect(table.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-15T02:00:00Z');
    expect(panel.textContent).toContain('End of the results.');
    expect(() => button(panel, 'Load more')).not.toThrow();
    expect(button(panel, 'Load more').hidden).toBe(true);
  });

  it('treats detail text as text, never as markup', async () => {
    server.on('GET', '/audit/entries', () =>
      jsonResponse({ entries: [entry(1, { actor: '<img src=x onerror=alert(1)>', detail: { note: '<b>x</b>' } })], suspect: 0 }),
    );
    const panel = mount();
    search(panel);
    await findText(panel, 'table', '<img src=x');
    expect(panel.querySelector('table img, table b')).toBeNull();
  });

  it('loads more with the cursor, and keeps offering it after a short or empty page', async () => {
    server
      .once('GET', '/audit/entries', () => jsonResponse({ entries: [entry(9)], nextCursor: 'c-1', suspect: 0 }))
      .once('GET', '/audit/entries', () => jsonResponse({ entries: [], nextCursor: 'c-2', suspect: 0 }))
      .once('GET', '/audit/entries', () => jsonResponse({ entries: [entry(3, { action: 'auth.logout' })], suspect: 0 }));
    const panel = mount();
    type(byLabel(panel, 'Action prefix'), 'auth.');
    search(panel);
    await findText(panel, 'table', 'auth.login');
    expect(button(panel, 'Load more').hidden).toBe(false);

    button(panel, 'Load more').click();
    await expect.poll(() => server.calls('GET', '/audit/entries').length).toBe(2);
    await expect.poll(() => button(panel, 'Load more').disabled).toBe(false);
    expect(button(panel, 'Load more').hidden).toBe(false);
    expect(rows(panel)).toHaveLength(1);

    button(panel, 'Load more').click();
    await findText(panel, 'table', 'auth.logout');
    expect(rows(panel).map((row) => row[0])).toEqual(['9', '3']);
    expect(panel.querySelector('caption')?.textContent).toBe('Audit entries (2 shown)');
    expect(button(panel, 'Load more').hidden).toBe(true);
    expect(panel.textContent).toContain('End of the results.');

    const calls = server.calls('GET', '/audit/entries');
    expect(calls.map((call) => call.query.get('cursor'))).toEqual([null, 'c-1', 'c-2']);
    for (const call of calls) {
      expect(call.query.get('action')).toBe('auth.');
      expect(call.query.get('from')).toBe(calls[0]!.query.get('from'));
      expect(call.query.get('to')).toBe(calls[0]!.query.get('to'));
    }
  });

  it('offers to keep searching when the first page is empty but has a cursor', async () => {
    server.on('GET', '/audit/entries', () => jsonResponse({ entries: [], nextCursor: 'c-1', suspect: 0 }));
    const panel = mount();
    search(panel);
    await findText(panel, '[role="status"]', 'No matching entries in the part of the trail searched so far');
    expect(button(panel, 'Load more').hidden).toBe(false);
    expect(panel.querySelector<HTMLElement>('.audit__scroll')?.hidden).toBe(true);
  });

  it('says when nothing matches', async () => {
    server.on('GET', '/audit/entries', () => jsonResponse({ entries: [], suspect: 0 }));
    const panel = mount();
    search(panel);
    await findText(panel, '[role="status"]', 'No entries match the search.');
    expect(button(panel, 'Load more').hidden).toBe(true);
  });

  it('warns when index rows did not match their entries', async () => {
    server.on('GET', '/audit/entries', () => jsonResponse({ entries: [entry(5)], suspect: 2 }));
    const panel = mount();
    search(panel);
    const warning = await findText(panel, '[role="alert"]', '2 index rows did not match their entries');
    expect(warning.textContent).toContain('tampered');
    expect(warning.textContent).toContain('run the chain verification');
  });

  it('shows no warning without suspect rows', async () => {
    server.on('GET', '/audit/entries', () => jsonResponse({ entries: [entry(5)], suspect: 0 }));
    const panel = mount();
    search(panel);
    await findText(panel, 'table', 'auth.login');
    expect(panel.querySelector<HTMLElement>('.audit__suspect')?.hidden).toBe(true);
  });

  it('shows the server’s message for a bad request', async () => {
    server.on('GET', '/audit/entries', () =>
      errorResponse(400, 2400, 'the time range is empty: from 2026-01-02T08:00:00Z is not before to 2026-01-01T08:00:00Z'),
    );
    const panel = mount();
    type(byLabel(panel, 'From'), '2026-01-02T08:00');
    type(byLabel(panel, 'To'), '2026-01-01T08:00');
    search(panel);
    await findText(panel, '[role="alert"]', 'the time range is empty: from 2026-01-02T08:00:00Z');
    expect(panel.querySelector('table tbody tr')).toBeNull();
  });

  it('says “no access” when the server refuses (403)', async () => {
    server.on('GET', '/audit/entries', () => errorResponse(403, 2403, 'missing permission audit.read'));
    const panel = mount();
    search(panel);
    await findText(panel, '[role="alert"]', 'You have no access to the audit trail.');
  });

  it('does not send a search with a missing date', async () => {
    const panel = mount();
    type(byLabel(panel, 'From'), '');
    search(panel);
    await findText(panel, '[role="alert"]', 'Enter a valid date and time');
    expect(server.calls('GET', '/audit/entries')).toHaveLength(0);
  });
});

describe('audit: chain verification', () => {
  it('reports an intact chain', async () => {
    server.on('GET', '/audit/verify', () => jsonResponse({ ok: true, fromSeq: 1, toSeq: 1234, checked: 1234, headSeq: 1234 }));
    const panel = mount();
    button(panel, 'Verify chain').click();
    await findText(panel, '[role="status"]', 'Chain intact: 1234 entries checked.');
    expect(panel.textContent).toContain('Checked seq 1 to 1234; the chain head is at seq 1234.');
    expect(() => button(panel, 'Verify the next entries')).toThrow();
    expect(server.calls('GET', '/audit/verify')[0]?.query.toString()).toBe('');
  });

  it('offers to verify the rest when one call did not reach the head', async () => {
    server
      .once('GET', '/audit/verify', () => jsonResponse({ ok: true, fromSeq: 1, toSeq: 100000, checked: 100000, headSeq: 150000 }))
      .once('GET', '/audit/verify', () => jsonResponse({ ok: true, fromSeq: 100001, toSeq: 150000, checked: 50000, headSeq: 150000 }));
    const panel = mount();
    button(panel, 'Verify chain').click();
    await findText(panel, '.audit__verify-outcome', 'Entries after seq 100000 were not checked yet.');
    button(panel, 'Verify the next entries').click();
    await findText(panel, '[role="status"]', 'Chain intact: 50000 entries checked.');
    expect(server.calls('GET', '/audit/verify')[1]?.query.get('from')).toBe('100001');
  });

  it('alerts with the first bad seq and the reason', async () => {
    server.on('GET', '/audit/verify', () =>
      jsonResponse({
        ok: false,
        fromSeq: 1,
        toSeq: 500,
        checked: 41,
        headSeq: 500,
        badSeq: 42,
        reason: 'HASH_MISMATCH',
        detail: 'stored hash 9f… is not SHA-256(prevHash || event)',
      }),
    );
    const panel = mount();
    button(panel, 'Verify chain').click();
    const alert = await findText(panel, '[role="alert"]', 'Chain broken at seq 42');
    expect(alert.classList).toContain('alert');
    expect(alert.textContent).toContain('the stored hash does not match the entry');
    expect(alert.textContent).toContain('41 entries before it were intact');
    expect(alert.textContent).toContain('stored hash 9f… is not SHA-256(prevHash || event)');
    expect(panel.textContent).not.toContain('Chain intact');
  });

  it('names an unknown reason as the server gives it', async () => {
    server.on('GET', '/audit/verify', () =>
      jsonResponse({ ok: false, fromSeq: 1, toSeq: 5, checked: 2, headSeq: 5, badSeq: 3, reason: 'SOMETHING_NEW', detail: '' }),
    );
    const panel = mount();
    button(panel, 'Verify chain').click();
    await findText(panel, '[role="alert"]', 'Chain broken at seq 3: SOMETHING_NEW.');
  });

  it('says “no access” when verification is refused', async () => {
    server.on('GET', '/audit/verify', () => errorResponse(403, 2403, 'forbidden'));
    const panel = mount();
    button(panel, 'Verify chain').click();
    await findText(panel, '[role="alert"]', 'You have no access to the audit trail.');
  });
});

describe('audit: permission', () => {
  it('is available only with audit.read', () => {
    const none = auditFeature(new Set(['admin.hospitals.read', 'admin.hospitals.write', 'admin.users.read', 'admin.users.write']));
    expect(none.mount).toBeUndefined();
    expect(none.title).toBe('nav.audit');
    expect(none.unavailable).toBe('nav.noAccess');
    expect(auditFeature(new Set(['audit.read'])).mount).toBeDefined();
  });

  it('mounts the panel', () => {
    const container = document.createElement('main');
    auditFeature(new Set(['audit.read'])).mount!(container);
    expect(container.querySelector('h1')?.textContent).toBe('Audit trail');
  });
});

describe('audit: default range', () => {
  it('ends at the next full minute and spans 24 hours', () => {
    expect(defaultRange(new Date(2026, 2, 1, 0, 59, 1))).toEqual({ from: '2026-02-28T01:00', to: '2026-03-01T01:00' });
  });

  it('rejects what is not a local date-time', () => {
    expect(instantFromLocal('')).toBeNull();
    expect(instantFromLocal('yesterday')).toBeNull();
    expect(instantFromLocal('2026-01-01T08:00')).toBe(new Date(2026, 0, 1, 8, 0).toISOString());
  });
});
