import { element } from './dom';
import { t, type MessageKey } from './messages';

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

/**
 * Shows a loading status in `target`, runs `load`, then hands the result to `render`, or shows
 * `failed(describe(error))` as an alert. `describe` turns the error into a sentence (the API's
 * `describeError`: the shell does not import the API client).
 */
export async function loadInto<T>(
  target: HTMLElement,
  load: () => Promise<T>,
  render: (value: T) => void,
  describe: (error: unknown) => string,
  failed: MessageKey = 'ui.loadFailed',
): Promise<void> {
  const doc = target.ownerDocument;
  const loading = element(doc, 'p', 'form__hint', t('ui.loading'));
  loading.setAttribute('role', 'status');
  target.replaceChildren(loading);
  target.setAttribute('aria-busy', 'true');
  try {
    const value = await load();
    target.replaceChildren();
    render(value);
  } catch (error) {
    const alert = element(doc, 'p', 'alert', t(failed, { message: describe(error) }));
    alert.setAttribute('role', 'alert');
    target.replaceChildren(alert);
  } finally {
    target.removeAttribute('aria-busy');
  }
}

/** A button of type "button" with visible `text` and, when given, a fuller accessible name. */
export function actionButton(doc: Document, text: string, label?: string, className = 'button'): HTMLButtonElement {
  const button = element(doc, 'button', className, text);
  button.type = 'button';
  if (label !== undefined) button.setAttribute('aria-label', label);
  return button;
}

/**
 * Focuses the button in `root` whose accessible name (aria-label, else text) is `name`; for
 * keeping the keyboard position when a list is drawn anew after an action. Whether it was found.
 */
export function focusButton(root: ParentNode, name: string): boolean {
  const found = Array.from(root.querySelectorAll('button')).find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name,
  );
  found?.focus();
  return found !== undefined;
}

/**
 * Asks in `target` whether to go on with a destructive action: `question`, a confirm button
 * named `confirm` and "Cancel". The confirm button gets the focus; "Cancel" or Escape empties
 * `target` and calls `cancelled` (to put the focus back where it was).
 */
export function confirmInline(
  target: HTMLElement,
  question: string,
  confirm: string,
  confirmed: () => void,
  cancelled: () => void,
): void {
  const doc = target.ownerDocument;
  const box = element(doc, 'div', 'confirm');
  box.setAttribute('role', 'group');
  const text = element(doc, 'p', 'confirm__question', question);
  text.id = `confirm-${Math.random().toString(36).slice(2, 10)}`;
  box.setAttribute('aria-labelledby', text.id);
  const yes = actionButton(doc, confirm, undefined, 'button button--danger');
  const no = actionButton(doc, t('ui.cancel'));
  const actions = element(doc, 'div', 'form__actions');
  actions.append(yes, no);
  box.append(text, actions);
  const cancel = (): void => {
    target.replaceChildren();
    cancelled();
  };
  yes.addEventListener('click', () => {
    target.replaceChildren();
    confirmed();
  });
  no.addEventListener('click', cancel);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancel();
  });
  target.replaceChildren(box);
  yes.focus();
}
