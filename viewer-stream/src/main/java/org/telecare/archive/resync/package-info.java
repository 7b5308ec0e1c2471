/**
 * Manual re-sync of a study from its source archive (ARC-9): C-MOVE to our own AE or C-GET, per
 * remote AE; jobs with their sub-operation counts, and the API that starts and shows them.
 */
package org.telecare.archive.resync;
