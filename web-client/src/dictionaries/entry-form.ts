import type { DictionaryEntry } from '../api';
import { inputField, t, type MessageKey } from '../shell';
import { ENTRY_CODE, MAX_LABEL, MAX_SORT_ORDER } from './access';

/** The fields of one entry; `code` only when the entry is new (a code never changes). */
export interface EntryFields {
  readonly code?: HTMLInputElement;
  readonly label: HTMLInputElement;
  readonly labelEn: HTMLInputElement;
  readonly sortOrder: HTMLInputElement;
  readonly wrappers: readonly HTMLElement[];
}

export interface EntryValues {
  readonly code: string;
  readonly label: string;
  /** `null`: no English label. */
  readonly labelEn: string | null;
  readonly sortOrder: number;
}

/** Labelled inputs for an entry, ids prefixed with `prefix`, filled from `entry` when editing. */
export function entryFields(doc: Document, prefix: string, entry?: DictionaryEntry): EntryFields {
  const wrappers: HTMLElement[] = [];
  let code: HTMLInputElement | undefined;
  if (!entry) {
    const field = inputField(doc, { id: `${prefix}-code`, label: t('dict.entry.code'), required: true, autocomplete: 'off', hint: t('dict.entry.codeHint') });
    field.input.maxLength = 32;
    field.input.autocapitalize = 'off';
    field.input.spellcheck = false;
    code = field.input;
    wrappers.push(field.wrapper);
  }
  const label = inputField(doc, { id: `${prefix}-label`, label: t('dict.entry.label'), required: true, autocomplete: 'off' });
  label.input.maxLength = MAX_LABEL;
  label.input.lang = 'zh-CN';
  const labelEn = inputField(doc, { id: `${prefix}-label-en`, label: t('dict.entry.labelEn'), autocomplete: 'off' });
  labelEn.input.maxLength = MAX_LABEL;
  labelEn.input.lang = 'en';
  const sortOrder = inputField(doc, { id: `${prefix}-sort`, label: t('dict.entry.sortOrder'), type: 'number', autocomplete: 'off', hint: t('dict.entry.sortHint') });
  sortOrder.input.min = '0';
  sortOrder.input.max = String(MAX_SORT_ORDER);
  sortOrder.input.step = '1';
  sortOrder.input.inputMode = 'numeric';
  if (entry) {
    label.input.value = entry.label;
    labelEn.input.value = entry.labelEn ?? '';
    sortOrder.input.value = String(entry.sortOrder);
  }
  wrappers.push(label.wrapper, labelEn.wrapper, sortOrder.wrapper);
  return { ...(code ? { code } : {}), label: label.input, labelEn: labelEn.input, sortOrder: sortOrder.input, wrappers };
}

/**
 * The values of the fields, or the message key of the first problem (the field gets focus and
 * `aria-invalid`). An empty sort order is 0.
 */
export function readEntry(fields: EntryFields, existingCode?: string): EntryValues | MessageKey {
  for (const input of [fields.code, fields.label, fields.sortOrder]) input?.removeAttribute('aria-invalid');
  const fail = (input: HTMLInputElement, key: MessageKey): MessageKey => {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return key;
  };
  const code = fields.code ? fields.code.value.trim() : (existingCode ?? '');
  if (fields.code && code === '') return fail(fields.code, 'ui.missing');
  if (fields.code && !ENTRY_CODE.test(code)) return fail(fields.code, 'dict.error.code');
  const label = fields.label.value.trim();
  if (label === '') return fail(fields.label, 'ui.missing');
  const labelEn = fields.labelEn.value.trim();
  const sortText = fields.sortOrder.value.trim();
  const sortOrder = sortText === '' ? 0 : Number(sortText);
  if (!/^\d{1,4}$/.test(sortText === '' ? '0' : sortText) || sortOrder > MAX_SORT_ORDER) return fail(fields.sortOrder, 'dict.error.sort');
  return { code, label, labelEn: labelEn === '' ? null : labelEn, sortOrder };
}
