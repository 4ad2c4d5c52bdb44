package dev.stagecraft.archive;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sits under Commons Compress's tar reader and watches the bytes it reads while looking for the
 * next entry: the padding of the previous entry, then the PAX, GNU long-name and ustar headers.
 *
 * <p>Two jobs. It caps those bytes ({@link #MAX_HEADER_BYTES}, the 1 MiB limit Go's archive/tar
 * puts on PAX and long-name records) because Commons Compress reads a PAX header or a long name
 * into memory whatever size it claims. And it keeps them, so binary xattr values can be read
 * from the raw PAX records (see {@link PaxRecords}).
 */
final class HeaderGuard extends FilterInputStream {
    static final int MAX_HEADER_BYTES = (1 << 20) + 16 * 512;
    private static final int BLOCK = 512;

    /** Raised, inside Commons Compress, when one entry's headers pass the cap. */
    static final class HeaderTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        HeaderTooLargeException() {
            super("tar header larger than " + MAX_HEADER_BYTES + " bytes");
        }
    }

    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final Map<String, byte[]> globalRecords = new TreeMap<>();
    private boolean recording;
    private long position;
    private long headerStart;

    HeaderGuard(InputStream in) {
        super(in);
    }

    /** Starts watching: call just before asking the tar reader for its next entry. */
    void beginHeader() {
        recorded.reset();
        recording = true;
        headerStart = position;
    }

    /**
     * Stops watching and returns the raw PAX records that apply to the entry just read: global
     * ones first, then the entry's own, which override them.
     */
    Map<String, byte[]> endHeader() {
        recording = false;
        byte[] data = recorded.toByteArray();
        Map<String, byte[]> records = new TreeMap<>(globalRecords);
        // Headers sit on 512-byte boundaries of the tar; what comes before is padding.
        int pos = (int) ((BLOCK - headerStart % BLOCK) % BLOCK);
        while (pos + BLOCK <= data.length) {
            byte type = data[pos + 156];
            long size = TarNumbers.parse(data, pos + 124, 12);
            int content = pos + BLOCK;
            if (size < 0 || content + size > data.length) {
                break;
            }
            if (type == 'x' || type == 'X') {
                records.putAll(PaxRecords.decode(data, content, (int) (content + size)));
            } else if (type == 'g') {
                globalRecords.putAll(PaxRecords.decode(data, content, (int) (content + size)));
                records.putAll(globalRecords);
            } else if (type != 'L' && type != 'K') {
                break; // the entry's own header
            }
            pos = content + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        return records;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            position++;
            if (recording) {
                recorded.write(b);
                checkCap();
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            position += n;
            if (recording) {
                recorded.write(b, off, n);
                checkCap();
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (!recording) {
            long skipped = in.skip(n);
            position += skipped;
            return skipped;
        }
        // Skipped header bytes must be seen too, so read them.
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int read = read(buf, 0, buf.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkCap() throws HeaderTooLargeException {
        if (recorded.size() > MAX_HEADER_BYTES) {
            throw new HeaderTooLargeException();
        }
    }
}
