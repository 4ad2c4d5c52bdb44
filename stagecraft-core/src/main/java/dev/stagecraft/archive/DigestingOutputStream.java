package dev.stagecraft.archive;

import dev.stagecraft.content.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Counts and hashes the bytes on their way through, so a layer's digests come from the one pass
 * that writes it. Optionally leaves the wrapped stream open on close: the caller owns it.
 */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest md = Digest.sha256();
    private final boolean closeDelegate;
    private long size;

    DigestingOutputStream(OutputStream out, boolean closeDelegate) {
        super(out);
        this.closeDelegate = closeDelegate;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        md.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        md.update(b, off, len);
        size += len;
    }

    @Override
    public void close() throws IOException {
        if (closeDelegate) {
            out.close();
        } else {
            out.flush();
        }
    }

    long size() {
        return size;
    }

    Digest digest() {
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }
}
