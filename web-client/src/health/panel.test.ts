import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealthPanel } from './panel';
import { goodReport, jsonResponse } from './test-fixtures';

function field(root: HTMLElement, name: string): string {
  const value = root.querySelector(`dd[data-field="${name}"]`);
  if (!value) throw new Error(`no field ${name}`);
  return value.textContent ?? '';
}

function label(root: HTMLElement, name: string): string {
  return root.querySelector(`dd[data-field="${name}"]`)?.previousElementSibling?.textContent ?? '';
}

async function mountWith(fetchImpl: typeof fetch): Promise<HTMLElement> {
  vi.stubGlobal('fetch', vi.fn(fetchImpl));
  const panel = createHealthPanel(document);
  document.body.append(panel.element);
  await vi.waitFor(() => expect(panel.element.getAttribute('aria-busy')).toBeNull());
  return panel.element;
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('health panel', () => {
  it('renders node id, readiness, members and storage from a good report', async () => {
    const panel = await mountWith(async () => jsonResponse(goodReport()));

    expect(panel.querySelector('h1')?.textContent).toBe('Node status');
    expect(panel.getAttribute('aria-busy')).toBeNull();
    expect(panel.querySelector('[role="alert"]')).toBeNull();

    expect(label(panel, 'nodeId')).toBe('Node ID');
    expect(field(panel, 'nodeId')).toBe('node-a1');
    expect(field(panel, 'status')).toBe('Up');
    expect(field(panel, 'ready')).toBe('Ready');
    expect(panel.querySelector('dd[data-field="ready"] .badge--good')).not.toBeNull();
    expect(field(panel, 'storageBackend')).toBe('Cassandra');
    expect(field(panel, 'storageState')).toBe('Ready');
    expect(field(panel, 'storageDetail')).toBe('dc1: 3 hosts up');
    expect(field(panel, 'modules')).toBe('consult, viewer-stream, signaling');

    const table = panel.querySelector('table');
    expect(table?.caption?.textContent).toBe('Cluster members (2)');
    const rows = Array.from(table?.tBodies[0]?.rows ?? []).map((row) =>
      Array.from(row.cells).map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['node-a1', '10.0.0.11:5701', 'This node'],
      ['node-b2', '10.0.0.12:5701', 'Peer'],
    ]);
    expect(table?.tBodies[0]?.rows[0]?.classList.contains('health__member--local')).toBe(true);
  });

  it('shows a node that is down and not ready, and an embedded store still starting', async () => {
    const report = {
      ...goodReport(),
      status: 'DOWN',
      ready: false,
      members: [{ id: 'solo', address: '127.0.0.1:5701', local: true }],
      storage: { backend: 'embedded', state: 'STARTING', detail: '' },
      modules: [],
    };
    const panel = await mountWith(async () => jsonResponse(report, 503));

    expect(field(panel, 'status')).toBe('Down');
    expect(field(panel, 'ready')).toBe('Not ready');
    expect(panel.querySelector('dd[data-field="ready"] .badge--bad')).not.toBeNull();
    expect(field(panel, 'storageBackend')).toBe('Embedded store');
    expect(field(panel, 'storageState')).toBe('Starting');
    expect(panel.querySelector('dd[data-field="storageDetail"]')).toBeNull();
    expect(field(panel, 'modules')).toBe('none');
    expect(panel.querySelector('caption')?.textContent).toBe('Cluster members (1)');
  });

  it('shows a clear error, and no report, for a malformed payload', async () => {
    const report = { ...goodReport(), members: [{ id: 'node-a1', address: '10.0.0.11:5701', local: 'yes' }] };
    const panel = await mountWith(async () => jsonResponse(report));

    const alert = panel.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Node status unavailable');
    expect(alert?.textContent).toContain('not in the expected format');
    expect(alert?.textContent).toContain('members[0].local');
    expect(panel.querySelector('dl')).toBeNull();
    expect(panel.querySelector('table')).toBeNull();
    expect(panel.querySelector('button')?.disabled).toBe(false);
  });

  it('shows a clear error for a payload that is not JSON', async () => {
    const panel = await mountWith(async () => new Response('<html>login</html>', { status: 200 }));
    expect(panel.querySelector('[role="alert"]')?.textContent).toContain('health report is not JSON');
  });

  it('shows a clear error when the fetch fails', async () => {
    const panel = await mountWith(() => Promise.reject(new TypeError('Failed to fetch')));

    const alert = panel.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Node status unavailable');
    expect(alert?.textContent).toContain('Could not reach the node (Failed to fetch).');
    expect(panel.querySelector('dl')).toBeNull();
  });

  it('shows the HTTP status when the node answers an error without a report', async () => {
    const panel = await mountWith(async () => new Response('Service Unavailable', { status: 503 }));
    expect(panel.querySelector('[role="alert"]')?.textContent).toContain('HTTP status 503');
  });

  it('shows a loading status until the first answer, then replaces it', async () => {
    let answer: (response: Response) => void = () => {};
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))));
    const panel = createHealthPanel(document);

    expect(panel.element.querySelector('[role="status"]')?.textContent).toBe('Checking node status…');
    expect(panel.element.getAttribute('aria-busy')).toBe('true');
    expect(panel.element.querySelector('button')?.disabled).toBe(true);

    answer(jsonResponse(goodReport()));
    await vi.waitFor(() => expect(panel.element.querySelector('[role="status"]')).toBeNull());
    expect(field(panel.element, 'nodeId')).toBe('node-a1');
  });

  it('fetches again on Refresh and shows the new report', async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(jsonResponse(goodReport()))
      .mockResolvedValueOnce(jsonResponse({ ...goodReport(), nodeId: 'node-a1', ready: false }));
    vi.stubGlobal('fetch', fetchMock);
    const panel = createHealthPanel(document);
    await vi.waitFor(() => expect(field(panel.element, 'ready')).toBe('Ready'));

    panel.element.querySelector('button')?.click();
    await vi.waitFor(() => expect(field(panel.element, 'ready')).toBe('Not ready'));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
