package org.telecare.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 §A.4): a Basic Offset Table item (possibly empty) followed by
 * one item per fragment, always encoded with undefined length. Each entry is a
 * {@link ByteValue} or, for large fragments, a {@link BulkDataRef}.
 */
public final class Fragments implements Value {
    private final List<Value> items = new ArrayList<>();

    /** Creates fragments starting with the given Basic Offset Table (may be empty). */
    public Fragments(Value basicOffsetTable) {
        add(basicOffsetTable);
    }

    public Fragments(byte[] basicOffsetTable) {
        this(new ByteValue(basicOffsetTable));
    }

    public Fragments() {
        this(ByteValue.EMPTY);
    }

    public Fragments add(byte[] fragment) {
        return add(new ByteValue(fragment));
    }

    public Fragments add(Value fragment) {
        if (!(fragment instanceof ByteValue || fragment instanceof BulkDataRef)) {
            throw new IllegalArgumentException("a fragment is bytes or a bulk data reference");
        }
        if ((fragment.length() & 1) != 0) {
            throw new IllegalArgumentException("fragment length must be even (PS3.5 §A.4)");
        }
        items.add(fragment);
        return this;
    }

    /** The Basic Offset Table item's value (first item). */
    public Value basicOffsetTable() {
        return items.getFirst();
    }

    /** The fragments after the Basic Offset Table. */
    public List<Value> fragments() {
        return Collections.unmodifiableList(items.subList(1, items.size()));
    }

    /** All items, Basic Offset Table first. */
    public List<Value> items() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public long length() {
        return -1;
    }
}
