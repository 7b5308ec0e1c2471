import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken, type DataPolicy } from '../api';
import { errorResponse, fakeServer, jsonResponse, noContent } from '../api/test-fixtures';
import { button, byLabel, findText, submit, type } from '../testing';
import { createPoliciesPanel, policiesFeature, type PolicyAccess } from '.';
import { instantToLocal, localToInstant, parseValues } from './access';

const empty = { users: [], roles: [], hospitals: [], departments: [], systems: [], channels: [] };
const emptyScope = { dataTypes: [], hospitals: [], departments: [], patientClasses: [], patients: [], exams: [], examTypes: [], sourceSystems: [] };
const noExports: DataPolicy = {
  id: 'pol-1',
  name: 'No report exports to the HIS',
  effect: 'deny',
  actions: ['export', 'print'],
  enabled: true,
  subjects: { ...empty, systems: ['regional-his'], channels: ['partner-api'] },
  scope: { ...emptyScope, dataTypes: ['report'] },
};
const vip: DataPolicy = {
  id: 'pol-2',
  name: 'VIP readers',
  effect: 'allow',
  actions: ['read'],
  enabled: false,
  subjects: { ...empty, roles: ['vip-reader'] },
  scope: { ...emptyScope, patientClasses: ['VIP'], hospitals: ['h1'] },
  validUntil: '2027-01-01T00:00:00Z',
  ownerHospitalId: 'h1',
};
const PLATFORM: PolicyAccess = {
  permissions: new Set(['admin.policies.read', 'admin.policies.write', 'admin.scope.all-hospitals']),
  hospitalId: null,
  userId: 'u-admin',
};
const HOSPITAL: PolicyAccess = { permissions: new Set(['admin.policies.read', 'admin.policies.write']), hospitalId: 'h1', userId: 'u-ha' };

let server: ReturnType<typeof fakeServer>;
beforeEach(() => {
  document.body.replaceChildren();
  setCsrfToken('csrf-policies');
  server = fakeServer().on('GET', '/admin/policies', () => jsonResponse([noExports, vip]));
});
afterEach(() => {
  setCsrfToken(null);
  vi.unstubAllGlobals();
});

function mount(access: PolicyAccess = PLATFORM): HTMLElement {
  const panel = createPoliciesPanel(document, access);
  document.body.append(panel);
  return panel;
}

const rows = (table: HTMLTableElement) => Array.from(table.tBodies[0]!.rows, (row) => Array.from(row.cells, (c) => c.textContent));
const box = (root: ParentNode, name: string, value: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
const policyFormOf = (panel: HTMLElement) => panel.querySelector('#policy-form-title')!.closest('form')!;

describe('access policies', () => {
  it('is offered only with admin.policies.read', () => {
    expect(policiesFeature({ permissions: new Set(['admin.policies.write']), hospitalId: null }).mount).toBeUndefined();
    expect(policiesFeature({ permissions: new Set(['admin.policies.read']), hospitalId: null }).mount).toBeDefined();
  });

  it('explains the rules and lists each policy with effect, actions, subjects, scope and status', async () => {
    const panel = mount();
    expect(panel.querySelector('.policies__rules')?.textContent).toContain('A matching deny policy wins');
    expect(panel.querySelector('.policies__rules')?.textContent).toContain('protected patient class (such as VIP)');
    const table = (await findText(panel, 'table', 'VIP readers')) as HTMLTableElement;
    expect(table.caption?.textContent).toBe('Access policies (2)');
    expect(rows(table)).toEqual([
      ['No report exports to the HIS', 'Deny', 'Export, Print', 'Systems: regional-his; Channels: partner-api', 'Data types: report', 'Enabled', 'EditDelete'],
      ['VIP readers', 'Allow', 'Read', 'Roles: vip-reader', 'Data of hospitals (IDs): h1; Patient classes: VIP', 'Disabled; in force from … until 2027-01-01T00:00:00Z', 'EditDelete'],
    ]);
  });

  it('shows readers the list and Check access, but no changes', async () => {
    const panel = mount({ permissions: new Set(['admin.policies.read']), hospitalId: null });
    const table = (await findText(panel, 'table', 'VIP readers')) as HTMLTableElement;
    expect(table.tHead!.rows[0]!.cells).toHaveLength(6);
    expect(() => button(panel, 'New policy')).toThrow();
    expect(button(panel, 'Check access')).toBeDefined();
  });

  it('creates a policy covering every dimension, lists as comma-separated values, times as UTC', async () => {
    server.on('POST', '/admin/policies', () => jsonResponse({ ...noExports, id: 'pol-3', name: 'Night reading' }, 201));
    const panel = mount();
    await findText(panel, 'table', 'VIP readers');
    button(panel, 'New policy').click();
    const form = policyFormOf(panel);
    expect(document.activeElement).toBe(byLabel(form, 'Name'));
    type(byLabel(form, 'Name'), 'Night reading');
    byLabel<HTMLSelectElement>(form, 'Effect').value = 'allow';
    box(form, 'policy-actions', 'read').checked = true;
    box(form, 'policy-actions', 'print').checked = true;
    (form.querySelector('input[name="policy-enabled"]') as HTMLInputElement).checked = false;
    type(byLabel(form, 'Users (IDs)'), 'u1, u2,u1');
    type(byLabel(form, 'Roles'), 'doctor');
    type(byLabel(form, 'Requesters’ hospitals (IDs)'), 'h2');
    type(byLabel(form, 'Requesters’ departments (IDs)'), 'd1');
    type(byLabel(form, 'Systems'), '');
    box(form, 'policy-channels', 'web').checked = true;
    type(byLabel(form, 'Data types'), 'report, study');
    type(byLabel(form, 'Data of hospitals (IDs)'), 'h1');
    type(byLabel(form, 'Data of departments (IDs)'), 'd9');
    type(byLabel(form, 'Patient classes'), 'VIP');
    type(byLabel(form, 'Patients (IDs)'), 'p1');
    type(byLabel(form, 'Exams (IDs)'), 'e1');
    type(byLabel(form, 'Exam types'), 'CT');
    type(byLabel(form, 'Source systems'), 'pacs-a');
    type(byLabel(form, 'Data produced from'), '2026-01-01T08:00');
    type(byLabel(form, 'In force until'), '2026-12-31T23:30');
    submit(form);
    await findText(panel, '[role="status"]', 'Policy “Night reading” created.');
    const [call] = server.calls('POST', '/admin/policies');
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-policies');
    expect(call?.body).toEqual({
      name: 'Night reading',
      effect: 'allow',
      actions: ['read', 'print'],
      enabled: false,
      subjects: { users: ['u1', 'u2'], roles: ['doctor'], hospitals: ['h2'], departments: ['d1'], systems: [], channels: ['web'] },
      scope: {
        dataTypes: ['report', 'study'], hospitals: ['h1'], departments: ['d9'], patientClasses: ['VIP'], patients: ['p1'], exams: ['e1'],
        examTypes: ['CT'], sourceSystems: ['pacs-a'], dataFrom: new Date('2026-01-01T08:00').toISOString(),
      },
      validUntil: new Date('2026-12-31T23:30').toISOString(),
    });
    expect(panel.querySelector('#policy-form-title')).toBeNull();
  });

  it('needs a name and an action, and shows the server’s message about a field', async () => {
    server.on('POST', '/admin/policies', () => errorResponse(400, 1400, "field 'subjects.roles': unknown role 'nobody'"));
    const panel = mount();
    button(panel, 'New policy').click();
    const form = policyFormOf(panel);
    submit(form);
    await findText(form, '[role="alert"]', 'Fill in the required fields.');
    type(byLabel(form, 'Name'), 'x');
    submit(form);
    await findText(form, '[role="alert"]', 'Tick at least one action.');
    expect(document.activeElement).toBe(box(form, 'policy-actions', 'read'));
    box(form, 'policy-actions', 'read').checked = true;
    type(byLabel(form, 'Roles'), 'nobody');
    submit(form);
    await findText(form, '[role="alert"]', "unknown role 'nobody'");
  });

  it('limits a hospital administrator’s policies to their own hospital’s data', async () => {
    server.on('POST', '/admin/policies', () => jsonResponse({ ...vip, id: 'pol-4' }, 201));
    const panel = mount(HOSPITAL);
    button(panel, 'New policy').click();
    const form = policyFormOf(panel);
    expect(() => byLabel(form, 'Data of hospitals (IDs)')).toThrow();
    expect(form.textContent).toContain('Your policies cover your own hospital’s data only.');
    type(byLabel(form, 'Name'), 'Ward reading');
    box(form, 'policy-actions', 'read').checked = true;
    submit(form);
    await findText(panel, '[role="status"]', 'created');
    const body = server.calls('POST', '/admin/policies')[0]?.body as { scope: { hospitals: string[] } };
    expect(body.scope.hospitals).toEqual(['h1']);
  });

  it('edits a policy with PUT, keeping its owner, and cancels back to the Edit button', async () => {
    server.on('PUT', '/admin/policies/pol-2', () => jsonResponse({ ...vip, enabled: true }));
    const panel = mount();
    await findText(panel, 'table', 'VIP readers');
    const edit = button(panel, 'Edit policy VIP readers');
    edit.click();
    let form = policyFormOf(panel);
    expect(byLabel(form, 'Roles').value).toBe('vip-reader');
    expect(byLabel(form, 'In force until').value).toBe(instantToLocal('2027-01-01T00:00:00Z'));
    button(form, 'Cancel').click();
    expect(panel.querySelector('#policy-form-title')).toBeNull();
    expect(document.activeElement).toBe(edit);

    edit.click();
    form = policyFormOf(panel);
    expect(box(form, 'policy-actions', 'read').checked).toBe(true);
    (form.querySelector('input[name="policy-enabled"]') as HTMLInputElement).checked = true;
    submit(form);
    await findText(panel, '[role="status"]', 'Policy “VIP readers” saved.');
    const body = server.calls('PUT', '/admin/policies/pol-2')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ enabled: true, ownerHospitalId: 'h1', validUntil: '2027-01-01T00:00:00.000Z' });
  });

  it('deletes a policy after confirmation', async () => {
    server.on('DELETE', '/admin/policies/pol-1', () => noContent());
    const panel = mount();
    await findText(panel, 'table', 'VIP readers');
    button(panel, 'Delete policy No report exports to the HIS').click();
    expect(panel.textContent).toContain('Delete policy “No report exports to the HIS”?');
    server.on('GET', '/admin/policies', () => jsonResponse([vip]));
    button(panel, 'Delete policy').click();
    await findText(panel, '[role="status"]', 'Policy “No report exports to the HIS” deleted.');
    expect(server.calls('DELETE', '/admin/policies/pol-1')).toHaveLength(1);
    await vi.waitFor(() => expect(panel.querySelector('table')?.textContent).not.toContain('No report exports'));
  });

  it('checks access and shows the decision with its reason and the deciding policy', async () => {
    server.on('POST', '/admin/policies/evaluate', () => jsonResponse({ allowed: false, reason: "denied by policy 'No report exports to the HIS'", policyId: 'pol-1' }));
    const panel = mount();
    await findText(panel, 'table', 'VIP readers');
    const form = button(panel, 'Check access').closest('form')!;
    expect(byLabel(form, 'User ID or system name').value).toBe('u-admin');
    byLabel<HTMLSelectElement>(form, 'Who asks').value = 'system';
    byLabel<HTMLSelectElement>(form, 'Who asks').dispatchEvent(new Event('change'));
    expect(byLabel(form, 'User ID or system name').value).toBe('');
    submit(form);
    await findText(form, '[role="alert"]', 'Enter the system’s name.');
    type(byLabel(form, 'User ID or system name'), 'regional-his');
    byLabel<HTMLSelectElement>(form, 'Channel').value = 'partner-api';
    byLabel<HTMLSelectElement>(form, 'Action').value = 'export';
    submit(form);
    await findText(form, '[role="alert"]', 'Enter the data type.');
    type(byLabel(form, 'Data type'), 'report');
    type(byLabel(form, 'Patient classes'), 'VIP, special');
    type(byLabel(form, 'Hospital of the data (ID)'), 'h1');
    submit(form);
    const result = await findText(form, '[role="status"]', 'Denied');
    expect(result.textContent).toBe("Denied: denied by policy 'No report exports to the HIS'. Decided by policy “No report exports to the HIS”.");
    expect(result.getAttribute('data-allowed')).toBe('false');
    expect(server.calls('POST', '/admin/policies/evaluate')[0]?.body).toEqual({
      system: 'regional-his',
      channel: 'partner-api',
      action: 'export',
      resource: { dataType: 'report', hospitalId: 'h1', patientClasses: ['VIP', 'special'] },
    });
  });

  it('asks a hospital administrator’s question about their own hospital, for a user', async () => {
    server.on('POST', '/admin/policies/evaluate', () => jsonResponse({ allowed: true, reason: "own hospital's data" }));
    const panel = mount(HOSPITAL);
    const form = button(panel, 'Check access').closest('form')!;
    expect(byLabel(form, 'Hospital of the data (ID)').readOnly).toBe(true);
    type(byLabel(form, 'Data type'), 'study');
    submit(form);
    await findText(form, '[role="status"]', "Allowed: own hospital's data.");
    expect(server.calls('POST', '/admin/policies/evaluate')[0]?.body).toMatchObject({ userId: 'u-ha', channel: 'web', action: 'read', resource: { dataType: 'study', hospitalId: 'h1' } });
  });

  it('reads comma-separated values and local times', () => {
    expect(parseValues(' a, b\nc;; a ')).toEqual(['a', 'b', 'c']);
    expect(localToInstant('')).toBeNull();
    expect(localToInstant('not a date')).toBeUndefined();
    expect(instantToLocal(localToInstant('2026-03-04T05:06')!)).toBe('2026-03-04T05:06');
  });
});
