/**
 * Query keys and matching of the archive, after PS3.4 §C.2.2.2 (C-FIND) and PS3.18 §8.3.4
 * (QIDO-RS): {@link org.telecare.archive.query.QueryKey} lists the keys per level,
 * {@link org.telecare.archive.query.Matchers} parses one key into a
 * {@link org.telecare.archive.query.Matcher}, {@link org.telecare.archive.query.QueryFilter}
 * parses all keys of a query (combining date and time ranges). Pure: no I/O, no storage.
 */
package org.telecare.archive.query;
