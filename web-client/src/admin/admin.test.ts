import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api';
import { fakeServer, jsonResponse } from '../api/test-fixtures';
import { button, byLabel, findText, submit, type } from '../testing';
import { adminFeature, createAdminPanel } from '.';
import { endOfDay, localDate } from './hospital';

const hospital = { id: 'h1', name: 'Renji Hospital', city: 'Shanghai', contact: '021-1234', level: '3A', enabled: true };
const departments = [{ id: 'd1', hospitalId: 'h1', code: 'RAD', name: 'Radiology', enabled: true }];
const roles = [
  { id: 'doctor', permissions: ['worklist.read'] },
  { id: 'hospital-admin', permissions: ['admin.users.read', 'admin.users.write'] },
];
function user(login: string, overrides: Record<string, unknown> = {}) {
  return {
    id: `id-${login}`,
    login,
    name: `Name ${login}`,
    hospitalId: 'h1',
    departmentId: 'd1',
    title: 'Doctor',
    roles: ['doctor'],
    enabled: true,
    passwordChangedAt: null,
    mustChangePassword: false,
    ...overrides,
  };
}

const ALL = ['admin.hospitals.read', 'admin.hospitals.write', 'admin.users.read', 'admin.users.write'];

let server: ReturnType<typeof fakeServer>;

function mount(permissions: readonly string[], hospitalId: string | null = 'h1'): HTMLElement {
  const panel = createAdminPanel(document, { permissions: new Set(permissions), hospitalId });
  document.body.append(panel);
  return panel;
}

async function openHospital(panel: HTMLElement): Promise<void> {
  await findText(panel, 'table th', 'Renji Hospital');
  button(panel, 'Manage Renji Hospital').click();
  await findText(panel, 'h2', 'Renji Hospital');
}

beforeEach(() => {
  document.body.replaceChildren();
  setCsrfToken('csrf-admin');
  server = fakeServer();
  server
    .on('GET', '/admin/hospitals', () => jsonResponse([hospital]))
    .on('GET', '/admin/hospitals/h1/departments', () => jsonResponse(departments))
    .on('GET', '/admin/hospitals/h1/users', () => jsonResponse([user('zhang.wei'), user('li.na', { enabled: false, expiresAt: '2026-12-31T15:59:59Z' })]))
    .on('GET', '/admin/roles', () => jsonResponse(roles));
});

afterEach(() => setCsrfToken(null));

describe('administration: hospitals', () => {
  it('lists the hospitals', async () => {
    const panel = mount(ALL);
    const table = (await findText(panel, 'table', 'Renji Hospital')) as HTMLTableElement;
    expect(table.caption?.textContent).toBe('Hospitals (1)');
    expect(Array.from(table.tBodies[0]!.rows[0]!.cells, (c) => c.textContent)).toEqual([
      'Renji Hospital',
      'Shanghai',
      '021-1234',
      '3A',
      'Enabled',
      'Manage',
    ]);
  });

  it('creates a hospital: posts the JSON with the CSRF header and lists it', async () => {
    const created = { id: 'h2', name: 'Huashan Hospital', city: 'Shanghai', contact: null, level: null, enabled: true };
    server.on('POST', '/admin/hospitals', () => {
      server.on('GET', '/admin/hospitals', () => jsonResponse([hospital, created]));
      return jsonResponse(created, 201);
    });
    const panel = mount(ALL);
    await findText(panel, 'table', 'Renji Hospital');

    type(byLabel(panel, 'Name'), '  Huashan Hospital ');
    type(byLabel(panel, 'City'), 'Shanghai');
    submit(button(panel, 'Create hospital'));

    await findText(panel, '[role="status"]', 'Hospital “Huashan Hospital” created.');
    const [call] = server.calls('POST', '/admin/hospitals');
    expect(call?.body).toEqual({ name: 'Huashan Hospital', city: 'Shanghai' });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
    expect(call?.headers.get('Content-Type')).toBe('application/json');
    await findText(panel, 'table', 'Huashan Hospital');
    expect(byLabel(panel, 'Name').value).toBe('');
  });

  it('shows the server’s message when the hospital is refused', async () => {
    server.on('POST', '/admin/hospitals', () => jsonResponse({ error: { code: 2430, message: 'name already used' } }, 409));
    const panel = mount(ALL);
    type(byLabel(panel, 'Name'), 'Renji Hospital');
    type(byLabel(panel, 'City'), 'Shanghai');
    submit(byLabel(panel, 'Name'));
    await findText(panel, '[role="alert"]', 'name already used');
  });
});

describe('administration: one hospital', () => {
  it('lists departments and users, with their department names and status', async () => {
    const panel = mount(ALL);
    await openHospital(panel);

    const users = (await findText(panel, 'table', 'zhang.wei')) as HTMLTableElement;
    expect(users.caption?.textContent).toBe('Users (2)');
    const rows = Array.from(users.tBodies[0]!.rows, (row) => Array.from(row.cells, (c) => c.textContent));
    expect(rows).toEqual([
      ['zhang.wei', 'Name zhang.wei', 'Doctor', 'Radiology', 'doctor', 'Enabled', 'No end', 'DisableValidity'],
      ['li.na', 'Name li.na', 'Doctor', 'Radiology', 'doctor', 'Disabled', localDate('2026-12-31T15:59:59Z'), 'EnableValidity'],
    ]);
    expect((await findText(panel, 'table', 'RAD')).querySelector('caption')?.textContent).toBe('Departments (1)');
  });

  it('creates a department under the hospital', async () => {
    server.on('POST', '/admin/hospitals/h1/departments', () => jsonResponse({ id: 'd2', hospitalId: 'h1', code: 'PATH', name: 'Pathology', enabled: true }, 201));
    const panel = mount(ALL);
    await openHospital(panel);
    const form = button(panel, 'Create department').closest('form')!;
    type(byLabel(form, 'Code'), 'PATH');
    type(byLabel(form, 'Name'), 'Pathology');
    submit(form);
    await findText(panel, '[role="status"]', 'Department “Pathology” created.');
    const [call] = server.calls('POST', '/admin/hospitals/h1/departments');
    expect(call?.body).toEqual({ code: 'PATH', name: 'Pathology' });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
  });

  it('creates a user with the chosen roles and shows the initial password once', async () => {
    server.on('POST', '/admin/users', () => jsonResponse({ ...user('chen.jie', { roles: ['hospital-admin'] }), initialPassword: 'Xq7-pL9-zzR2' }, 201));
    const panel = mount(ALL);
    await openHospital(panel);
    await findText(panel, 'label', 'hospital-admin');

    const form = button(panel, 'Create user').closest('form')!;
    type(byLabel(form, 'Username'), 'chen.jie');
    type(byLabel(form, 'Name'), 'Chen Jie');
    byLabel<HTMLSelectElement>(form, 'Department').value = 'd1';
    byLabel(form, 'hospital-admin').click();
    submit(form);

    const box = await findText(panel, '[role="alert"]', 'User “chen.jie” created');
    expect(box.querySelector('[data-field="initialPassword"]')?.textContent).toBe('Xq7-pL9-zzR2');
    expect(box.textContent).toContain('must change it at their first sign-in');
    const [call] = server.calls('POST', '/admin/users');
    expect(call?.body).toEqual({ login: 'chen.jie', name: 'Chen Jie', hospitalId: 'h1', departmentId: 'd1', roles: ['hospital-admin'] });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
    expect(byLabel(form, 'Username').value).toBe('');

    button(panel, 'I have noted the password').click();
    expect(panel.textContent).not.toContain('Xq7-pL9-zzR2');
    // Going back and returning does not bring it back either.
    button(panel, 'Back to all hospitals').click();
    await openHospital(panel);
    await findText(panel, 'table', 'zhang.wei');
    expect(panel.textContent).not.toContain('Xq7-pL9-zzR2');
  });

  it('creates a user with a mobile number and a last day of validity', async () => {
    server.on('POST', '/admin/users', () => jsonResponse({ ...user('chen.jie'), initialPassword: 'Xq7-pL9-zzR2' }, 201));
    const panel = mount(ALL);
    await openHospital(panel);
    await findText(panel, 'label', 'doctor');
    const form = button(panel, 'Create user').closest('form')!;
    type(byLabel(form, 'Username'), 'chen.jie');
    type(byLabel(form, 'Name'), 'Chen Jie');
    type(byLabel(form, 'Mobile number'), '138 0013 8000');
    type(byLabel(form, 'Valid until'), '2026-06-30');
    byLabel(form, 'doctor').click();
    submit(form);
    await findText(panel, '[role="alert"]', 'User “chen.jie” created');
    expect(server.calls('POST', '/admin/users')[0]?.body).toEqual({
      login: 'chen.jie', name: 'Chen Jie', hospitalId: 'h1', roles: ['doctor'], phone: '13800138000', expiresAt: endOfDay('2026-06-30'),
    });
    expect(endOfDay('2026-06-30')).toBe(new Date('2026-06-30T23:59:59').toISOString());
    expect(endOfDay('')).toBeNull();
  });

  it('changes and clears how long a user may sign in with PATCH expiresAt', async () => {
    server.on('PATCH', '/admin/users/id-li.na', () => jsonResponse(user('li.na', { expiresAt: endOfDay('2027-01-15') })));
    const panel = mount(ALL);
    await openHospital(panel);
    await findText(panel, 'table', 'li.na');
    const opener = button(panel, 'Change how long li.na may sign in');
    opener.click();
    let form = panel.querySelector('#user-validity-title')!.closest('form')!;
    const date = byLabel(form, 'Valid until');
    expect(date.value).toBe(localDate('2026-12-31T15:59:59Z'));
    expect(document.activeElement).toBe(date);
    button(form, 'Cancel').click();
    expect(document.activeElement).toBe(opener);

    opener.click();
    form = panel.querySelector('#user-validity-title')!.closest('form')!;
    type(byLabel(form, 'Valid until'), '');
    submit(form);
    await findText(form, '[role="alert"]', 'Enter the last day as a date');
    type(byLabel(form, 'Valid until'), '2027-01-15');
    submit(form);
    await findText(panel, '[role="status"]', 'Account “li.na” is valid until 2027-01-15.');
    expect(server.calls('PATCH', '/admin/users/id-li.na')[0]?.body).toEqual({ expiresAt: endOfDay('2027-01-15') });

    server.on('PATCH', '/admin/users/id-li.na', () => jsonResponse(user('li.na')));
    button(panel, 'Change how long li.na may sign in').click();
    button(panel, 'No end date').click();
    await findText(panel, '[role="status"]', 'Account “li.na” no longer has an end date.');
    expect(server.calls('PATCH', '/admin/users/id-li.na')[1]?.body).toEqual({ expiresAt: null });
  });

  it('refuses to create a user without a role', async () => {
    const panel = mount(ALL);
    await openHospital(panel);
    const form = button(panel, 'Create user').closest('form')!;
    type(byLabel(form, 'Username'), 'chen.jie');
    type(byLabel(form, 'Name'), 'Chen Jie');
    submit(form);
    await findText(form, '[role="alert"]', 'Choose at least one role.');
    expect(server.calls('POST', '/admin/users')).toHaveLength(0);
  });

  it('disables and enables users with PATCH', async () => {
    server.on('PATCH', '/admin/users/id-zhang.wei', () => jsonResponse(user('zhang.wei', { enabled: false })));
    const panel = mount(ALL);
    await openHospital(panel);
    await findText(panel, 'table', 'zhang.wei');
    button(panel, 'Disable zhang.wei').click();

    await expect.poll(() => server.calls('PATCH', '/admin/users/id-zhang.wei').length).toBe(1);
    const [call] = server.calls('PATCH', '/admin/users/id-zhang.wei');
    expect(call?.body).toEqual({ enabled: false });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
  });
});

describe('administration: permissions', () => {
  it('is not available without any admin permission', () => {
    const feature = adminFeature({ permissions: new Set(['worklist.read']), hospitalId: 'h1' });
    expect(feature.mount).toBeUndefined();
    expect(adminFeature({ permissions: new Set(['admin.users.read']), hospitalId: 'h1' }).mount).toBeDefined();
  });

  it('shows lists but no forms, no users and no toggles with read-only hospital access', async () => {
    const panel = mount(['admin.hospitals.read']);
    await openHospital(panel);
    await findText(panel, 'table', 'RAD');

    expect(panel.querySelector('form')).toBeNull();
    expect(panel.textContent).not.toContain('New hospital');
    expect(panel.textContent).not.toContain('Users');
    expect(server.calls('GET', '/admin/hospitals/h1/users')).toHaveLength(0);
    expect(server.calls('GET', '/admin/roles')).toHaveLength(0);
  });

  it('shows the own hospital’s users, without toggles or create form, to a user-reader who may not list hospitals', async () => {
    const panel = mount(['admin.users.read']);
    const users = await findText(panel, 'table', 'zhang.wei');

    expect(server.calls('GET', '/admin/hospitals')).toHaveLength(0);
    expect(server.calls('GET', '/admin/hospitals/h1/departments')).toHaveLength(0);
    expect(users.querySelector('button')).toBeNull();
    expect(panel.querySelector('form')).toBeNull();
    expect(panel.textContent).not.toContain('Back to all hospitals');
  });
});
