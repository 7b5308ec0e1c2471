/** Creates a `tag` element with a class (none when empty) and optional text content. */
export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className !== '') node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly type?: string;
  readonly autocomplete?: string;
  readonly required?: boolean;
  readonly hint?: string;
}

/** A labelled `<input>` in a `.form__field` wrapper; a hint, if any, describes the input. */
export function inputField(doc: Document, options: FieldOptions): { wrapper: HTMLElement; input: HTMLInputElement } {
  const wrapper = element(doc, 'div', 'form__field');
  const label = element(doc, 'label', '', options.label);
  label.htmlFor = options.id;
  const input = element(doc, 'input', '');
  input.id = options.id;
  input.name = options.id;
  input.type = options.type ?? 'text';
  if (options.autocomplete !== undefined) input.autocomplete = options.autocomplete as AutoFill;
  if (options.required) input.required = true;
  wrapper.append(label, input);
  if (options.hint !== undefined) {
    const hint = element(doc, 'p', 'form__hint', options.hint);
    hint.id = `${options.id}-hint`;
    input.setAttribute('aria-describedby', hint.id);
    wrapper.append(hint);
  }
  return { wrapper, input };
}

/** An initially empty live region for errors (`role="alert"`) or confirmations (`role="status"`). */
export function liveRegion(doc: Document, role: 'alert' | 'status'): HTMLElement {
  const region = element(doc, 'p', role === 'alert' ? 'alert' : 'notice');
  region.setAttribute('role', role);
  return region;
}
