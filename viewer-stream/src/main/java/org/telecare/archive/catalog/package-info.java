/**
 * What the archive's readers (WADO-RS, C-GET, C-MOVE) need to know about stored objects, as one
 * narrow interface over the index: where each instance's bytes are, its study's facts for access
 * decisions, and the stored metadata.
 */
package org.telecare.archive.catalog;
