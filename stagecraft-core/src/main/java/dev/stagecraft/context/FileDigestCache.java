package dev.stagecraft.context;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The content digests of the regular files of one context directory, each valid while the file's
 * size, mtime, inode and ctime (all to the nanosecond) are those it had when it was hashed; an
 * entry is self-validating, so a stale one only costs a re-read.
 *
 * <p>On disk it is one binary file: a magic and version, the directory it belongs to, the entries
 * (relative path, the four stat fields, the 32-byte digest, an age), and a CRC-32C of all that. A
 * file that is missing, truncated, of another version or directory, or whose CRC does not match is
 * ignored as a whole (the cache starts empty and is rebuilt). It is written to a temporary file
 * and renamed over the old one, so readers see the old or the new file, never a mix; when two
 * processes save, the last one wins.
 *
 * <p>Age: an entry not used since the cache was last written grows one older at each write and is
 * dropped after {@value #MAX_AGE}, so files deleted from the context do not linger forever.
 */
final class FileDigestCache {
    static final int MAX_AGE = 16;
    private static final long MAGIC = 0x5343_4644_4331_0001L; // "SCFDC1" + format 1
    private static final int DIGEST_BYTES = 32;
    private static final int FIXED_ENTRY_BYTES = 4 + 4 * 8 + DIGEST_BYTES + 1;

    private final Path root;
    private final Map<String, Entry> entries;
    private volatile boolean dirty;

    private static final class Entry {
        final long size;
        final long mtime;
        final long ino;
        final long ctime;
        final byte[] digest;
        volatile int age;

        Entry(long size, long mtime, long ino, long ctime, byte[] digest, int age) {
            this.size = size;
            this.mtime = mtime;
            this.ino = ino;
            this.ctime = ctime;
            this.digest = digest;
            this.age = age;
        }

        boolean validFor(FileStat st) {
            return size == st.size() && mtime == st.mtimeNanos() && ino == st.ino() && ctime == st.ctimeNanos();
        }
    }

    private FileDigestCache(Path root, int expected) {
        this.root = root;
        this.entries = new ConcurrentHashMap<>(expected);
    }

    /** An empty cache for the real directory {@code root}. */
    static FileDigestCache empty(Path root) {
        return new FileDigestCache(root, 16);
    }

    /** The cache kept in {@code file} for {@code root}; empty when the file is missing or unusable. */
    static FileDigestCache load(Path file, Path root) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty(root);
        }
        // About 100 bytes an entry: sized so that loading does not grow the map again and again.
        FileDigestCache cache = new FileDigestCache(root, bytes.length / 64);
        if (!cache.parse(bytes)) {
            cache.entries.clear();
            cache.dirty = true; // rewrite the unusable file at the next save
        }
        return cache;
    }

    private boolean parse(byte[] bytes) {
        if (bytes.length < 8 + 4 + 4 + 4) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt(bytes.length - 4) != (int) crc.getValue() || b.getLong() != MAGIC) {
            return false;
        }
        try {
            if (!readString(b).equals(root.toString())) {
                return false;
            }
            int count = b.getInt();
            for (int i = 0; i < count; i++) {
                String rel = readString(b);
                long size = b.getLong();
                long mtime = b.getLong();
                long ino = b.getLong();
                long ctime = b.getLong();
                byte[] digest = new byte[DIGEST_BYTES];
                b.get(digest);
                int age = b.get();
                entries.put(rel, new Entry(size, mtime, ino, ctime, digest, age + 1));
            }
            return b.remaining() == 4;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static String readString(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("bad length " + len);
        }
        String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    /** The directory this cache belongs to. */
    Path root() {
        return root;
    }

    /** The number of entries held. */
    int size() {
        return entries.size();
    }

    /** The digest recorded for {@code rel} when its stat is still {@code st}, else null. */
    byte[] lookup(String rel, FileStat st) {
        Entry e = entries.get(rel);
        if (e == null || !e.validFor(st)) {
            return null;
        }
        e.age = 0;
        return e.digest;
    }

    /** Records that the file {@code rel}, while its stat was {@code st}, had content {@code digest}. */
    void record(String rel, FileStat st, byte[] digest) {
        entries.put(rel, new Entry(st.size(), st.mtimeNanos(), st.ino(), st.ctimeNanos(), digest, 0));
        dirty = true;
    }

    /** Whether something was learned (or the loaded file was unusable) since the last save. */
    boolean dirty() {
        return dirty;
    }

    /** Writes the cache to {@code file} through a temporary file in the same directory. */
    void save(Path file) throws IOException {
        dirty = false;
        byte[] rootName = root.toString().getBytes(StandardCharsets.UTF_8);
        int count = 0;
        long length = 8 + 4 + rootName.length + 4 + 4;
        Map.Entry<?, ?>[] kept = new Map.Entry<?, ?>[entries.size()];
        byte[][] names = new byte[kept.length][];
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().age > MAX_AGE || count == kept.length) {
                continue;
            }
            kept[count] = e;
            names[count] = e.getKey().getBytes(StandardCharsets.UTF_8);
            length += FIXED_ENTRY_BYTES + names[count].length;
            count++;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(length));
        b.putLong(MAGIC).putInt(rootName.length).put(rootName).putInt(count);
        for (int i = 0; i < count; i++) {
            Entry e = (Entry) kept[i].getValue();
            b.putInt(names[i].length).put(names[i]);
            b.putLong(e.size).putLong(e.mtime).putLong(e.ino).putLong(e.ctime).put(e.digest);
            b.put((byte) Math.min(e.age, MAX_AGE + 1));
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        try {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, b.array());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            dirty = true; // still to be written
            throw e;
        }
    }
}
