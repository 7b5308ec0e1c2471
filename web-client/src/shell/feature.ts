import type { MessageKey } from './messages';

/**
 * What the shell needs to know about a feature: its id, its name in the navigation, and how
 * to mount it. A feature without `mount` is not available: the shell lists it as disabled,
 * with `unavailable` as the reason (by default "coming soon", for features not built yet).
 */
export interface Feature {
  readonly id: string;
  readonly title: MessageKey;
  readonly mount?: (container: HTMLElement) => void;
  readonly unavailable?: MessageKey;
}

/** The features announced in the navigation before they exist (DESIGN.md, STYLE.md point 9). */
export const plannedFeatures: readonly Feature[] = [
  { id: 'worklist', title: 'nav.worklist' },
  { id: 'viewer', title: 'nav.viewer' },
  { id: 'slide', title: 'nav.slide' },
  { id: 'room', title: 'nav.room' },
  { id: 'consult', title: 'nav.consult' },
  { id: 'admin', title: 'nav.admin' },
];
