import { element, t, type MessageKey } from '../shell';
import { fetchHealth, type FetchHealthOptions, type Health, type HealthOutcome } from './health';

export interface HealthPanel {
  readonly element: HTMLElement;
  /** Fetches the report again and re-renders; resolves once the panel shows the result. */
  refresh(): Promise<void>;
}

/**
 * The node status panel: fetches `/health` on creation and on "Refresh", and shows the node
 * id, readiness, cluster members and storage, or a clear error.
 */
export function createHealthPanel(doc: Document, options: FetchHealthOptions = {}): HealthPanel {
  const section = element(doc, 'section', 'panel health');
  section.setAttribute('aria-labelledby', 'health-title');

  const heading = element(doc, 'h1', 'panel__title', t('health.title'));
  heading.id = 'health-title';
  const button = element(doc, 'button', 'button', t('health.refresh'));
  button.type = 'button';
  const top = element(doc, 'div', 'panel__header');
  top.append(heading, button);

  const body = element(doc, 'div', 'panel__body');
  section.append(top, body);

  let latest = 0;
  async function refresh(): Promise<void> {
    const request = ++latest;
    section.setAttribute('aria-busy', 'true');
    button.disabled = true;
    if (!body.hasChildNodes()) renderLoading(body);
    const outcome = await fetchHealth(options);
    if (request !== latest) return; // a newer refresh owns the panel
    renderOutcome(body, outcome);
    section.removeAttribute('aria-busy');
    button.disabled = false;
  }

  button.addEventListener('click', () => void refresh());
  const panel: HealthPanel = { element: section, refresh };
  void refresh();
  return panel;
}

function renderLoading(body: HTMLElement): void {
  const doc = body.ownerDocument;
  const loading = element(doc, 'p', 'health__loading', t('health.loading'));
  loading.setAttribute('role', 'status');
  body.replaceChildren(loading);
}

/** Replaces the contents of `body` with the report or with the error that `outcome` stands for. */
export function renderOutcome(body: HTMLElement, outcome: HealthOutcome): void {
  if (outcome.kind === 'ok') renderHealth(body, outcome.health);
  else renderError(body, errorMessage(outcome));
}

function errorMessage(outcome: Exclude<HealthOutcome, { kind: 'ok' }>): string {
  switch (outcome.kind) {
    case 'unreachable':
      return t('health.error.unreachable', { detail: outcome.detail });
    case 'timeout':
      return t('health.error.timeout', { seconds: outcome.seconds });
    case 'http':
      return t('health.error.http', { status: outcome.status });
    case 'notJson':
      return t('health.error.notJson');
    case 'invalid':
      return t('health.error.invalid', { field: outcome.field });
  }
}

function renderError(body: HTMLElement, message: string): void {
  const doc = body.ownerDocument;
  const alert = element(doc, 'div', 'health__error');
  alert.setAttribute('role', 'alert');
  alert.append(element(doc, 'p', 'health__error-title', t('health.error.title')), element(doc, 'p', '', message));
  body.replaceChildren(alert);
}

function renderHealth(body: HTMLElement, health: Health): void {
  const doc = body.ownerDocument;
  const up = health.status === 'UP';
  const storageReady = health.storage.state === 'READY';

  const facts = element(doc, 'dl', 'health__facts');
  fact(facts, 'nodeId', 'health.nodeId', health.nodeId, 'health__mono');
  fact(facts, 'status', 'health.status', t(`health.status.${health.status}`), badge(up));
  fact(facts, 'ready', 'health.readiness', t(health.ready ? 'health.ready' : 'health.notReady'), badge(health.ready));
  fact(facts, 'storageBackend', 'health.storageBackend', t(`health.storage.${health.storage.backend}`));
  fact(facts, 'storageState', 'health.storageState', t(`health.storage.${health.storage.state}`), badge(storageReady));
  if (health.storage.detail !== '') {
    fact(facts, 'storageDetail', 'health.storageDetail', health.storage.detail);
  }
  const modules = health.modules.length > 0 ? health.modules.join(', ') : t('health.modules.none');
  fact(facts, 'modules', 'health.modules', modules);

  body.replaceChildren(facts, membersTable(doc, health));
}

function membersTable(doc: Document, health: Health): HTMLTableElement {
  const table = element(doc, 'table', 'health__members');
  table.createCaption().textContent = t('health.members', { count: health.members.length });
  const headRow = table.createTHead().insertRow();
  for (const key of ['health.member.id', 'health.member.address', 'health.member.role'] as const) {
    const th = element(doc, 'th', '', t(key));
    th.scope = 'col';
    headRow.append(th);
  }
  const rows = table.createTBody();
  for (const member of health.members) {
    const row = rows.insertRow();
    if (member.local) row.className = 'health__member--local';
    const id = element(doc, 'th', 'health__mono', member.id);
    id.scope = 'row';
    row.append(id);
    row.insertCell().textContent = member.address;
    row.insertCell().textContent = t(member.local ? 'health.member.local' : 'health.member.remote');
  }
  return table;
}

function badge(good: boolean): string {
  return good ? 'badge badge--good' : 'badge badge--bad';
}

function fact(list: HTMLDListElement, field: string, label: MessageKey, value: string, valueClass = ''): void {
  const doc = list.ownerDocument;
  const term = element(doc, 'dt', '', t(label));
  const description = element(doc, 'dd', '');
  description.dataset.field = field;
  if (valueClass === '') description.textContent = value;
  else description.append(element(doc, 'span', valueClass, value));
  list.append(term, description);
}
