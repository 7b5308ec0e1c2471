import { element } from './dom';
import type { Feature } from './feature';
import { locale, t } from './messages';

export interface Shell {
  /** The region the active feature renders into. */
  readonly main: HTMLElement;
  /** Mounts the feature with this id (if it can be mounted) in place of the current one. */
  show(id: string): void;
}

/** The signed-in user as the header shows it. */
export interface ShellUser {
  readonly name: string;
  readonly onSignOut: () => void;
}

export interface ShellOptions {
  /** Shows the user's name and a sign-out button in the header. */
  readonly user?: ShellUser;
  /** The feature to show first; defaults to the first one that can be mounted. */
  readonly initial?: string;
  /** Warnings for the signed-in user (an account about to expire), shown under the header. */
  readonly warnings?: readonly string[];
}

/**
 * Renders the application frame into `root`: a header with the product name (and the user,
 * when signed in), the feature navigation (features without `mount` are shown disabled), and a
 * main region holding the active feature. Activating a navigation link mounts its feature.
 * Calling it again replaces everything.
 */
export function mountShell(root: HTMLElement, features: readonly Feature[], options: ShellOptions = {}): Shell {
  const doc = root.ownerDocument;
  doc.documentElement.lang = locale;
  doc.title = t('app.title');

  const main = element(doc, 'main', 'shell__main');
  main.id = 'main';
  main.tabIndex = -1;

  const skip = element(doc, 'a', 'shell__skip', t('nav.skipToMain'));
  skip.href = '#main';

  const nav = navigation(doc, features);
  const warnings = element(doc, 'div', 'shell__warnings');
  for (const text of options.warnings ?? []) {
    const warning = element(doc, 'p', 'shell__warning', text);
    warning.setAttribute('role', 'status');
    warnings.append(warning);
  }
  root.replaceChildren(skip, header(doc, options.user), warnings, nav, main);
  root.classList.add('shell');

  function activate(feature: Feature): void {
    if (!feature.mount) return;
    for (const link of nav.querySelectorAll('a[aria-current]')) link.removeAttribute('aria-current');
    nav.querySelector(`#${navLinkId(feature)}`)?.setAttribute('aria-current', 'page');
    main.setAttribute('aria-labelledby', navLinkId(feature));
    main.replaceChildren();
    feature.mount(main);
  }

  nav.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a[data-feature]');
    const feature = features.find((candidate) => candidate.id === (link as HTMLElement | null)?.dataset.feature);
    if (!feature?.mount) return;
    event.preventDefault();
    activate(feature);
    main.focus();
  });

  const mountable = features.filter((feature) => feature.mount !== undefined);
  const first = mountable.find((feature) => feature.id === options.initial) ?? mountable[0];
  if (first) activate(first);

  return {
    main,
    show(id) {
      const feature = features.find((candidate) => candidate.id === id);
      if (feature) activate(feature);
    },
  };
}

function header(doc: Document, user: ShellUser | undefined): HTMLElement {
  const banner = element(doc, 'header', 'shell__header');
  const name = element(doc, 'p', 'shell__product', t('app.name'));
  const tagline = element(doc, 'p', 'shell__tagline', t('app.tagline'));
  banner.append(name, tagline);
  if (user) {
    const account = element(doc, 'div', 'shell__user');
    const who = element(doc, 'span', 'shell__user-name', user.name);
    who.setAttribute('aria-label', t('shell.signedInAs', { name: user.name }));
    const signOut = element(doc, 'button', 'button shell__sign-out', t('shell.signOut'));
    signOut.type = 'button';
    signOut.addEventListener('click', () => user.onSignOut());
    account.append(who, signOut);
    banner.append(account);
  }
  return banner;
}

function navigation(doc: Document, features: readonly Feature[]): HTMLElement {
  const nav = element(doc, 'nav', 'shell__nav');
  nav.setAttribute('aria-label', t('nav.label'));
  const list = element(doc, 'ul', 'shell__nav-list');
  for (const feature of features) {
    const item = element(doc, 'li', 'shell__nav-item');
    const link = element(doc, 'a', 'shell__nav-link', t(feature.title));
    link.id = navLinkId(feature);
    link.dataset.feature = feature.id;
    if (feature.mount) {
      link.setAttribute('href', '#main');
    } else {
      // A link without href is a placeholder: not focusable, not clickable.
      link.setAttribute('aria-disabled', 'true');
      link.append(' ', element(doc, 'span', 'shell__soon', t(feature.unavailable ?? 'nav.comingSoon')));
    }
    item.append(link);
    list.append(item);
  }
  nav.append(list);
  return nav;
}

function navLinkId(feature: Feature): string {
  return `nav-${feature.id}`;
}
