package dev.stagecraft.archive;

/** Numeric fields of a raw tar header: octal text, or GNU/star base-256 when the high bit is set. */
final class TarNumbers {
    private TarNumbers() {
    }

    /** The field's value, or -1 when it is neither form (or does not fit a long). */
    static long parse(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            if ((header[offset] & 0x40) != 0) {
                return -1; // negative
            }
            long v = header[offset] & 0x3f;
            for (int i = 1; i < length; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    return -1;
                }
                v = (v << 8) | (header[offset + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            v = (v << 3) | (header[i] - '0');
        }
        return v;
    }
}
