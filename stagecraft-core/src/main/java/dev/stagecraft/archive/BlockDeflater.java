package dev.stagecraft.archive;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Deflates one block of a {@link ParallelGzipOutputStream} into raw deflate data that the next
 * block's data can follow: byte-aligned after a sync flush, or final for the last block.
 */
final class BlockDeflater {
    private BlockDeflater() {}

    /**
     * @param dictionary the previous block, whose last 32 KiB prime this one; null for the first
     * @param last whether this block ends the deflate stream
     */
    static byte[] deflate(int level, byte[] data, int length, byte[] dictionary, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dictionary != null) {
                int n = Math.min(ParallelGzipOutputStream.DICTIONARY_SIZE, dictionary.length);
                deflater.setDictionary(dictionary, dictionary.length - n, n);
            }
            deflater.setInput(data, 0, length);
            if (last) {
                deflater.finish();
            }
            // Room for incompressible data (stored blocks cost 5 bytes per 16 KiB) and the flush.
            byte[] buf = new byte[length + (length >> 10) * 5 + 64];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int space = buf.length - n;
                int written = deflater.deflate(buf, n, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                n += written;
                // A sync flush is complete once it leaves room in the buffer; a finish once finished.
                if (last ? deflater.finished() : written < space) {
                    return Arrays.copyOf(buf, n);
                }
            }
        } finally {
            deflater.end();
        }
    }
}
