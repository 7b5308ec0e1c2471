/** A health report as a two-node cluster on Cassandra would send it; shared by the tests. */
export function goodReport(): Record<string, unknown> {
  return {
    status: 'UP',
    ready: true,
    nodeId: 'node-a1',
    members: [
      { id: 'node-a1', address: '10.0.0.11:5701', local: true },
      { id: 'node-b2', address: '10.0.0.12:5701', local: false },
    ],
    storage: { backend: 'cassandra', state: 'READY', detail: 'dc1: 3 hosts up' },
    modules: ['consult', 'viewer-stream', 'signaling'],
  };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
