/**
 * The AEs the archive knows (ARC-2, ARC-3, ARC-9): the registry table and its snapshot, the
 * caller policy of the storage SCP, and the admin API. C-MOVE destinations, routing targets and
 * re-sync sources are all looked up here.
 */
package org.telecare.archive.remote;
