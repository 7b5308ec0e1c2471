import { describeError } from '../api';
import { element, t, type MessageKey } from '../shell';

/** A table with a caption and column headers; `cells` fills one row per item. */
export function table<T>(
  doc: Document,
  caption: string,
  columns: readonly MessageKey[],
  items: readonly T[],
  cells: (item: T, row: HTMLTableRowElement) => void,
): HTMLTableElement {
  const result = element(doc, 'table', 'table');
  result.createCaption().textContent = caption;
  const head = result.createTHead().insertRow();
  for (const key of columns) {
    const th = element(doc, 'th', '', t(key));
    th.scope = 'col';
    head.append(th);
  }
  const body = result.createTBody();
  for (const item of items) cells(item, body.insertRow());
  return result;
}

/** Appends a cell with `text` (a row header when `header`). */
export function cell(row: HTMLTableRowElement, text: string, header = false): HTMLTableCellElement {
  if (header) {
    const th = element(row.ownerDocument, 'th', '', text);
    th.scope = 'row';
    row.append(th);
    return th;
  }
  const td = row.insertCell();
  td.textContent = text;
  return td;
}

/** A section with an `h2` heading and a body for its content. */
export function subsection(doc: Document, id: string, title: string): { section: HTMLElement; body: HTMLElement } {
  const section = element(doc, 'section', 'admin__section');
  const heading = element(doc, 'h2', 'admin__heading', title);
  heading.id = `${id}-title`;
  section.setAttribute('aria-labelledby', heading.id);
  const body = element(doc, 'div', 'admin__section-body');
  section.append(heading, body);
  return { section, body };
}

/** Shows a loading status in `target`, runs `load`, then hands the result to `render` or shows the error. */
export async function loadInto<T>(target: HTMLElement, load: () => Promise<T>, render: (value: T) => void): Promise<void> {
  const doc = target.ownerDocument;
  const loading = element(doc, 'p', 'form__hint', t('admin.loading'));
  loading.setAttribute('role', 'status');
  target.replaceChildren(loading);
  target.setAttribute('aria-busy', 'true');
  try {
    const value = await load();
    target.replaceChildren();
    render(value);
  } catch (error) {
    const alert = element(doc, 'p', 'alert', t('admin.error', { message: describeError(error) }));
    alert.setAttribute('role', 'alert');
    target.replaceChildren(alert);
  } finally {
    target.removeAttribute('aria-busy');
  }
}

export function status(enabled: boolean): string {
  return t(enabled ? 'admin.enabled' : 'admin.disabled');
}
