import { element } from './dom';
import type { Feature } from './feature';
import { locale, t } from './messages';

export interface Shell {
  /** The region the active feature renders into. */
  readonly main: HTMLElement;
}

/**
 * Renders the application frame into `root`: a header with the product name, the feature
 * navigation (features without `mount` are shown disabled), and a main region holding the
 * first feature that can be mounted.
 */
export function mountShell(root: HTMLElement, features: readonly Feature[]): Shell {
  const doc = root.ownerDocument;
  doc.documentElement.lang = locale;
  doc.title = t('app.title');

  const active = features.find((feature) => feature.mount !== undefined);

  const main = element(doc, 'main', 'shell__main');
  main.id = 'main';
  main.tabIndex = -1;

  const skip = element(doc, 'a', 'shell__skip', t('nav.skipToMain'));
  skip.href = '#main';

  root.replaceChildren(skip, header(doc), navigation(doc, features, active), main);
  root.classList.add('shell');

  if (active?.mount) {
    main.setAttribute('aria-labelledby', navLinkId(active));
    active.mount(main);
  }
  return { main };
}

function header(doc: Document): HTMLElement {
  const banner = element(doc, 'header', 'shell__header');
  const name = element(doc, 'p', 'shell__product', t('app.name'));
  const tagline = element(doc, 'p', 'shell__tagline', t('app.tagline'));
  banner.append(name, tagline);
  return banner;
}

function navigation(doc: Document, features: readonly Feature[], active: Feature | undefined): HTMLElement {
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
      if (feature === active) link.setAttribute('aria-current', 'page');
    } else {
      // A link without href is a placeholder: not focusable, not clickable.
      link.setAttribute('aria-disabled', 'true');
      link.append(' ', element(doc, 'span', 'shell__soon', t('nav.comingSoon')));
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
