package dev.stagecraft.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.MediaTypes;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {
    private static final byte[] DATA = "hello layer ".repeat(1000).getBytes(StandardCharsets.UTF_8);

    private static byte[] compress(Compression c, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = c.wrap(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void detectsAndRoundTrips(Compression c) throws IOException {
        byte[] compressed = compress(c, DATA);
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(compressed));

        assertThat(Compression.detect(in)).isEqualTo(c);
        assertThat(in.readAllBytes()).isEqualTo(compressed); // detection consumed nothing
        try (InputStream plain = Compression.decompressing(new ByteArrayInputStream(compressed))) {
            assertThat(plain.readAllBytes()).isEqualTo(DATA);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void compressionIsDeterministic(Compression c) throws IOException {
        assertThat(compress(c, DATA)).isEqualTo(compress(c, DATA));
    }

    @Test
    void gzipLayersAreParallelGzipWithGosHeader() throws IOException {
        byte[] big = GzipSamples.mixed(3 * GzipSamples.BLOCK + 5, 11);
        byte[] gz = compress(Compression.GZIP, big);

        assertThat(gz).isEqualTo(GzipSamples.gzip(big));
        assertThat(java.util.Arrays.copyOf(gz, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
    }

    @Test
    void shortAndEmptyStreamsAreUncompressed() throws IOException {
        assertThat(Compression.detect(new BufferedInputStream(new ByteArrayInputStream(new byte[0]))))
                .isEqualTo(Compression.NONE);
        assertThat(Compression.detect(new BufferedInputStream(new ByteArrayInputStream(new byte[] {0x1f}))))
                .isEqualTo(Compression.NONE);
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(compress(Compression.GZIP, "one ".getBytes(StandardCharsets.UTF_8)));
        both.writeBytes(compress(Compression.GZIP, "two".getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = Compression.decompressing(new ByteArrayInputStream(both.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("one two");
        }
    }

    @Test
    void mediaTypes() {
        assertThat(Compression.ofMediaType(MediaTypes.DOCKER_LAYER_GZIP)).isEqualTo(Compression.GZIP);
        assertThat(Compression.ofMediaType(MediaTypes.OCI_LAYER_ZSTD)).isEqualTo(Compression.ZSTD);
        assertThat(Compression.ofMediaType(MediaTypes.OCI_LAYER)).isEqualTo(Compression.NONE);
        assertThat(Compression.GZIP.ociLayerMediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
        assertThatThrownBy(() -> Compression.ofMediaType("text/plain")).isInstanceOf(LayerFormatException.class);
    }
}
