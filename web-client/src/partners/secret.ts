import type { CreatedPartner } from '../api';
import { actionButton, element, liveRegion, t } from '../shell';

/**
 * Shows the new partner's signing key (or the new key after a rotation) in `target` until the administrator dismisses it, with a
 * copy button and the warning that it is never shown again. The key is kept nowhere else.
 */
export function showSecretOnce(target: HTMLElement, created: CreatedPartner, why: 'created' | 'rotated' = 'created'): void {
  const doc = target.ownerDocument;
  const box = element(doc, 'div', 'partners__secret');
  box.setAttribute('role', 'alert');
  const title = element(doc, 'p', 'partners__secret-title', t(why === 'created' ? 'partners.secret.title' : 'partners.secret.rotatedTitle', { name: created.name }));
  const warning = element(doc, 'p', 'partners__secret-warning', t('partners.secret.warning'));
  const facts = element(doc, 'dl', 'partners__facts');
  const id = element(doc, 'dd', 'partners__mono', created.id);
  id.dataset.field = 'partnerId';
  const key = element(doc, 'dd', 'partners__mono partners__key', created.secret);
  key.dataset.field = 'secret';
  key.tabIndex = 0;
  facts.append(element(doc, 'dt', '', t('partners.secret.id')), id, element(doc, 'dt', '', t('partners.secret.label')), key);
  const copied = liveRegion(doc, 'status');
  const copy = actionButton(doc, t('partners.secret.copy'), undefined, 'button button--primary');
  copy.addEventListener('click', () => {
    void (async () => {
      try {
        if (!doc.defaultView?.navigator.clipboard) throw new Error('no clipboard');
        await doc.defaultView.navigator.clipboard.writeText(created.secret);
        copied.textContent = t('partners.secret.copied');
      } catch {
        // Not a secure context, or refused: select the key so that Ctrl+C copies it.
        key.focus();
        const selection = doc.getSelection();
        const range = doc.createRange();
        range.selectNodeContents(key);
        selection?.removeAllRanges();
        selection?.addRange(range);
        copied.textContent = t('partners.secret.copyFailed');
      }
    })();
  });
  const dismiss = actionButton(doc, t('partners.secret.done'));
  dismiss.addEventListener('click', () => target.replaceChildren());
  const actions = element(doc, 'div', 'form__actions');
  actions.append(copy, dismiss);
  box.append(title, warning, facts, actions, copied);
  target.replaceChildren(box);
  copy.focus();
}
