package dev.stagecraft.context;

import dev.stagecraft.content.Digest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Folds {@link SelectedEntry selected entries} into one sha256. Every field is written with a tag
 * or a length so that no two different selections can give the same byte stream.
 */
final class ChecksumWriter {
    private static final byte[] HEADER = "stagecraft context checksum v1\n".getBytes(StandardCharsets.US_ASCII);
    private final MessageDigest md = Digest.sha256();
    private final ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
    private final boolean resetOwnership;

    /** @param resetOwnership whether every entry counts as owned by 0:0 (a build context) */
    ChecksumWriter(boolean resetOwnership) {
        this.resetOwnership = resetOwnership;
        md.update(HEADER);
    }

    void add(SelectedEntry e) {
        switch (e.kind) {
            case MATCH -> {
                put((byte) 'M');
                buf.putInt(e.match);
                putString(e.path);
            }
            case MISSING -> {
                put((byte) '!');
                buf.putInt(e.match);
                putString(e.path);
            }
            case ENTRY -> addEntry(e);
            default -> throw new IllegalStateException(e.kind.toString());
        }
    }

    private void addEntry(SelectedEntry e) {
        FileStat st = e.stat;
        put((byte) 'E');
        putString(e.path);
        room(12);
        buf.putInt(st.mode());
        buf.putInt(resetOwnership ? 0 : st.uid());
        buf.putInt(resetOwnership ? 0 : st.gid());
        if (st.isRegularFile()) {
            room(8 + e.digest.length);
            buf.putLong(st.size());
            buf.put(e.digest);
        } else if (st.isSymlink()) {
            putString(e.linkTarget);
        } else if (st.isDevice()) {
            room(8);
            buf.putLong(st.rdev());
        }
    }

    /** The checksum of everything added. */
    Digest finish() {
        flush();
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    private void put(byte b) {
        room(1);
        buf.put(b);
    }

    private void putString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        room(4);
        buf.putInt(bytes.length);
        if (bytes.length > buf.capacity()) {
            flush();
            md.update(bytes);
            return;
        }
        room(bytes.length);
        buf.put(bytes);
    }

    private void room(int n) {
        if (buf.remaining() < n) {
            flush();
        }
    }

    private void flush() {
        buf.flip();
        md.update(buf);
        buf.clear();
    }
}
