import { apiFetch, describeError, type DataPolicy } from '../api';
import { actionButton, cell, confirmInline, element, focusButton, liveRegion, loadInto, t, table } from '../shell';
import { describeLists, PolicyPermission, SCOPE_FIELDS, SUBJECT_FIELDS, type PolicyAccess } from './access';
import { checkAccessForm } from './check';
import { policyForm } from './form';

const load = <T>(target: HTMLElement, fetch: () => Promise<T>, render: (value: T) => void): Promise<void> =>
  loadInto(target, fetch, render, describeError);

/** How the evaluator decides (`PolicyEvaluator`), in the order it applies the rules. */
function rules(doc: Document): HTMLElement {
  const box = element(doc, 'details', 'policies__rules');
  box.append(element(doc, 'summary', '', t('policies.rules.title')));
  const list = element(doc, 'ol', '');
  for (const key of ['policies.rules.deny', 'policies.rules.protected', 'policies.rules.allow', 'policies.rules.baseline'] as const) {
    list.append(element(doc, 'li', '', t(key)));
  }
  box.append(list, element(doc, 'p', 'form__hint', t('policies.rules.empty')));
  box.open = true;
  return box;
}

function subjectsSummary(policy: DataPolicy): string {
  const parts = describeLists(policy.subjects, [...SUBJECT_FIELDS, ['channels', 'policies.subjects.channels']], t);
  return parts.length === 0 ? t('policies.anyone') : parts.join('; ');
}

function scopeSummary(policy: DataPolicy): string {
  const parts = describeLists(policy.scope, SCOPE_FIELDS, t);
  if (policy.scope.dataFrom) parts.push(`${t('policies.scope.dataFrom')}: ${policy.scope.dataFrom}`);
  if (policy.scope.dataUntil) parts.push(`${t('policies.scope.dataUntil')}: ${policy.scope.dataUntil}`);
  return parts.length === 0 ? t('policies.anyData') : parts.join('; ');
}

function validitySummary(policy: DataPolicy): string {
  const status = t(policy.enabled ? 'ui.enabled' : 'ui.disabled');
  if (!policy.validFrom && !policy.validUntil) return status;
  return `${status}; ${t('policies.inForce', { from: policy.validFrom ?? '…', until: policy.validUntil ?? '…' })}`;
}

/**
 * Data access policies (SEC-4): the rules of the evaluator, the list with a summary of each
 * policy, create/edit/delete for writers, and "Check access" to ask why a request would be
 * allowed or denied.
 */
export function createPoliciesPanel(doc: Document, access: PolicyAccess): HTMLElement {
  const writable = access.permissions.has(PolicyPermission.Write);
  const section = element(doc, 'section', 'panel policies');
  section.setAttribute('aria-labelledby', 'policies-title');
  const top = element(doc, 'div', 'panel__header');
  const heading = element(doc, 'h1', 'panel__title', t('policies.title'));
  heading.id = 'policies-title';
  heading.tabIndex = -1;
  top.append(heading);
  const body = element(doc, 'div', 'panel__body policies__body');
  const intro = element(doc, 'p', 'form__hint', t('policies.intro'));
  const done = liveRegion(doc, 'status');
  const confirmation = element(doc, 'div', '');
  const list = element(doc, 'div', '');
  const editor = element(doc, 'div', '');
  body.append(intro, rules(doc), done, confirmation, list);
  section.append(top, body);

  let known: readonly DataPolicy[] = [];
  const newButton = actionButton(doc, t('policies.new'), undefined, 'button button--primary');

  const openForm = (policy: DataPolicy | null, opener: HTMLButtonElement): void => {
    done.textContent = '';
    const form = policyForm(doc, {
      access,
      policy,
      async saved(result) {
        editor.replaceChildren();
        done.textContent = t(policy ? 'policies.saved' : 'policies.created', { name: result.name });
        await reload();
        if (!focusButton(list, t('policies.editLabel', { name: result.name }))) newButton.focus();
      },
      cancelled() {
        editor.replaceChildren();
        opener.focus();
      },
    });
    editor.replaceChildren(form);
    form.querySelector<HTMLInputElement>('#policy-name')?.focus();
  };

  const reload = (): Promise<void> =>
    load(list, () => apiFetch<DataPolicy[]>('/admin/policies'), (policies) => {
      known = policies;
      if (policies.length === 0) {
        list.append(element(doc, 'p', 'form__hint', t('policies.empty')));
        return;
      }
      const columns = ['policies.name', 'policies.effect', 'policies.actions', 'policies.subjects', 'policies.scope', 'policies.status'] as const;
      list.append(
        table(doc, t('policies.caption', { count: policies.length }), writable ? [...columns, 'policies.rowActions'] : columns, policies, (policy, row) => {
          row.dataset.policy = policy.id;
          cell(row, policy.name, true);
          cell(row, t(`policies.effect.${policy.effect}`)).className = `policies__effect policies__effect--${policy.effect}`;
          cell(row, policy.actions.map((action) => t(`policies.action.${action}`)).join(', '));
          cell(row, subjectsSummary(policy));
          cell(row, scopeSummary(policy));
          cell(row, validitySummary(policy));
          if (!writable) return;
          const actions = row.insertCell();
          actions.className = 'policies__actions';
          const edit = actionButton(doc, t('policies.edit'), t('policies.editLabel', { name: policy.name }));
          edit.addEventListener('click', () => openForm(policy, edit));
          const remove = actionButton(doc, t('policies.delete'), t('policies.deleteLabel', { name: policy.name }));
          remove.addEventListener('click', () => {
            done.textContent = '';
            confirmInline(confirmation, t('policies.deleteQuestion', { name: policy.name }), t('policies.deleteConfirm'), () => {
              void (async () => {
                try {
                  await apiFetch<void>(`/admin/policies/${encodeURIComponent(policy.id)}`, { method: 'DELETE' });
                  done.textContent = t('policies.deleted', { name: policy.name });
                  await reload();
                  heading.focus();
                } catch (error) {
                  const alert = element(doc, 'p', 'alert', describeError(error));
                  alert.setAttribute('role', 'alert');
                  confirmation.replaceChildren(alert);
                  remove.focus();
                }
              })();
            }, () => remove.focus());
          });
          actions.append(edit, remove);
        }),
      );
    });

  if (writable) {
    newButton.addEventListener('click', () => openForm(null, newButton));
    const bar = element(doc, 'div', 'form__actions');
    bar.append(newButton);
    body.append(bar);
  }
  body.append(editor, checkAccessForm(doc, access, (id) => known.find((policy) => policy.id === id)?.name));
  void reload();
  return section;
}
