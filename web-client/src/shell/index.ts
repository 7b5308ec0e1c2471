/** The application frame: header, feature navigation, main region, messages. */
import './shell.css';

export { element, inputField, liveRegion, type FieldOptions } from './dom';
export { actionButton, cell, confirmInline, focusButton, loadInto, table } from './ui';
export { mountShell, type Shell, type ShellOptions, type ShellUser } from './shell';
export { plannedFeatures, type Feature } from './feature';
export { t, locale, type Locale, type MessageKey, type MessageTable } from './messages';
