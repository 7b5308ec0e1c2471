package org.telecare.archive.index;

/**
 * What to do when an instance arrives whose SOP Instance UID is already stored with different
 * content (a different blob). The same content again is never a conflict: it is indexed again
 * idempotently (which also repairs an index write interrupted half-way).
 */
public enum DuplicatePolicy {
    /** Refuse the newcomer: {@link DuplicateInstanceException} (C-STORE status A700-range / STOW 409). */
    REJECT,
    /** The newcomer replaces the stored instance, also when it moved to another series or study. */
    REPLACE,
    /** Keep what is stored and report success without indexing the newcomer (PS3.4 §B.2.3 allows either). */
    KEEP_FIRST
}
