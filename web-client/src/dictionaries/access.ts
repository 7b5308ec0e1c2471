/** Who may see the dictionaries page: the permission to change platform-wide code tables. */
export const DICTIONARIES_WRITE = 'admin.dictionaries.write';

export const DICTIONARY_ID = /^[a-z][a-z0-9_-]{1,31}$/;
export const ENTRY_CODE = /^[A-Za-z0-9_.-]{1,32}$/;
export const MAX_LABEL = 64;
export const MAX_SORT_ORDER = 9999;
