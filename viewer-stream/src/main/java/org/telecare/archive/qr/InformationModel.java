package org.telecare.archive.qr;

import org.telecare.archive.query.QueryKey;
import org.telecare.archive.query.QueryLevel;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.dimse.service.SopClasses;

import java.util.ArrayList;
import java.util.List;

/**
 * The two query/retrieve information models the archive serves (PS3.4 §C.6.1, §C.6.2): which
 * levels each has and which unique keys a hierarchical request must give for the levels above
 * the one asked for (PS3.4 §C.4.1.2.1, §C.4.2.2.1).
 */
enum InformationModel {
    /** Patient Root: PATIENT, STUDY, SERIES, IMAGE. */
    PATIENT_ROOT,
    /** Study Root: STUDY, SERIES, IMAGE; patient attributes are study attributes here (PS3.4 §C.6.2). */
    STUDY_ROOT;

    static InformationModel of(String sopClassUid) {
        return switch (sopClassUid) {
            case SopClasses.PATIENT_ROOT_QR_FIND, SopClasses.PATIENT_ROOT_QR_MOVE, SopClasses.PATIENT_ROOT_QR_GET -> PATIENT_ROOT;
            case SopClasses.STUDY_ROOT_QR_FIND, SopClasses.STUDY_ROOT_QR_MOVE, SopClasses.STUDY_ROOT_QR_GET -> STUDY_ROOT;
            default -> throw new DimseServiceException(Status.SOP_CLASS_NOT_SUPPORTED, "not a Q/R SOP class: " + sopClassUid);
        };
    }

    /**
     * Checks that the level exists in this model: PATIENT under Study Root is an identifier that
     * does not match the SOP class (A900H, PS3.4 §C.4.1.1.4 / Table C.4-1).
     */
    QueryLevel check(QueryLevel level) {
        if (this == STUDY_ROOT && level == QueryLevel.PATIENT) {
            throw new DimseServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "Study Root has no PATIENT level (PS3.4 C.6.2)");
        }
        return level;
    }

    /**
     * The unique keys of the levels above {@code level} that a hierarchical request must give
     * with single value matching: from the model's root down to the level's parent.
     */
    List<QueryKey> upperUniqueKeys(QueryLevel level) {
        List<QueryKey> keys = new ArrayList<>();
        QueryLevel top = this == PATIENT_ROOT ? QueryLevel.PATIENT : QueryLevel.STUDY;
        for (QueryLevel l : QueryLevel.values()) {
            if (l.isAtOrAbove(level) && l != level && top.isAtOrAbove(l)) {
                keys.add(QueryKey.uniqueKey(l));
            }
        }
        return keys;
    }
}
