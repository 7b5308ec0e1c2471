package org.telecare.archive.index;

/** What {@link StudyIndex#index} did with an instance. */
public enum IndexOutcome {
    /** A new SOP Instance UID, now indexed. */
    STORED,
    /** The same SOP Instance UID with the same blob: indexed again, one row as before. */
    UNCHANGED,
    /** Different content under a known SOP Instance UID, replaced ({@link DuplicatePolicy#REPLACE}). */
    REPLACED,
    /** Different content under a known SOP Instance UID, ignored ({@link DuplicatePolicy#KEEP_FIRST}). */
    KEPT_FIRST
}
