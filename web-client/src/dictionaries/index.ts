/** Dictionaries (code tables) for holders of `admin.dictionaries.write`. */
import './dictionaries.css';
import type { Feature } from '../shell';
import { DICTIONARIES_WRITE } from './access';
import { createDictionariesPanel } from './panel';

export { createDictionariesPanel } from './panel';
export { DICTIONARIES_WRITE } from './access';

/** The navigation entry: available with the dictionary permission, otherwise listed as "no access". */
export function dictionariesFeature(access: { readonly permissions: ReadonlySet<string> }): Feature {
  if (!access.permissions.has(DICTIONARIES_WRITE)) return { id: 'dictionaries', title: 'nav.dictionaries', unavailable: 'nav.noAccess' };
  return {
    id: 'dictionaries',
    title: 'nav.dictionaries',
    mount(container) {
      container.append(createDictionariesPanel(container.ownerDocument));
    },
  };
}
