import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, onSessionSignal, setCsrfToken } from './client';
import { describeError } from './describe';
import { errorResponse, jsonResponse, noContent } from './test-fixtures';

function stubFetch(response: () => Response | Promise<Response>) {
  const fetchMock = vi.fn<typeof fetch>(async () => response());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => setCsrfToken(null));
afterEach(() => {
  setCsrfToken(null);
  onSessionSignal(null);
});

describe('apiFetch', () => {
  it('GETs under /api/v1 with the session cookie and no CSRF header, and parses JSON', async () => {
    setCsrfToken('tok-1');
    const fetchMock = stubFetch(() => jsonResponse({ hello: 'world' }));

    await expect(apiFetch('/me')).resolves.toEqual({ hello: 'world' });

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/me');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).has('X-CSRF-Token')).toBe(false);
  });

  it('sends the CSRF token and a JSON body on state-changing requests', async () => {
    setCsrfToken('tok-2');
    const fetchMock = stubFetch(() => jsonResponse({ id: 'h1' }, 201));

    await apiFetch('/admin/hospitals', { method: 'POST', body: { name: 'A', city: 'B' } });

    const [, init] = fetchMock.mock.calls[0]!;
    const headers = new Headers(init?.headers);
    expect(headers.get('X-CSRF-Token')).toBe('tok-2');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'A', city: 'B' });
  });

  it('resolves with undefined for 204', async () => {
    stubFetch(() => noContent());
    await expect(apiFetch('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('turns the error shape into an ApiError with status, code and message', async () => {
    stubFetch(() => errorResponse(401, 2402, 'wrong username or password'));
    const error = await apiFetch('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 2402, message: 'wrong username or password', kind: 'api' });
    expect(describeError(error)).toBe('wrong username or password');
  });

  it('reports an error answer that is not the error shape by its HTTP status', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await apiFetch('/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 0, kind: 'http' });
    expect(describeError(error)).toBe('The server answered with HTTP status 502.');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await apiFetch('/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 0, kind: 'network' });
    expect(describeError(error)).toBe('Could not reach the server (Failed to fetch).');
  });

  it('reports a success answer that is not JSON', async () => {
    stubFetch(() => new Response('<html></html>', { status: 200 }));
    await expect(apiFetch('/me')).rejects.toMatchObject({ kind: 'notJson' });
  });

  it('tells the session handler when the server says the session ended', async () => {
    const ended = vi.fn();
    onSessionSignal(ended);
    stubFetch(() => errorResponse(401, 2401, 'not signed in'));
    await expect(apiFetch('/admin/hospitals')).rejects.toMatchObject({ code: 2401 });
    expect(ended).toHaveBeenCalledExactlyOnceWith(2401);
  });
});
