package org.telecare.dicom.data;

import java.util.List;

/**
 * One row of the data element registry of PS3.6 §6.
 *
 * @param tag     the tag; for a repeating group, its lowest member (e.g. 6000,0010)
 * @param keyword PS3.6 keyword, e.g. {@code PatientName}
 * @param vrs     allowed VRs, the first is used to read implicit VR data (e.g. OW for Pixel Data)
 * @param vm      value multiplicity as written in PS3.6, e.g. "1", "1-n", "2-2n"
 * @param retired true if PS3.6 lists the element as retired
 */
public record DictionaryEntry(int tag, String keyword, List<VR> vrs, String vm, boolean retired) {
    public DictionaryEntry {
        vrs = List.copyOf(vrs);
    }

    public VR vr() {
        return vrs.getFirst();
    }
}
