package org.telecare.dicom.io;

import java.nio.file.Path;

/**
 * How a {@link DicomReader} reads.
 *
 * @param bulkDataThreshold values longer than this many bytes are not read into memory but
 *                          referenced on disk ({@link org.telecare.dicom.data.BulkDataRef})
 * @param spillDirectory    where bulk data from non-seekable input (a stream, a deflated or big
 *                          endian file) is copied; the caller owns (and deletes) the files
 * @param maxDepth          maximum nesting of sequences
 * @param maxInlineLength   hard cap on any value held in memory, whatever the threshold
 * @param stopBeforeTag     stop reading the top-level data set before the first element with a
 *                          tag at or above this one (unsigned), e.g. Pixel Data; 0 = read all
 * @param allowOddLengths   accept odd value lengths, which PS3.5 §7.1.1 forbids but some devices
 *                          send; the writer then pads such values to even length
 * @param maxItems          maximum number of sequence items and fragments in one read: an empty
 *                          item takes 8 bytes of input but far more heap, so this bounds memory
 */
public record ReadOptions(long bulkDataThreshold, Path spillDirectory, int maxDepth, int maxInlineLength,
                          int stopBeforeTag, boolean allowOddLengths, int maxItems) {
    public static final ReadOptions DEFAULT =
            new ReadOptions(Long.MAX_VALUE, null, 32, 256 * 1024 * 1024, 0, false, 1_000_000);

    public ReadOptions {
        if (bulkDataThreshold < 0 || maxDepth < 1 || maxInlineLength < 0 || maxItems < 0) {
            throw new IllegalArgumentException("negative threshold, depth, inline length or item count");
        }
    }

    public ReadOptions withBulkDataThreshold(long threshold, Path spillDirectory) {
        return new ReadOptions(threshold, spillDirectory, maxDepth, maxInlineLength, stopBeforeTag,
                allowOddLengths, maxItems);
    }

    public ReadOptions withMaxDepth(int depth) {
        return new ReadOptions(bulkDataThreshold, spillDirectory, depth, maxInlineLength, stopBeforeTag,
                allowOddLengths, maxItems);
    }

    public ReadOptions withMaxInlineLength(int length) {
        return new ReadOptions(bulkDataThreshold, spillDirectory, maxDepth, length, stopBeforeTag,
                allowOddLengths, maxItems);
    }

    public ReadOptions stopBefore(int tag) {
        return new ReadOptions(bulkDataThreshold, spillDirectory, maxDepth, maxInlineLength, tag, allowOddLengths,
                maxItems);
    }

    public ReadOptions withMaxItems(int items) {
        return new ReadOptions(bulkDataThreshold, spillDirectory, maxDepth, maxInlineLength, stopBeforeTag,
                allowOddLengths, items);
    }

    public ReadOptions allowingOddLengths() {
        return new ReadOptions(bulkDataThreshold, spillDirectory, maxDepth, maxInlineLength, stopBeforeTag, true,
                maxItems);
    }
}
