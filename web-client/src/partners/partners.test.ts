import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api';
import { errorResponse, fakeServer, jsonResponse } from '../api/test-fixtures';
import { button, byLabel, findText, submit, type } from '../testing';
import { createPartnersPanel, partnersFeature } from '.';
import { parseIpList } from './access';

const SECRET = 's+RCtyXJP7mUJZNGhL/LflMQ0abYn9rdYK0K7L8tfHE=';
const hospitals = [
  { id: 'h1', name: 'Renji Hospital', city: 'Shanghai', contact: null, level: null, enabled: true },
  { id: 'h2', name: 'Huashan Hospital', city: 'Shanghai', contact: null, level: null, enabled: true },
];
const his = {
  id: 'p-1',
  name: 'Regional HIS',
  hospitalId: 'h1',
  allowedIps: ['10.0.0.1', '10.20.0.0/16'],
  permissions: [],
  enabled: true,
  createdAt: '2026-01-01T00:00:00Z',
};
const ALL = ['admin.partners.read', 'admin.partners.write', 'admin.hospitals.read'];

let server: ReturnType<typeof fakeServer>;
beforeEach(() => {
  document.body.replaceChildren();
  setCsrfToken('csrf-partner');
  server = fakeServer()
    .on('GET', '/admin/hospitals', () => jsonResponse(hospitals))
    .on('GET', '/admin/partners', () => jsonResponse([his]));
});
afterEach(() => {
  setCsrfToken(null);
  vi.unstubAllGlobals();
});

function mount(permissions = ALL, hospitalId: string | null = null): HTMLElement {
  const panel = createPartnersPanel(document, { permissions: new Set(permissions), hospitalId });
  document.body.append(panel);
  return panel;
}

const rows = (table: HTMLTableElement) => Array.from(table.tBodies[0]!.rows, (row) => Array.from(row.cells, (c) => c.textContent));

describe('partner systems', () => {
  it('is offered with either partner permission', () => {
    expect(partnersFeature({ permissions: new Set(['admin.users.write']), hospitalId: null }).mount).toBeUndefined();
    expect(partnersFeature({ permissions: new Set(['admin.partners.read']), hospitalId: null }).mount).toBeDefined();
  });

  it('lists partners with hospital names, allow-list, permissions and status', async () => {
    const panel = mount();
    const table = (await findText(panel, 'table', 'Regional HIS')) as HTMLTableElement;
    expect(table.caption?.textContent).toBe('Partner systems (1)');
    expect(rows(table)).toEqual([['Regional HIS', 'Renji Hospital', '10.0.0.1, 10.20.0.0/16', '(none)', 'Enabled', 'Edit IP allow-listNew keyDisable']]);
  });

  it('shows a reader the list without actions or forms', async () => {
    const panel = mount(['admin.partners.read'], 'h1');
    const table = (await findText(panel, 'table', 'Regional HIS')) as HTMLTableElement;
    expect(table.querySelector('button')).toBeNull();
    expect(panel.querySelector('form')).toBeNull();
    expect(server.calls('GET', '/admin/hospitals')).toHaveLength(0);
  });

  it('creates a partner and shows its key exactly once, with a warning and a copy button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const created = { ...his, id: 'p-2', name: 'PACS gateway', hospitalId: 'h2', allowedIps: ['192.168.0.0/24'], permissions: ['archive.store'] };
    server.on('POST', '/admin/partners', () => {
      server.on('GET', '/admin/partners', () => jsonResponse([his, created]));
      return jsonResponse({ ...created, secret: SECRET }, 201);
    });
    const panel = mount();
    await findText(panel, 'option', 'Huashan Hospital');
    const form = button(panel, 'Create partner system').closest('form')!;
    type(byLabel(form, 'Name'), ' PACS gateway ');
    byLabel<HTMLSelectElement>(form, 'Hospital').value = 'h2';
    const ips = byLabel<HTMLTextAreaElement>(form, 'Allowed IP addresses and ranges');
    ips.value = '192.168.0.0/24\n\n192.168.0.0/24, ';
    type(byLabel(form, 'Permissions'), 'archive.store');
    submit(form);

    const box = await findText(panel, '[role="alert"]', 'Partner system “PACS gateway” created');
    expect(box.querySelector('[data-field="secret"]')?.textContent).toBe(SECRET);
    expect(box.querySelector('[data-field="partnerId"]')?.textContent).toBe('p-2');
    expect(box.textContent).toContain('This key is shown only this once');
    const [call] = server.calls('POST', '/admin/partners');
    expect(call?.body).toEqual({ name: 'PACS gateway', hospitalId: 'h2', allowedIps: ['192.168.0.0/24'], permissions: ['archive.store'] });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-partner');
    expect(document.activeElement).toBe(button(box, 'Copy key'));

    button(box, 'Copy key').click();
    await findText(box, '[role="status"]', 'The key was copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(SECRET);

    await findText(panel, 'table', 'PACS gateway');
    expect(byLabel(form, 'Name').value).toBe('');
    button(panel, 'I have stored the key').click();
    expect(panel.textContent).not.toContain(SECRET);
  });

  it('selects the key for copying by hand when the clipboard is not available', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    server.on('POST', '/admin/partners', () => jsonResponse({ ...his, secret: SECRET }, 201));
    const panel = mount(ALL, 'h1');
    await findText(panel, 'option', 'Renji Hospital');
    const form = button(panel, 'Create partner system').closest('form')!;
    expect(byLabel<HTMLSelectElement>(form, 'Hospital').value).toBe('h1');
    type(byLabel(form, 'Name'), 'Regional HIS');
    byLabel<HTMLTextAreaElement>(form, 'Allowed IP addresses and ranges').value = '10.0.0.1';
    submit(form);
    const box = await findText(panel, '[role="alert"]', 'created');
    button(box, 'Copy key').click();
    await findText(box, '[role="status"]', 'select the key and copy it by hand');
    expect(document.getSelection()?.getRangeAt(0).toString()).toBe(SECRET);
    expect(document.activeElement?.textContent).toBe(SECRET);
  });

  it('refuses to create a partner without an allow-list', async () => {
    const panel = mount();
    await findText(panel, 'option', 'Renji Hospital');
    const form = button(panel, 'Create partner system').closest('form')!;
    type(byLabel(form, 'Name'), 'Regional HIS');
    submit(form);
    await findText(form, '[role="alert"]', 'Enter at least one IP address or range.');
    expect(server.calls('POST', '/admin/partners')).toHaveLength(0);
  });

  it('shows the server’s message about a bad address', async () => {
    server.on('POST', '/admin/partners', () => errorResponse(400, 1400, "field 'allowedIps': not an IP address: 10.0.0.300"));
    const panel = mount();
    await findText(panel, 'option', 'Renji Hospital');
    const form = button(panel, 'Create partner system').closest('form')!;
    type(byLabel(form, 'Name'), 'Regional HIS');
    byLabel<HTMLTextAreaElement>(form, 'Allowed IP addresses and ranges').value = '10.0.0.300';
    submit(form);
    await findText(form, '[role="alert"]', 'not an IP address: 10.0.0.300');
  });

  it('edits the IP allow-list with PATCH, focusing the list and restoring focus on cancel', async () => {
    server.on('PATCH', '/admin/partners/p-1', () => jsonResponse({ ...his, allowedIps: ['172.16.0.0/12'] }));
    const panel = mount();
    await findText(panel, 'table', 'Regional HIS');
    const edit = button(panel, 'Edit the IP allow-list of Regional HIS');
    edit.click();
    let list = byLabel<HTMLTextAreaElement>(panel.querySelector('#partner-ips-title')!.closest('form')!, 'Allowed IP addresses and ranges');
    expect(list.value).toBe('10.0.0.1\n10.20.0.0/16');
    expect(document.activeElement).toBe(list);
    button(panel, 'Cancel').click();
    expect(panel.querySelector('#partner-ips-title')).toBeNull();
    expect(document.activeElement).toBe(edit);

    edit.click();
    const form = panel.querySelector('#partner-ips-title')!.closest('form')!;
    list = byLabel<HTMLTextAreaElement>(form, 'Allowed IP addresses and ranges');
    list.value = '';
    submit(form);
    await findText(form, '[role="alert"]', 'Enter at least one IP address or range.');
    list.value = '172.16.0.0/12';
    submit(form);
    await findText(panel, '[role="status"]', 'The allow-list of “Regional HIS” was saved.');
    const [call] = server.calls('PATCH', '/admin/partners/p-1');
    expect(call?.body).toEqual({ allowedIps: ['172.16.0.0/12'] });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-partner');
  });

  it('disables a partner with PATCH', async () => {
    server.on('PATCH', '/admin/partners/p-1', () => jsonResponse({ ...his, enabled: false }));
    const panel = mount();
    await findText(panel, 'table', 'Regional HIS');
    button(panel, 'Disable Regional HIS').click();
    server.on('GET', '/admin/partners', () => jsonResponse([{ ...his, enabled: false }]));
    await findText(panel, '[role="status"]', 'Partner system “Regional HIS” is now disabled.');
    await expect.poll(() => document.activeElement?.getAttribute('aria-label')).toBe('Enable Regional HIS');
    expect(server.calls('PATCH', '/admin/partners/p-1')[0]?.body).toEqual({ enabled: false });
  });

  it('issues a new key after confirmation and shows it once', async () => {
    server.on('POST', '/admin/partners/p-1/secret', () => jsonResponse({ ...his, secret: SECRET }));
    const panel = mount();
    await findText(panel, 'table', 'Regional HIS');
    const rotate = button(panel, 'Issue a new key for Regional HIS');
    rotate.click();
    expect(panel.textContent).toContain('The current key stops working at once');
    button(panel, 'Cancel').click();
    expect(document.activeElement).toBe(rotate);
    expect(server.calls('POST', '/admin/partners/p-1/secret')).toHaveLength(0);
    rotate.click();
    button(panel, 'Issue new key').click();
    const box = await findText(panel, '[role="alert"]', 'New key for partner system “Regional HIS”');
    expect(box.querySelector('[data-field="secret"]')?.textContent).toBe(SECRET);
    expect(box.textContent).toContain('This key is shown only this once');
    expect(document.activeElement).toBe(button(box, 'Copy key'));
    expect(server.calls('POST', '/admin/partners/p-1/secret')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-partner');
  });

  it('offers the permissions from the catalogue as choices, only those the administrator may grant', async () => {
    server.on('GET', '/admin/permissions', () => jsonResponse([
      { code: 'archive.store', description: 'store images' },
      { code: 'admin.partners.read', description: 'see partner systems' },
    ]));
    server.on('POST', '/admin/partners', () => jsonResponse({ ...his, secret: SECRET }, 201));
    const panel = mount(['admin.partners.read', 'admin.partners.write', 'admin.hospitals.read'], 'h1');
    const form = button(panel, 'Create partner system').closest('form')!;
    await findText(form, 'legend', 'Permissions');
    expect(form.querySelector('input[value="archive.store"]')).toBeNull();
    const choice = form.querySelector<HTMLInputElement>('input[value="admin.partners.read"]')!;
    expect(choice.closest('label')?.textContent).toContain('see partner systems');
    choice.checked = true;
    await findText(panel, 'option', 'Renji Hospital');
    type(byLabel(form, 'Name'), 'Regional HIS');
    byLabel<HTMLTextAreaElement>(form, 'Allowed IP addresses and ranges').value = '10.0.0.1';
    submit(form);
    await findText(panel, '[role="alert"]', 'created');
    expect((server.calls('POST', '/admin/partners')[0]?.body as { permissions: string[] }).permissions).toEqual(['admin.partners.read']);
  });

  it('reads allow-lists one per line, also with commas, without duplicates', () => {
    expect(parseIpList(' 10.0.0.1\n10.0.0.0/8, 10.0.0.1\r\n\n2001:db8::/32 ')).toEqual(['10.0.0.1', '10.0.0.0/8', '2001:db8::/32']);
    expect(parseIpList('  \n ')).toEqual([]);
  });
});
