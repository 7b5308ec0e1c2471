import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api';
import { errorResponse, fakeServer, jsonResponse } from '../api/test-fixtures';
import { button, byLabel, findText, submit, type } from '../testing';
import { createDictionariesPanel, dictionariesFeature } from '.';

const list = [
  { id: 'gender', builtIn: true },
  { id: 'specialty', builtIn: false },
];
const gender = {
  id: 'gender',
  builtIn: true,
  entries: [{ dictionary: 'gender', code: '1', label: '男性', labelEn: 'Male', sortOrder: 10, enabled: true }],
};
const card = { dictionary: 'specialty', code: 'CARD', label: '心血管内科', labelEn: 'Cardiology', sortOrder: 10, enabled: true };
const neuro = { dictionary: 'specialty', code: 'NEUR', label: '神经内科', sortOrder: 20, enabled: false };
const specialty = { id: 'specialty', builtIn: false, entries: [card, neuro] };

let server: ReturnType<typeof fakeServer>;
beforeEach(() => {
  document.body.replaceChildren();
  setCsrfToken('csrf-dict');
  server = fakeServer()
    .on('GET', '/dictionaries', () => jsonResponse(list))
    .on('GET', '/dictionaries/gender', () => jsonResponse(gender))
    .on('GET', '/dictionaries/specialty', () => jsonResponse(specialty));
});
afterEach(() => setCsrfToken(null));

function mount(): HTMLElement {
  const panel = createDictionariesPanel(document);
  document.body.append(panel);
  return panel;
}

async function open(panel: HTMLElement, id: string): Promise<HTMLTableElement> {
  (await findText(panel, 'table', id)) as HTMLTableElement;
  button(panel, `Open dictionary ${id}`).click();
  await findText(panel, 'h2', `Dictionary “${id}”`);
  return (await findText(panel, 'table caption', 'Codes')).closest('table')!;
}

const rows = (table: HTMLTableElement) => Array.from(table.tBodies[0]!.rows, (row) => Array.from(row.cells, (c) => c.textContent));

describe('dictionaries', () => {
  it('is offered only with the dictionary permission', () => {
    expect(dictionariesFeature({ permissions: new Set(['admin.users.write']) }).mount).toBeUndefined();
    expect(dictionariesFeature({ permissions: new Set(['admin.dictionaries.write']) }).mount).toBeDefined();
  });

  it('lists the dictionaries with their kind', async () => {
    const panel = mount();
    const table = (await findText(panel, 'table', 'gender')) as HTMLTableElement;
    expect(table.caption?.textContent).toBe('Dictionaries (2)');
    expect(rows(table)).toEqual([
      ['gender', 'Built-in (national standard)', 'Open'],
      ['specialty', 'Defined by administrators', 'Open'],
    ]);
  });

  it('shows a built-in dictionary read-only', async () => {
    const panel = mount();
    const table = await open(panel, 'gender');
    expect(rows(table)).toEqual([['1', '男性', 'Male', '10', 'Enabled']]);
    expect(panel.textContent).toContain('read-only');
    expect(panel.querySelector('form')).toBeNull();
    expect(table.querySelector('button')).toBeNull();
  });

  it('lists the codes of an administrator-defined dictionary with edit and enable/disable', async () => {
    const panel = mount();
    const table = await open(panel, 'specialty');
    expect(rows(table)).toEqual([
      ['CARD', '心血管内科', 'Cardiology', '10', 'Enabled', 'EditDisable'],
      ['NEUR', '神经内科', '', '20', 'Disabled', 'EditEnable'],
    ]);
    expect(document.activeElement?.textContent).toBe('Dictionary “specialty”');
  });

  it('adds a code with PUT and the CSRF token, and refuses a code that exists', async () => {
    server.on('PUT', '/dictionaries/specialty/ORTH', () => jsonResponse({ dictionary: 'specialty', code: 'ORTH', label: '骨科', sortOrder: 0, enabled: true }, 201));
    const panel = mount();
    await open(panel, 'specialty');
    const form = button(panel, 'Add code').closest('form')!;

    type(byLabel(form, 'Code'), 'CARD');
    type(byLabel(form, 'Label (Chinese)'), '心内科');
    submit(form);
    await findText(form, '[role="alert"]', 'Code “CARD” already exists: edit it instead.');
    expect(server.calls('PUT', '/dictionaries/specialty/CARD')).toHaveLength(0);

    type(byLabel(form, 'Code'), 'bad code!');
    submit(form);
    await findText(form, '[role="alert"]', 'The code must be 1 to 32 letters');
    expect(byLabel(form, 'Code').getAttribute('aria-invalid')).toBe('true');

    type(byLabel(form, 'Code'), 'ORTH');
    type(byLabel(form, 'Label (Chinese)'), ' 骨科 ');
    submit(form);
    await findText(panel, '[role="status"]', 'Code “ORTH” added.');
    const [call] = server.calls('PUT', '/dictionaries/specialty/ORTH');
    expect(call?.body).toEqual({ label: '骨科', sortOrder: 0 });
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-dict');
  });

  it('checks the sort order', async () => {
    const panel = mount();
    await open(panel, 'specialty');
    const form = button(panel, 'Add code').closest('form')!;
    type(byLabel(form, 'Code'), 'X1');
    type(byLabel(form, 'Label (Chinese)'), '其他');
    type(byLabel(form, 'Sort order'), '10000');
    submit(form);
    await findText(form, '[role="alert"]', 'The sort order must be a whole number from 0 to 9999.');
    expect(server.fetch.mock.calls.filter(([, init]) => init?.method === 'PUT')).toHaveLength(0);
  });

  it('edits a code’s labels and order with PATCH; an empty English label removes it', async () => {
    server.on('PATCH', '/dictionaries/specialty/CARD', () => jsonResponse({ ...card, label: '心内科', labelEn: undefined, sortOrder: 5 }));
    const panel = mount();
    await open(panel, 'specialty');
    button(panel, 'Edit code CARD').click();
    const form = (await findText(panel, 'form h3', 'Edit code CARD')).closest('form')!;
    expect(byLabel(form, 'Label (Chinese)').value).toBe('心血管内科');
    expect(document.activeElement).toBe(byLabel(form, 'Label (Chinese)'));
    expect(form.querySelector('#dict-edit-code')).toBeNull();
    type(byLabel(form, 'Label (Chinese)'), '心内科');
    type(byLabel(form, 'Label (English)'), '');
    type(byLabel(form, 'Sort order'), '5');
    submit(form);
    await findText(panel, '[role="status"]', 'Code “CARD” saved.');
    expect(server.calls('PATCH', '/dictionaries/specialty/CARD')[0]?.body).toEqual({ label: '心内科', labelEn: null, sortOrder: 5 });
  });

  it('cancels an edit with Escape and returns focus to its button', async () => {
    const panel = mount();
    await open(panel, 'specialty');
    const edit = button(panel, 'Edit code CARD');
    edit.click();
    const form = (await findText(panel, 'form h3', 'Edit code CARD')).closest('form')!;
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(panel.textContent).not.toContain('Edit code CARD');
    expect(document.activeElement).toBe(edit);
  });

  it('keeps the keyboard on the entry after disabling it', async () => {
    let disabled = false;
    server.on('PATCH', '/dictionaries/specialty/CARD', () => {
      disabled = true;
      return jsonResponse({ ...card, enabled: false });
    });
    server.on('GET', '/dictionaries/specialty', () => jsonResponse({ ...specialty, entries: [{ ...card, enabled: !disabled }, neuro] }));
    const panel = mount();
    await open(panel, 'specialty');
    const toggle = button(panel, 'Disable code CARD');
    toggle.focus();
    toggle.click();
    await expect.poll(() => document.activeElement?.getAttribute('aria-label')).toBe('Enable code CARD');
  });

  it('disables and enables codes with PATCH', async () => {
    server.on('PATCH', '/dictionaries/specialty/CARD', () => jsonResponse({ ...card, enabled: false }));
    server.on('PATCH', '/dictionaries/specialty/NEUR', () => jsonResponse({ ...neuro, enabled: true }));
    const panel = mount();
    await open(panel, 'specialty');
    button(panel, 'Disable code CARD').click();
    await expect.poll(() => server.calls('PATCH', '/dictionaries/specialty/CARD').length).toBe(1);
    expect(server.calls('PATCH', '/dictionaries/specialty/CARD')[0]?.body).toEqual({ enabled: false });
    await findText(panel, '[role="status"]', 'Code “CARD” saved.');
    button(panel, 'Enable code NEUR').click();
    await expect.poll(() => server.calls('PATCH', '/dictionaries/specialty/NEUR')[0]?.body).toEqual({ enabled: true });
  });

  it('shows the server’s refusal next to the button', async () => {
    server.on('PATCH', '/dictionaries/specialty/CARD', () => errorResponse(403, 2403, 'requires permission admin.dictionaries.write'));
    const panel = mount();
    await open(panel, 'specialty');
    button(panel, 'Disable code CARD').click();
    await findText(panel, '[role="alert"]', 'requires permission admin.dictionaries.write');
  });

  it('creates a dictionary from its id and first code, then opens it', async () => {
    server.on('PUT', '/dictionaries/ward/W1', () => jsonResponse({ dictionary: 'ward', code: 'W1', label: '一病区', sortOrder: 1, enabled: true }, 201));
    server.on('GET', '/dictionaries/ward', () =>
      jsonResponse({ id: 'ward', builtIn: false, entries: [{ dictionary: 'ward', code: 'W1', label: '一病区', sortOrder: 1, enabled: true }] }),
    );
    const panel = mount();
    await findText(panel, 'table', 'gender');
    const form = button(panel, 'Create dictionary').closest('form')!;

    type(byLabel(form, 'Dictionary ID'), 'Ward');
    submit(form);
    await findText(form, '[role="alert"]', 'The dictionary ID must be 2 to 32 characters');

    type(byLabel(form, 'Dictionary ID'), 'specialty');
    submit(form);
    await findText(form, '[role="alert"]', 'Dictionary “specialty” already exists.');

    type(byLabel(form, 'Dictionary ID'), 'ward');
    type(byLabel(form, 'Code'), 'W1');
    type(byLabel(form, 'Label (Chinese)'), '一病区');
    type(byLabel(form, 'Label (English)'), 'Ward 1');
    type(byLabel(form, 'Sort order'), '1');
    submit(form);
    await findText(panel, 'h2', 'Dictionary “ward”');
    await findText(panel, '[role="status"]', 'Dictionary “ward” created.');
    expect(server.calls('PUT', '/dictionaries/ward/W1')[0]?.body).toEqual({ label: '一病区', labelEn: 'Ward 1', sortOrder: 1 });
    await findText(panel, 'table', 'W1');
  });

  it('goes back to the list', async () => {
    const panel = mount();
    await open(panel, 'gender');
    button(panel, 'Back to all dictionaries').click();
    await findText(panel, 'table caption', 'Dictionaries (2)');
  });
});
