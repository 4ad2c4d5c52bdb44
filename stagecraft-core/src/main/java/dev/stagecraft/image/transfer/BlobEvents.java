package dev.stagecraft.image.transfer;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.registry.BlobProgress;

/** Turns the byte counts of one blob's transfer into {@link TransferEvent}s. */
final class BlobEvents implements BlobProgress {
    private final TransferListener listener;
    private final Digest digest;
    private final boolean layer;
    private final long size;
    private final boolean upload;

    BlobEvents(TransferListener listener, Descriptor blob, boolean layer, boolean upload) {
        this.listener = listener;
        this.digest = blob.parsedDigest();
        this.layer = layer;
        this.size = blob.size();
        this.upload = upload;
    }

    void emit(TransferEvent.Kind kind) {
        listener.onEvent(new TransferEvent(digest, layer, kind, kind == TransferEvent.Kind.DONE
                || kind == TransferEvent.Kind.PUSHED ? size : 0, size, ""));
    }

    @Override
    public void transferred(long bytes) {
        listener.onEvent(new TransferEvent(digest, layer,
                upload ? TransferEvent.Kind.UPLOADING : TransferEvent.Kind.DOWNLOADING, bytes, size, ""));
        if (!upload && bytes == size) {
            // The store checks the digest as the last bytes go through; say so, as docker does.
            listener.onEvent(new TransferEvent(digest, layer, TransferEvent.Kind.VERIFYING, bytes, size, ""));
        }
    }

    @Override
    public void mountedFrom(String repository) {
        listener.onEvent(new TransferEvent(digest, layer, TransferEvent.Kind.MOUNTED, 0, size, repository));
    }
}
