import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchHealth, parseHealth } from './health';
import { goodReport, jsonResponse } from './test-fixtures';

describe('parseHealth', () => {
  it('accepts a complete report and drops unknown fields', () => {
    const result = parseHealth({ ...goodReport(), extra: 42 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.health.nodeId).toBe('node-a1');
    expect(result.health.members).toHaveLength(2);
    expect(result.health.storage).toEqual({ backend: 'cassandra', state: 'READY', detail: 'dc1: 3 hosts up' });
    expect(result.health).not.toHaveProperty('extra');
  });

  it.each([
    ['a non-object body', [], 'body'],
    ['null', null, 'body'],
    ['only a status', { status: 'UP' }, 'ready'],
    ['an unknown status', { ...goodReport(), status: 'OK' }, 'status'],
    ['ready as a string', { ...goodReport(), ready: 'true' }, 'ready'],
    ['a missing nodeId', { ...goodReport(), nodeId: undefined }, 'nodeId'],
    ['members not an array', { ...goodReport(), members: {} }, 'members'],
    [
      'a member without local flag',
      { ...goodReport(), members: [{ id: 'a', address: 'x', local: true }, { id: 'b', address: 'y' }] },
      'members[1].local',
    ],
    ['no storage', { ...goodReport(), storage: undefined }, 'storage'],
    ['an unknown backend', { ...goodReport(), storage: { backend: 'memory', state: 'READY', detail: '' } }, 'storage.backend'],
    ['an unknown storage state', { ...goodReport(), storage: { backend: 'embedded', state: 'UP', detail: '' } }, 'storage.state'],
    ['a module that is not a string', { ...goodReport(), modules: ['a', 3] }, 'modules[1]'],
  ])('rejects %s, naming the field', (_name, json, field) => {
    expect(parseHealth(json)).toEqual({ ok: false, field });
  });
});

describe('fetchHealth', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks GET /health for JSON', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(goodReport()));
    vi.stubGlobal('fetch', fetchMock);
    const outcome = await fetchHealth();
    expect(outcome.kind).toBe('ok');
    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/health');
    expect(new Headers(init.headers).get('Accept')).toBe('application/json');
  });

  it('reports a valid report sent with 503 as ok, so the panel can show why', async () => {
    const down = { ...goodReport(), status: 'DOWN', ready: false };
    const outcome = await fetchHealth({ fetch: async () => jsonResponse(down, 503) });
    expect(outcome).toMatchObject({ kind: 'ok', health: { status: 'DOWN', ready: false } });
  });

  it('reports an error status without a report as http', async () => {
    const outcome = await fetchHealth({ fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502 }) });
    expect(outcome).toEqual({ kind: 'http', status: 502 });
  });

  it('reports a 200 that is not JSON as notJson', async () => {
    const outcome = await fetchHealth({ fetch: async () => new Response('<!doctype html>', { status: 200 }) });
    expect(outcome).toEqual({ kind: 'notJson' });
  });

  it('reports a network failure as unreachable', async () => {
    const outcome = await fetchHealth({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(outcome).toEqual({ kind: 'unreachable', detail: 'Failed to fetch' });
  });

  it('gives up after the timeout', async () => {
    vi.useFakeTimers();
    const hanging = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const pending = fetchHealth({ fetch: hanging, timeoutMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    await expect(pending).resolves.toEqual({ kind: 'timeout', seconds: 2 });
  });
});
