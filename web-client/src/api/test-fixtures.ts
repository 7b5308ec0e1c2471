import { vi } from 'vitest';

/** An API answer with a JSON body. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** An API error answer in the server's shape. */
export function errorResponse(status: number, code: number, message: string): Response {
  return jsonResponse({ error: { code, message } }, status);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly reply: () => Response | Promise<Response>;
}

/**
 * Stubs `fetch` with a fake server: each call is answered by the first route whose method and
 * path (relative to /api/v1, or absolute) match; routes added with `once` are used up in order.
 * A route path without `?` matches whatever query string the call has. Unmatched calls answer 404.
 */
export function fakeServer() {
  const persistent: Route[] = [];
  const once: Route[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const matches = (route: Route) => route.method === method && pathMatches(url, route.path);
    const index = once.findIndex(matches);
    if (index >= 0) return once.splice(index, 1)[0]!.reply();
    const route = persistent.find(matches);
    if (route) return route.reply();
    return errorResponse(404, 0, `no route for ${method} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);

  return {
    fetch: fetchMock,
    on(method: string, path: string, reply: () => Response | Promise<Response>) {
      persistent.unshift({ method, path, reply });
      return this;
    },
    once(method: string, path: string, reply: () => Response | Promise<Response>) {
      once.push({ method, path, reply });
      return this;
    },
    /**
     * The calls made to `method path` (any query string unless `path` has one), with their parsed
     * JSON body, headers and query parameters.
     */
    calls(method: string, path: string) {
      return fetchMock.mock.calls
        .filter(([input, init]) => (init?.method ?? 'GET') === method && pathMatches(String(input), `/api/v1${path}`))
        .map(([input, init]) => ({
          body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
          headers: new Headers(init?.headers),
          query: new URLSearchParams(String(input).split('?')[1] ?? ''),
          init,
        }));
    },
  };
}

/** Whether `url` is `path` (relative to /api/v1, or absolute); without `?` in `path`, ignoring the query. */
function pathMatches(url: string, path: string): boolean {
  const candidate = path.includes('?') ? url : url.split('?')[0];
  return candidate === path || candidate === `/api/v1${path}`;
}
