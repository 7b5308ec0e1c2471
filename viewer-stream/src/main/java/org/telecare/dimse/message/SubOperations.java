package org.telecare.dimse.message;

/**
 * Sub-operation counts of C-MOVE / C-GET responses, (0000,1020)-(0000,1023) (PS3.7 §9.3.3.2,
 * §9.3.4.2). {@code remaining} is {@code null} in a final response.
 */
public record SubOperations(Integer remaining, int completed, int failed, int warning) {

    public static final SubOperations NONE = new SubOperations(null, 0, 0, 0);

    public SubOperations {
        if ((remaining != null && remaining < 0) || completed < 0 || failed < 0 || warning < 0) {
            throw new IllegalArgumentException("negative sub-operation count");
        }
    }

    public static SubOperations pending(int remaining, int completed, int failed, int warning) {
        return new SubOperations(remaining, completed, failed, warning);
    }

    /** The counts of a final response (no remaining). */
    public SubOperations asFinal() {
        return new SubOperations(null, completed, failed, warning);
    }
}
