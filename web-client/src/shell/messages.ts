/**
 * Every user-visible string of the web client, by key.
 *
 * To add a language (zh-CN is next), add a table of type {@link MessageTable} to `tables`
 * and its tag to {@link Locale}; the compiler then lists any key the new table misses.
 * Placeholders are written `{name}` and filled by {@link t}.
 */
const en = {
  'app.name': 'telecare',
  'app.tagline': 'Telemedicine collaboration',
  'app.title': 'telecare',

  'nav.label': 'Features',
  'nav.comingSoon': '(coming soon)',
  'nav.skipToMain': 'Skip to main content',
  'nav.health': 'Node status',
  'nav.worklist': 'Worklist',
  'nav.viewer': 'Image viewer',
  'nav.slide': 'Slide viewer',
  'nav.room': 'Meeting room',
  'nav.consult': 'Consultations',
  'nav.admin': 'Administration',

  'health.title': 'Node status',
  'health.refresh': 'Refresh',
  'health.loading': 'Checking node status…',
  'health.status': 'Status',
  'health.status.UP': 'Up',
  'health.status.DOWN': 'Down',
  'health.readiness': 'Readiness',
  'health.ready': 'Ready',
  'health.notReady': 'Not ready',
  'health.nodeId': 'Node ID',
  'health.storageBackend': 'Storage backend',
  'health.storage.embedded': 'Embedded store',
  'health.storage.cassandra': 'Cassandra',
  'health.storageState': 'Storage state',
  'health.storage.READY': 'Ready',
  'health.storage.STARTING': 'Starting',
  'health.storage.UNAVAILABLE': 'Unavailable',
  'health.storageDetail': 'Storage detail',
  'health.modules': 'Modules',
  'health.modules.none': 'none',
  'health.members': 'Cluster members ({count})',
  'health.member.id': 'Member ID',
  'health.member.address': 'Address',
  'health.member.role': 'Role',
  'health.member.local': 'This node',
  'health.member.remote': 'Peer',

  'health.error.title': 'Node status unavailable',
  'health.error.unreachable': 'Could not reach the node ({detail}).',
  'health.error.timeout': 'The node did not answer within {seconds} seconds.',
  'health.error.http': 'The node answered with HTTP status {status} and no health report.',
  'health.error.notJson': 'The node answered, but its health report is not JSON.',
  'health.error.invalid':
    'The node answered, but its health report is not in the expected format (problem at “{field}”).',
} as const;

export type MessageKey = keyof typeof en;
export type MessageTable = Readonly<Record<MessageKey, string>>;
export type Locale = 'en';

const tables: Readonly<Record<Locale, MessageTable>> = { en };

/** The language of the interface; also the `lang` of the document. */
export const locale: Locale = 'en';

/** The text for `key` in the current locale, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}
