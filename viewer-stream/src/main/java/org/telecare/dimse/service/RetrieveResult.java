package org.telecare.dimse.service;

import org.telecare.dimse.message.Status;
import org.telecare.dimse.message.SubOperations;

/** The final answer of a C-MOVE or C-GET: status (success, B000H warning, cancel, failure) and counts. */
public record RetrieveResult(Status status, SubOperations subOperations) {

    /** Success when nothing failed, B000H when some did (PS3.4 C.4.2.3.1), A702H when all did. */
    public static RetrieveResult of(int completed, int failed, int warning) {
        SubOperations counts = new SubOperations(null, completed, failed, warning);
        Status s = failed == 0 && warning == 0 ? Status.SUCCESS
                : completed == 0 && warning == 0 ? Status.OUT_OF_RESOURCES_SUBOPERATIONS : Status.SUBOPERATIONS_WARNING;
        return new RetrieveResult(s, counts);
    }
}
