package dev.stagecraft.api;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A content store whose writes are held by a lease before they happen, so a collection in another
 * process cannot sweep what an import has written before the import's reference exists.
 */
final class LeasedStore implements ContentStore {
    private final ContentStore store;
    private final Lease lease;

    LeasedStore(ContentStore store, Lease lease) {
        this.store = store;
        this.lease = lease;
    }

    @Override
    public boolean exists(Digest digest) {
        return store.exists(digest);
    }

    @Override
    public Optional<Long> size(Digest digest) {
        return store.size(digest);
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        return store.open(digest);
    }

    @Override
    public byte[] read(Digest digest) throws IOException {
        return store.read(digest);
    }

    @Override
    public void write(Digest expected, long expectedSize, InputStream content) throws IOException {
        lease.add(expected);
        store.write(expected, expectedSize, content);
    }

    @Override
    public Digest write(byte[] content) throws IOException {
        lease.add(Digest.sha256(content));
        return store.write(content);
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return store.delete(digest);
    }

    @Override
    public Stream<Digest> list() throws IOException {
        return store.list();
    }
}
