import { apiFetch, describeError, type Dictionary, type DictionaryEntry, type DictionarySummary } from '../api';
import { actionButton, cell, element, focusButton, inputField, liveRegion, loadInto, t, table } from '../shell';
import { DICTIONARY_ID } from './access';
import { entryFields, readEntry } from './entry-form';

const load = <T>(target: HTMLElement, fetch: () => Promise<T>, render: (value: T) => void): Promise<void> =>
  loadInto(target, fetch, render, describeError);

const entryPath = (id: string, code: string): string => `/dictionaries/${encodeURIComponent(id)}/${encodeURIComponent(code)}`;

/**
 * The dictionaries: the list, and per dictionary its codes. Administrator-defined dictionaries
 * can get new codes, and their codes can be edited, disabled and enabled again; built-in
 * dictionaries (national standards) are shown read-only. There is no delete: records keep codes.
 */
export function createDictionariesPanel(doc: Document): HTMLElement {
  const section = element(doc, 'section', 'panel dict');
  section.setAttribute('aria-labelledby', 'dict-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('dict.title'));
  heading.id = 'dict-title';
  top.append(heading);
  const body = element(doc, 'div', 'panel__body');
  section.append(top, body);

  let known: readonly DictionarySummary[] = [];

  function showList(): void {
    const view = element(doc, 'div', 'dict__view');
    const intro = element(doc, 'p', 'form__hint', t('dict.intro'));
    const list = element(doc, 'div', '');
    view.append(intro, list, createDictionaryForm(doc, () => known, (id) => showDictionary(id, t('dict.create.done', { id }))));
    body.replaceChildren(view);
    void load(list, () => apiFetch<DictionarySummary[]>('/dictionaries'), (dictionaries) => {
      known = dictionaries;
      if (dictionaries.length === 0) {
        list.append(element(doc, 'p', 'form__hint', t('dict.empty')));
        return;
      }
      const columns = ['dict.id', 'dict.kind', 'dict.actions'] as const;
      list.append(
        table(doc, t('dict.list.caption', { count: dictionaries.length }), columns, dictionaries, (dictionary, row) => {
          cell(row, dictionary.id, true);
          cell(row, t(dictionary.builtIn ? 'dict.builtIn' : 'dict.custom'));
          const open = actionButton(doc, t('dict.open'), t('dict.openLabel', { id: dictionary.id }));
          open.addEventListener('click', () => showDictionary(dictionary.id));
          row.insertCell().append(open);
        }),
      );
    });
  }

  function showDictionary(id: string, message?: string): void {
    const view = element(doc, 'div', 'dict__view');
    const back = actionButton(doc, t('dict.back'), undefined, 'button dict__back');
    back.addEventListener('click', () => {
      showList();
      body.querySelector<HTMLElement>('button')?.focus();
    });
    const title = element(doc, 'h2', 'dict__heading', t('dict.heading', { id }));
    title.tabIndex = -1;
    const done = liveRegion(doc, 'status');
    if (message) done.textContent = message;
    const content = element(doc, 'div', 'dict__view');
    view.append(back, title, done, content);
    body.replaceChildren(view);
    title.focus();

    const reload = (): Promise<void> =>
      load(content, () => apiFetch<Dictionary>(`/dictionaries/${encodeURIComponent(id)}`), (dictionary) => {
        renderDictionary(doc, content, dictionary, done, reload);
      });
    void reload();
  }

  showList();
  return section;
}

function renderDictionary(doc: Document, content: HTMLElement, dictionary: Dictionary, done: HTMLElement, reload: () => Promise<void>): void {
  const editable = !dictionary.builtIn;
  if (!editable) content.append(element(doc, 'p', 'notice dict__read-only', t('dict.readOnly')));
  const editor = element(doc, 'div', 'dict__editor');
  const columns = ['dict.entry.code', 'dict.entry.label', 'dict.entry.labelEn', 'dict.entry.sortOrder', 'dict.entry.status'] as const;
  content.append(
    table(doc, t('dict.entries.caption', { count: dictionary.entries.length }), editable ? [...columns, 'dict.actions'] : columns, dictionary.entries, (entry, row) => {
      row.dataset.code = entry.code;
      cell(row, entry.code, true);
      cell(row, entry.label).lang = 'zh-CN';
      cell(row, entry.labelEn ?? '').lang = 'en';
      cell(row, String(entry.sortOrder));
      cell(row, t(entry.enabled ? 'ui.enabled' : 'ui.disabled'));
      if (!editable) return;
      const actions = row.insertCell();
      actions.className = 'dict__actions';
      const edit = actionButton(doc, t('dict.entry.edit'), t('dict.entry.editLabel', { code: entry.code }));
      edit.addEventListener('click', () => {
        editor.replaceChildren(editForm(doc, dictionary.id, entry, edit, async (saved) => {
          editor.replaceChildren();
          done.textContent = t('dict.entry.saved', { code: saved.code });
          await reload();
          focusButton(content, t('dict.entry.editLabel', { code: saved.code }));
        }, () => editor.replaceChildren()));
        editor.querySelector<HTMLInputElement>('input')?.focus();
      });
      actions.append(edit, toggleButton(doc, entry, done, reload));
    }),
    editor,
  );
  if (editable) {
    content.append(addForm(doc, dictionary, async (added) => {
      done.textContent = t('dict.add.done', { code: added.code });
      await reload();
      content.querySelector<HTMLInputElement>('#dict-add-code')?.focus();
    }));
  }
}

function toggleButton(doc: Document, entry: DictionaryEntry, done: HTMLElement, changed: () => Promise<void>): HTMLButtonElement {
  const button = actionButton(
    doc,
    t(entry.enabled ? 'dict.entry.disable' : 'dict.entry.enable'),
    t(entry.enabled ? 'dict.entry.disableLabel' : 'dict.entry.enableLabel', { code: entry.code }),
  );
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      try {
        await apiFetch<DictionaryEntry>(entryPath(entry.dictionary, entry.code), { method: 'PATCH', body: { enabled: !entry.enabled } });
        done.textContent = t('dict.entry.saved', { code: entry.code });
        const view = button.closest('.dict__view') ?? doc;
        await changed();
        // The list is drawn anew: keep the keyboard on this entry's toggle, now the opposite action.
        focusButton(view, t(entry.enabled ? 'dict.entry.enableLabel' : 'dict.entry.disableLabel', { code: entry.code }));
      } catch (error) {
        button.disabled = false;
        const alert = element(doc, 'p', 'alert', describeError(error));
        alert.setAttribute('role', 'alert');
        button.after(alert);
      }
    })();
  });
  return button;
}

function editForm(
  doc: Document,
  dictionary: string,
  entry: DictionaryEntry,
  opener: HTMLButtonElement,
  saved: (entry: DictionaryEntry) => Promise<void>,
  cancelled: () => void,
): HTMLElement {
  const form = element(doc, 'form', 'form dict__form');
  form.noValidate = true;
  const titleId = 'dict-edit-title';
  form.setAttribute('aria-labelledby', titleId);
  const title = element(doc, 'h3', 'dict__subheading', t('dict.entry.editTitle', { code: entry.code }));
  title.id = titleId;
  const alert = liveRegion(doc, 'alert');
  const fields = entryFields(doc, 'dict-edit', entry);
  const submit = element(doc, 'button', 'button button--primary', t('ui.save'));
  submit.type = 'submit';
  const cancel = actionButton(doc, t('ui.cancel'));
  cancel.addEventListener('click', () => {
    cancelled();
    opener.focus();
  });
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit, cancel);
  form.append(title, alert, ...fields.wrappers, actions);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancel.click();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const values = readEntry(fields, entry.code);
      if (typeof values === 'string') {
        alert.textContent = t(values);
        return;
      }
      alert.textContent = '';
      submit.disabled = true;
      try {
        const body = { label: values.label, labelEn: values.labelEn, sortOrder: values.sortOrder };
        await saved(await apiFetch<DictionaryEntry>(entryPath(dictionary, entry.code), { method: 'PATCH', body }));
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}

/** PUT creates or replaces: refuse a code the dictionary already has, so that "add" never overwrites. */
function addForm(doc: Document, dictionary: Dictionary, added: (entry: DictionaryEntry) => Promise<void>): HTMLElement {
  const form = element(doc, 'form', 'form dict__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'dict-add-title');
  const title = element(doc, 'h3', 'dict__subheading', t('dict.add.title'));
  title.id = 'dict-add-title';
  const alert = liveRegion(doc, 'alert');
  const fields = entryFields(doc, 'dict-add');
  const submit = element(doc, 'button', 'button button--primary', t('dict.add.submit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  form.append(title, alert, ...fields.wrappers, actions);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const values = readEntry(fields);
      if (typeof values === 'string') {
        alert.textContent = t(values);
        return;
      }
      if (dictionary.entries.some((entry) => entry.code === values.code)) {
        alert.textContent = t('dict.add.exists', { code: values.code });
        fields.code?.focus();
        return;
      }
      alert.textContent = '';
      submit.disabled = true;
      try {
        const entry = await apiFetch<DictionaryEntry>(entryPath(dictionary.id, values.code), { method: 'PUT', body: putBody(values) });
        form.reset();
        await added(entry);
      } catch (error) {
        alert.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}

function putBody(values: { label: string; labelEn: string | null; sortOrder: number }): Record<string, unknown> {
  const body: Record<string, unknown> = { label: values.label, sortOrder: values.sortOrder };
  if (values.labelEn !== null) body.labelEn = values.labelEn;
  return body;
}

/** A new dictionary is its id and a first code (a dictionary exists once it has an entry). */
function createDictionaryForm(doc: Document, known: () => readonly DictionarySummary[], created: (id: string) => void): HTMLElement {
  const form = element(doc, 'form', 'form dict__form');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'dict-create-title');
  const title = element(doc, 'h2', 'dict__heading', t('dict.create.title'));
  title.id = 'dict-create-title';
  const alert = liveRegion(doc, 'alert');
  const id = inputField(doc, { id: 'dict-create-id', label: t('dict.create.id'), required: true, autocomplete: 'off', hint: t('dict.create.idHint') });
  id.input.maxLength = 32;
  id.input.autocapitalize = 'off';
  id.input.spellcheck = false;
  const first = element(doc, 'fieldset', 'form__fieldset form');
  first.append(element(doc, 'legend', 'form__legend', t('dict.create.first')));
  const fields = entryFields(doc, 'dict-create');
  first.append(...fields.wrappers);
  const submit = element(doc, 'button', 'button button--primary', t('dict.create.submit'));
  submit.type = 'submit';
  const actions = element(doc, 'div', 'form__actions');
  actions.append(submit);
  form.append(title, alert, id.wrapper, first, actions);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const dictionary = id.input.value.trim();
      id.input.removeAttribute('aria-invalid');
      if (!DICTIONARY_ID.test(dictionary)) {
        alert.textContent = t(dictionary === '' ? 'ui.missing' : 'dict.error.id');
        id.input.setAttribute('aria-invalid', 'true');
        id.input.focus();
        return;
      }
      if (known().some((existing) => existing.id === dictionary)) {
        alert.textContent = t('dict.create.exists', { id: dictionary });
        id.input.focus();
        return;
      }
      const values = readEntry(fields);
      if (typeof values === 'string') {
        alert.textContent = t(values);
        return;
      }
      alert.textContent = '';
      submit.disabled = true;
      try {
        await apiFetch<DictionaryEntry>(entryPath(dictionary, values.code), { method: 'PUT', body: putBody(values) });
        created(dictionary);
      } catch (error) {
        alert.textContent = describeError(error);
        submit.disabled = false;
      }
    })();
  });
  return form;
}
