/** DOM helpers for the tests: find controls the way a user does, by their visible label. */
import { expect, vi } from 'vitest';

/** The control whose `<label>` reads `text` (exactly): the first one. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string): T {
  for (const label of root.querySelectorAll('label')) {
    if (label.textContent?.trim() !== text) continue;
    const control = label.control ?? label.querySelector('input, select, textarea');
    if (control) return control as unknown as T;
  }
  throw new Error(`no control labelled “${text}”`);
}

/** The button whose accessible text (aria-label, else content) is `text`. */
export function button(root: ParentNode, text: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll('button')).find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === text,
  );
  if (!found) throw new Error(`no button “${text}”`);
  return found;
}

export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Submits the form `control` belongs to, as pressing Enter or the submit button would. */
export function submit(control: HTMLElement): void {
  const form = control.closest('form');
  if (!form) throw new Error('not in a form');
  form.requestSubmit();
}

/** Waits until `root` has an element matching `selector` whose text contains `text`. */
export async function findText(root: ParentNode, selector: string, text: string): Promise<Element> {
  let found: Element | undefined;
  await vi.waitFor(() => {
    found = Array.from(root.querySelectorAll(selector)).find((node) => node.textContent?.includes(text));
    expect(found, `${selector} containing “${text}”`).toBeDefined();
  });
  return found!;
}
