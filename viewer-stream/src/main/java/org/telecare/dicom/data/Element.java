package org.telecare.dicom.data;

import java.util.Objects;

/** A data element (PS3.5 §7.1): tag, VR as read or set, and value. */
public record Element(int tag, VR vr, Value value) {
    public Element {
        Objects.requireNonNull(vr, "vr");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return Tag.toString(tag) + " " + vr + " " + (value.length() < 0 ? "(undefined length)" : "#" + value.length());
    }
}
