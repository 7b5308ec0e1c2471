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

  'nav.signIn': 'Sign in',
  'nav.password': 'Change password',
  'nav.noAccess': '(no access)',

  'shell.signOut': 'Sign out',
  'shell.signedInAs': 'Signed in as {name}',
  'shell.checkingSession': 'Checking your session…',

  'api.error.network': 'Could not reach the server ({detail}).',
  'api.error.http': 'The server answered with HTTP status {status}.',
  'api.error.notJson': 'The server answered, but not with JSON.',
  'api.error.server': '{message}',
  'api.error.sessionExpired': 'Your session has ended. Please sign in again.',

  'auth.signIn.title': 'Sign in',
  'auth.signIn.username': 'Username',
  'auth.signIn.password': 'Password',
  'auth.signIn.submit': 'Sign in',
  'auth.signIn.busy': 'Signing in…',
  'auth.signIn.reauth': 'Welcome back, {name}. For your security, enter your password again to continue.',
  'auth.signIn.expired': 'Your session has ended. Please sign in again.',
  'auth.signIn.signedOut': 'You have signed out.',
  'auth.captcha.legend': 'Security check',
  'auth.captcha.image': 'Security check image: type the characters it shows',
  'auth.captcha.answer': 'Characters in the image',
  'auth.captcha.reload': 'Show another image',
  'auth.captcha.loading': 'Loading the security check image…',
  'auth.error.credentials': 'The username or password is wrong.',
  'auth.error.captchaRequired': 'Too many failed attempts: please also answer the security check.',
  'auth.error.captchaWrong': 'The security check answer was wrong or has expired. Please answer the new image.',
  'auth.error.captchaUnavailable': 'The security check image could not be loaded ({detail}).',
  'auth.error.locked': 'This account is locked after too many failed attempts. {detail}',
  'auth.error.disabled': 'This account is disabled. Please contact your administrator.',
  'auth.error.expired': 'This account has expired. Please contact your administrator.',
  'auth.error.missing': 'Enter your username and password.',

  'auth.password.title': 'Change password',
  'auth.password.forced':
    'You must choose a new password before you can continue (first sign-in, or your password was reset or has expired).',
  'auth.password.current': 'Current password',
  'auth.password.new': 'New password',
  'auth.password.repeat': 'Repeat the new password',
  'auth.password.rules': 'Password rules',
  'auth.password.rule.length': 'At least 10 characters',
  'auth.password.rule.classes': 'At least 3 of: lower-case letters, upper-case letters, digits, other characters',
  'auth.password.rule.login': 'Does not contain your username',
  'auth.password.rule.met': 'met',
  'auth.password.rule.unmet': 'not met yet',
  'auth.password.submit': 'Change password',
  'auth.password.busy': 'Changing password…',
  'auth.password.mismatch': 'The two new passwords are not the same.',
  'auth.password.missing': 'Fill in all three fields.',
  'auth.password.currentWrong': 'The current password is wrong.',
  'auth.password.rejected': 'The server did not accept the new password: {message}',
  'auth.password.done': 'Your password has been changed.',

  'admin.title': 'Administration',
  'admin.loading': 'Loading…',
  'admin.error': 'Could not load the data: {message}',
  'admin.hospitals.title': 'Hospitals',
  'admin.hospitals.caption': 'Hospitals ({count})',
  'admin.hospitals.empty': 'No hospitals yet.',
  'admin.hospital.name': 'Name',
  'admin.hospital.city': 'City',
  'admin.hospital.contact': 'Contact',
  'admin.hospital.level': 'Level',
  'admin.hospital.status': 'Status',
  'admin.hospital.manage': 'Manage {name}',
  'admin.hospital.manageShort': 'Manage',
  'admin.hospitals.create': 'New hospital',
  'admin.hospitals.createSubmit': 'Create hospital',
  'admin.hospitals.created': 'Hospital “{name}” created.',
  'admin.enabled': 'Enabled',
  'admin.disabled': 'Disabled',
  'admin.back': 'Back to all hospitals',
  'admin.ownHospital': 'Your hospital',
  'admin.detail.title': '{name}',
  'admin.departments.title': 'Departments',
  'admin.departments.caption': 'Departments ({count})',
  'admin.departments.empty': 'No departments yet.',
  'admin.department.code': 'Code',
  'admin.department.name': 'Name',
  'admin.departments.create': 'New department',
  'admin.departments.createSubmit': 'Create department',
  'admin.departments.created': 'Department “{name}” created.',
  'admin.users.title': 'Users',
  'admin.users.caption': 'Users ({count})',
  'admin.users.empty': 'No users yet.',
  'admin.user.login': 'Username',
  'admin.user.name': 'Name',
  'admin.user.title': 'Title',
  'admin.user.department': 'Department',
  'admin.user.department.none': '(none)',
  'admin.user.roles': 'Roles',
  'admin.user.status': 'Status',
  'admin.user.actions': 'Actions',
  'admin.user.enable': 'Enable',
  'admin.user.disable': 'Disable',
  'admin.user.enableLabel': 'Enable {login}',
  'admin.user.disableLabel': 'Disable {login}',
  'admin.users.create': 'New user',
  'admin.users.createSubmit': 'Create user',
  'admin.users.rolesRequired': 'Choose at least one role.',
  'admin.users.initialPassword.title': 'User “{login}” created',
  'admin.users.initialPassword.label': 'Initial password',
  'admin.users.initialPassword.note':
    'This password is shown only once. Give it to the user in a safe way; they must change it at their first sign-in.',
  'admin.users.initialPassword.done': 'I have noted the password',
  'admin.missing': 'Fill in the required fields.',

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
