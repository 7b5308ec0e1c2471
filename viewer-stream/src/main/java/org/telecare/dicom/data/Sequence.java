package org.telecare.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A sequence of items (PS3.5 §7.5). Remembers whether it was encoded with undefined length
 * (closed by a Sequence Delimitation Item) so that it is written back the same way.
 */
public final class Sequence implements Value, Iterable<Attributes> {
    private final List<Attributes> items = new ArrayList<>();
    private final Attributes parent;
    private boolean undefinedLength;

    public Sequence(Attributes parent, boolean undefinedLength) {
        this.parent = parent;
        this.undefinedLength = undefinedLength;
    }

    /** Appends a new empty item (defined length unless {@code undefinedLength}). */
    public Attributes addItem(boolean undefinedLength) {
        Attributes item = new Attributes(parent, undefinedLength);
        items.add(item);
        return item;
    }

    void addCopy(Attributes item) {
        items.add(item);
    }

    public Attributes addItem() {
        return addItem(undefinedLength);
    }

    public List<Attributes> items() {
        return Collections.unmodifiableList(items);
    }

    public Attributes item(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public boolean undefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public Iterator<Attributes> iterator() {
        return items().iterator();
    }
}
