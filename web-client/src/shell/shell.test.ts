import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mountShell } from './shell';
import { plannedFeatures, type Feature } from './feature';

let root: HTMLElement;

beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement('div');
  document.body.append(root);
});

describe('shell', () => {
  it('shows the product name in the banner and sets the document language and title', () => {
    mountShell(root, plannedFeatures);
    expect(root.querySelector('header')?.textContent).toContain('telecare');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('telecare');
  });

  it('starts with a link that skips to the main region', () => {
    const { main } = mountShell(root, plannedFeatures);
    const skip = root.firstElementChild as HTMLAnchorElement;
    expect(skip.textContent).toBe('Skip to main content');
    expect(skip.getAttribute('href')).toBe(`#${main.id}`);
  });

  it('lists the planned features as disabled navigation items', () => {
    mountShell(root, plannedFeatures);
    const nav = root.querySelector('nav');
    expect(nav?.getAttribute('aria-label')).toBe('Features');

    const links = Array.from(nav?.querySelectorAll('a') ?? []);
    expect(links).toHaveLength(6);
    expect(links.map((link) => link.dataset.feature)).toEqual(['worklist', 'viewer', 'slide', 'room', 'consult', 'admin']);
    for (const link of links) {
      expect(link.getAttribute('aria-disabled')).toBe('true');
      expect(link.hasAttribute('href')).toBe(false);
      expect(link.textContent).toContain('(coming soon)');
    }
    expect(links[0]?.textContent).toBe('Worklist (coming soon)');
  });

  it('mounts the first feature that can be mounted into main and marks it current', () => {
    const mount = vi.fn((container: HTMLElement) => {
      container.append(document.createTextNode('status here'));
    });
    const health: Feature = { id: 'health', title: 'nav.health', mount };
    const { main } = mountShell(root, [health, ...plannedFeatures]);

    expect(mount).toHaveBeenCalledExactlyOnceWith(main);
    expect(root.querySelector('main')).toBe(main);
    expect(main.textContent).toBe('status here');
    const current = root.querySelector('nav a[aria-current="page"]');
    expect(current?.textContent).toBe('Node status');
    expect(current?.getAttribute('href')).toBe('#main');
    expect(main.getAttribute('aria-labelledby')).toBe(current?.id);
  });

  it('leaves main empty when no feature can be mounted yet', () => {
    const { main } = mountShell(root, plannedFeatures);
    expect(main.childElementCount).toBe(0);
    expect(root.querySelector('[aria-current]')).toBeNull();
  });
});

describe('shell navigation and user', () => {
  const first: Feature = { id: 'one', title: 'nav.health', mount: (c) => c.append('first view') };
  const second: Feature = { id: 'two', title: 'nav.admin', mount: (c) => c.append('second view') };

  it('switches to the feature whose link is activated and moves focus to main', () => {
    const { main } = mountShell(root, [first, second]);
    const links = root.querySelectorAll<HTMLAnchorElement>('nav a');
    links[1]!.click();
    expect(main.textContent).toBe('second view');
    expect(links[1]!.getAttribute('aria-current')).toBe('page');
    expect(links[0]!.hasAttribute('aria-current')).toBe(false);
    expect(document.activeElement).toBe(main);
  });

  it('lists an unavailable feature with its reason', () => {
    mountShell(root, [first, { id: 'admin', title: 'nav.admin', unavailable: 'nav.noAccess' }]);
    const link = root.querySelector('nav a[data-feature="admin"]');
    expect(link?.textContent).toBe('Administration (no access)');
    expect(link?.getAttribute('aria-disabled')).toBe('true');
  });

  it('shows the user name and a sign-out button only when given a user', () => {
    const onSignOut = vi.fn();
    mountShell(root, [first], { user: { name: 'Wang Li', onSignOut } });
    expect(root.querySelector('header')?.textContent).toContain('Wang Li');
    const signOut = root.querySelector<HTMLButtonElement>('header button');
    expect(signOut?.textContent).toBe('Sign out');
    signOut?.click();
    expect(onSignOut).toHaveBeenCalledOnce();

    mountShell(root, [first]);
    expect(root.querySelector('header button')).toBeNull();
  });
});
