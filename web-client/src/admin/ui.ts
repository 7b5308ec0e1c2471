import { describeError } from '../api';
import { cell, element, loadInto as shellLoadInto, t, table } from '../shell';

export { cell, table };

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
export function loadInto<T>(target: HTMLElement, load: () => Promise<T>, render: (value: T) => void): Promise<void> {
  return shellLoadInto(target, load, render, describeError, 'admin.error');
}

export function status(enabled: boolean): string {
  return t(enabled ? 'admin.enabled' : 'admin.disabled');
}
