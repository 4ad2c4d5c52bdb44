package dev.stagecraft.snapshot;

import java.io.IOException;
import java.io.InputStream;

/** Opens a layer blob (compressed or not; the reader detects which) when the snapshotter needs it. */
@FunctionalInterface
public interface LayerSource {
    InputStream open() throws IOException;
}
