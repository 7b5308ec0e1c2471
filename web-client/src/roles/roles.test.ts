import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api';
import { errorResponse, fakeServer, jsonResponse, noContent } from '../api/test-fixtures';
import { button, byLabel, findText, submit, type } from '../testing';
import { createRolesPanel, rolesFeature } from '.';
import { mixesAuditWithAdministration } from './access';

const catalogue = [
  { code: 'admin.users.read', description: 'see users (personal numbers masked)' },
  { code: 'admin.policies.read', description: 'see data access policies' },
  { code: 'audit.read', description: 'search and verify the audit trail' },
];
const admin = { id: 'admin', name: 'admin', builtIn: true, permissions: ['admin.users.read', 'admin.policies.read'] };
const viewer = { id: 'policy-viewer', name: 'Policy viewer', builtIn: false, permissions: ['admin.policies.read'] };
const WRITE = ['admin.roles.read', 'admin.roles.write'];

let server: ReturnType<typeof fakeServer>;
beforeEach(() => {
  document.body.replaceChildren();
  setCsrfToken('csrf-roles');
  server = fakeServer()
    .on('GET', '/admin/permissions', () => jsonResponse(catalogue))
    .on('GET', '/admin/roles', () => jsonResponse([viewer, admin]));
});
afterEach(() => {
  setCsrfToken(null);
  vi.unstubAllGlobals();
});

function mount(permissions = WRITE): HTMLElement {
  const panel = createRolesPanel(document, new Set(permissions));
  document.body.append(panel);
  return panel;
}

const rows = (table: HTMLTableElement) => Array.from(table.tBodies[0]!.rows, (row) => Array.from(row.cells, (c) => c.textContent));
const check = (root: ParentNode, code: string) => root.querySelector<HTMLInputElement>(`input[name="permissions"][value="${code}"]`)!;

describe('roles feature', () => {
  it('is offered only with admin.roles.read', () => {
    expect(rolesFeature(new Set(['admin.roles.write'])).mount).toBeUndefined();
    expect(rolesFeature(new Set(['admin.roles.read'])).mount).toBeDefined();
  });

  it('lists built-in roles first, read-only, and custom ones with edit and delete', async () => {
    const panel = mount();
    const table = (await findText(panel, 'table', 'policy-viewer')) as HTMLTableElement;
    expect(table.caption?.textContent).toBe('Roles (2)');
    expect(rows(table)).toEqual([
      ['admin', 'admin', 'Built-in', 'admin.users.read, admin.policies.read', 'Read-only'],
      ['policy-viewer', 'Policy viewer', 'Custom', 'admin.policies.read', 'EditDelete'],
    ]);
    expect(() => button(panel, 'Edit role admin')).toThrow();
  });

  it('shows no changes to readers', async () => {
    const panel = mount(['admin.roles.read']);
    const table = (await findText(panel, 'table', 'policy-viewer')) as HTMLTableElement;
    expect(table.tHead!.rows[0]!.cells).toHaveLength(4);
    expect(panel.querySelector('form')).toBeNull();
  });

  it('creates a role from the ticked permissions, each shown with its description', async () => {
    server.on('POST', '/admin/roles', () => jsonResponse({ id: 'user-reader', name: 'User reader', builtIn: false, permissions: ['admin.users.read'] }, 201));
    const panel = mount();
    const form = button(panel, 'Create role').closest('form')!;
    await findText(form, 'label', 'see users (personal numbers masked)');
    type(byLabel(form, 'Role ID'), 'user-reader');
    type(byLabel(form, 'Name'), ' User reader ');
    check(form, 'admin.users.read').checked = true;
    submit(form);
    await findText(panel, '[role="status"]', 'Role “user-reader” created.');
    const [call] = server.calls('POST', '/admin/roles');
    expect(call?.body).toEqual({ id: 'user-reader', name: 'User reader', permissions: ['admin.users.read'] });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-roles');
  });

  it('refuses a bad id, no permission, and audit.read mixed with administration, before asking the server', async () => {
    const panel = mount();
    const form = button(panel, 'Create role').closest('form')!;
    await findText(form, 'label', 'audit.read');
    type(byLabel(form, 'Role ID'), 'Bad Id');
    type(byLabel(form, 'Name'), 'x');
    submit(form);
    await findText(form, '[role="alert"]', 'The role ID must be');
    expect(document.activeElement).toBe(byLabel(form, 'Role ID'));
    type(byLabel(form, 'Role ID'), 'mixed');
    submit(form);
    await findText(form, '[role="alert"]', 'Tick at least one permission.');
    check(form, 'audit.read').checked = true;
    check(form, 'admin.users.read').checked = true;
    submit(form);
    await findText(form, '[role="alert"]', 'may not combine audit.read');
    expect(server.calls('POST', '/admin/roles')).toHaveLength(0);
    expect(mixesAuditWithAdministration(['audit.read'])).toBe(false);
  });

  it('edits a custom role with PUT, with its permissions ticked', async () => {
    server.on('PUT', '/admin/roles/policy-viewer', () => jsonResponse({ ...viewer, permissions: ['admin.policies.read', 'admin.users.read'] }));
    const panel = mount();
    await findText(panel, 'table', 'policy-viewer');
    const edit = button(panel, 'Edit role policy-viewer');
    edit.click();
    const form = panel.querySelector('#role-edit-title')!.closest('form')!;
    expect(document.activeElement).toBe(byLabel(form, 'Name'));
    await findText(form, 'label', 'admin.users.read');
    expect(check(form, 'admin.policies.read').checked).toBe(true);
    expect(form.querySelector('#role-id')).toBeNull();
    check(form, 'admin.users.read').checked = true;
    submit(form);
    await findText(panel, '[role="status"]', 'Role “policy-viewer” saved.');
    expect(server.calls('PUT', '/admin/roles/policy-viewer')[0]?.body).toEqual({ name: 'Policy viewer', permissions: ['admin.policies.read', 'admin.users.read'] });
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit role policy-viewer'));
  });

  it('deletes after confirmation, and explains a 409 when users still hold the role', async () => {
    server.once('DELETE', '/admin/roles/policy-viewer', () => errorResponse(409, 2413, 'role policy-viewer is held by 2 users'));
    server.once('DELETE', '/admin/roles/policy-viewer', () => noContent());
    const panel = mount();
    await findText(panel, 'table', 'policy-viewer');
    button(panel, 'Delete role policy-viewer').click();
    expect(document.activeElement).toBe(button(panel, 'Delete role'));
    button(panel, 'Cancel').click();
    expect(server.calls('DELETE', '/admin/roles/policy-viewer')).toHaveLength(0);
    expect(document.activeElement).toBe(button(panel, 'Delete role policy-viewer'));

    button(panel, 'Delete role policy-viewer').click();
    button(panel, 'Delete role').click();
    await findText(panel, '[role="alert"]', 'Role “policy-viewer” is still held by users: take it away from them first. (role policy-viewer is held by 2 users)');

    server.on('GET', '/admin/roles', () => jsonResponse([admin]));
    button(panel, 'Delete role policy-viewer').click();
    button(panel, 'Delete role').click();
    await findText(panel, '[role="status"]', 'Role “policy-viewer” deleted.');
    await vi.waitFor(() => expect(panel.textContent).not.toContain('Policy viewer'));
  });
});
