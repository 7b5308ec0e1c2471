package org.telecare.dicom.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /**
     * The fragments of each frame. With a Basic Offset Table, frame k starts at the item whose
     * offset (from the first fragment's Item tag) is its k-th entry (PS3.5 §A.4); without one,
     * a single frame has all fragments and otherwise each frame must be exactly one fragment.
     *
     * @throws IllegalArgumentException if the table does not match the fragments or the frame count
     * @throws IOException              if a Basic Offset Table held as bulk data cannot be read
     */
    public List<List<Value>> frames(int numberOfFrames) throws IOException {
        if (numberOfFrames < 1) {
            throw new IllegalArgumentException("number of frames must be positive");
        }
        List<Value> fragments = fragments();
        byte[] table = switch (basicOffsetTable()) {
            case ByteValue b -> b.bytes();
            case BulkDataRef b -> b.read(0, Math.toIntExact(b.length()));
            default -> throw new IllegalStateException();
        };
        if (table.length == 0) {
            if (numberOfFrames == 1) {
                return List.of(fragments);
            }
            if (fragments.size() == numberOfFrames) {
                return fragments.stream().map(List::of).toList();
            }
            throw new IllegalArgumentException(fragments.size() + " fragments cannot be split into " + numberOfFrames
                    + " frames without an offset table");
        }
        if (table.length != 4L * numberOfFrames) {
            throw new IllegalArgumentException("Basic Offset Table has " + table.length / 4 + " entries for "
                    + numberOfFrames + " frames");
        }
        ByteBuffer entries = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[numberOfFrames];
        for (int i = 0; i < numberOfFrames; i++) {
            offsets[i] = Integer.toUnsignedLong(entries.getInt());
        }
        return frames(offsets);
    }

    /**
     * The fragments of each frame given the offset of each frame's first item, as in the Basic
     * Offset Table or the 64-bit Extended Offset Table (7FE0,0001) that replaces it for objects
     * over 4 GB (PS3.5 §A.4, PS3.3 C.7.6.3.1.8).
     */
    public List<List<Value>> frames(long[] offsets) {
        List<Value> fragments = fragments();
        List<List<Value>> frames = new ArrayList<>();
        long itemOffset = 0;
        int next = 0;
        for (int frame = 0; frame < offsets.length; frame++) {
            long start = offsets[frame];
            long end = frame + 1 < offsets.length ? offsets[frame + 1] : Long.MAX_VALUE;
            if (start != itemOffset || end <= start) {
                throw new IllegalArgumentException("offset table entry " + frame + " (" + start
                        + ") is not at a fragment boundary or not ascending");
            }
            List<Value> frameFragments = new ArrayList<>();
            while (next < fragments.size() && itemOffset < end) {
                Value v = fragments.get(next++);
                frameFragments.add(v);
                itemOffset += 8 + v.length();
            }
            if (frameFragments.isEmpty()) {
                throw new IllegalArgumentException("frame " + frame + " has no fragments");
            }
            frames.add(List.copyOf(frameFragments));
        }
        return frames;
    }

    @Override
    public long length() {
        return -1;
    }
}
