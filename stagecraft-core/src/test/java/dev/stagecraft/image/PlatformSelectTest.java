package dev.stagecraft.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.reference.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformSelectTest {
    private static Index dockerList() throws IOException {
        return ((ImageDocument.OfIndex) ImageJson.parseManifestOrIndex(
                ImageJsonTest.sample("docker-manifest-list.json"), null)).index();
    }

    private static Index ociIndex() throws IOException {
        return ((ImageDocument.OfIndex) ImageJson.parseManifestOrIndex(
                ImageJsonTest.sample("oci-index.json"), null)).index();
    }

    /** The platform of the selected entry as os/arch/variant, or "none". */
    private static String selected(Index index, String wanted) {
        Optional<Descriptor> d = index.select(Platform.parse(wanted));
        return d.map(x -> x.platform().os() + "/" + x.platform().architecture()
                + (x.platform().variant() == null ? "" : "/" + x.platform().variant())).orElse("none");
    }

    @ParameterizedTest
    @CsvSource({
        "linux/amd64, linux/amd64",
        "linux/x86_64, linux/amd64",
        "linux/arm64, linux/arm64/v8",
        "linux/arm64/v8, linux/arm64/v8",
        "linux/aarch64, linux/arm64/v8",
        "linux/arm/v7, linux/arm/v7",
        "linux/arm, linux/arm/v7",
        "linux/armhf, linux/arm/v7",
        "linux/arm/v6, linux/arm/v6",
        "linux/armel, linux/arm/v6",
        "linux/386, linux/386",
        "linux/s390x, linux/s390x",
        "linux/riscv64, none",
        "windows/amd64, none",
        "linux/arm/v5, none",
    })
    void dockerManifestList(String wanted, String expected) throws IOException {
        assertThat(selected(dockerList(), wanted)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        // The exact level first, then older ones; a plain amd64 host cannot run v3 code.
        "linux/amd64/v3, linux/amd64/v3",
        "linux/amd64/v4, linux/amd64/v3",
        "linux/amd64/v2, linux/amd64",
        "linux/amd64, linux/amd64",
        "linux/arm64, linux/arm64",
        "linux/arm64/v8, linux/arm64",
        // Attestation manifests (unknown/unknown) are never chosen.
        "linux/arm/v7, none",
    })
    void ociIndexWithVariants(String wanted, String expected) throws IOException {
        assertThat(selected(ociIndex(), wanted)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        // Only older ARM levels available: an arm64 host falls back to 32-bit ARM, best level first.
        "linux/arm64, linux/arm/v7",
        "linux/arm/v8, linux/arm/v7",
        "linux/arm/v7, linux/arm/v7",
        "linux/arm/v6, linux/arm/v5",
        "linux/amd64, linux/386",
    })
    void fallsBackToCompatiblePlatforms(String wanted, String expected) {
        Index index = Index.oci(List.of(
                entry("linux", "arm", "v5"), entry("linux", "arm", "v7"), entry("linux", "386", null)));
        assertThat(selected(index, wanted)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"linux/amd64, 0", "linux/arm64, 1"})
    void firstAmongEqualsWins(String wanted, int expectedIndex) {
        Descriptor a = entry("linux", "amd64", null);
        Descriptor b = entry("linux", "arm64", "v8");
        Descriptor c = entry("linux", "amd64", "v1");
        Descriptor d = entry("linux", "arm64", null);
        Index index = Index.oci(List.of(a, b, c, d));
        assertThat(index.select(Platform.parse(wanted))).contains(index.manifests().get(expectedIndex));
    }

    private static int counter;

    private static Descriptor entry(String os, String arch, String variant) {
        byte[] unique = new byte[] {(byte) counter++};
        return new Descriptor(dev.stagecraft.content.MediaTypes.OCI_MANIFEST,
                dev.stagecraft.content.Digest.sha256(unique).toString(), 100, null, null,
                new Descriptor.PlatformSpec(arch, os, null, null, variant));
    }
}
