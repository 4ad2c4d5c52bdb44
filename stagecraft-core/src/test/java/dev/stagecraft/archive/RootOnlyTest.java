package dev.stagecraft.archive;

import static dev.stagecraft.archive.TestTars.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ownership, device nodes and capabilities: only root can make them (CI runs as root). */
class RootOnlyTest {
    /** cap_net_raw+ep, as {@code setcap cap_net_raw+ep} writes it (VFS_CAP_REVISION_2). */
    private static final byte[] CAP_NET_RAW = HexFormat.of().parseHex("0100000200200000000000000000000000000000");

    @TempDir
    Path tmp;
    final LayerExtractor extractor = new LayerExtractor();

    @BeforeEach
    void asRoot() {
        assumeTrue(SpecialFiles.ROOT, "needs root");
    }

    private static TarArchiveEntry owned(TarArchiveEntry e, int uid, int gid) {
        TestTars.base(e, 0640);
        e.setUserId(uid);
        e.setGroupId(gid);
        return e;
    }

    @Test
    void ownershipIsApplied() throws IOException {
        TarArchiveEntry link = owned(new TarArchiveEntry("link", TarConstants.LF_SYMLINK), 7, 8);
        link.setLinkName("file");
        ExtractResult r = extractor.apply(tar()
                .entry(owned(new TarArchiveEntry("dir/", TarConstants.LF_DIR), 1234, 5678), null)
                .entry(owned(new TarArchiveEntry("dir/file"), 1000, 1001), new byte[] {1})
                .entry(link, null)
                .stream(), tmp.resolve("root"));

        assertThat(r.warnings()).isEmpty();
        assertThat(owner(tmp.resolve("root/dir"))).containsExactly(1234, 5678);
        assertThat(owner(tmp.resolve("root/dir/file"))).containsExactly(1000, 1001);
        assertThat(owner(tmp.resolve("root/link"))).containsExactly(7, 8);
    }

    @Test
    void setuidSurvivesChown() throws IOException {
        TarArchiveEntry e = owned(new TarArchiveEntry("su"), 1000, 1000);
        e.setMode(04755);
        extractor.apply(tar().entry(e, new byte[] {1}).stream(), tmp.resolve("root"));

        assertThat((Integer) Files.getAttribute(tmp.resolve("root/su"), "unix:mode") & 07777).isEqualTo(04755);
    }

    @Test
    void devicesAndFifosAreMade() throws IOException {
        TarArchiveEntry chr = owned(new TarArchiveEntry("dev/null", TarConstants.LF_CHR), 0, 0);
        chr.setDevMajor(1);
        chr.setDevMinor(3);
        TarArchiveEntry blk = owned(new TarArchiveEntry("dev/loop9", TarConstants.LF_BLK), 0, 6);
        blk.setDevMajor(7);
        blk.setDevMinor(9);
        TarArchiveEntry fifo = owned(new TarArchiveEntry("run/fifo", TarConstants.LF_FIFO), 0, 0);
        Path root = tmp.resolve("root");
        ExtractResult r = extractor.apply(tar().entry(chr, null).entry(blk, null).entry(fifo, null).stream(), root);

        assertThat(r.warnings()).isEmpty();
        assertThat(type(root.resolve("dev/null"))).isEqualTo(0020000);
        assertThat(Files.getAttribute(root.resolve("dev/null"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo((1L << 8) | 3);
        assertThat(type(root.resolve("dev/loop9"))).isEqualTo(0060000);
        assertThat(owner(root.resolve("dev/loop9"))).containsExactly(0, 6);
        assertThat(type(root.resolve("run/fifo"))).isEqualTo(0010000);
    }

    @Test
    void writerRoundTripsDevicesAndOwners() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Process p = new ProcessBuilder("mknod", src.resolve("zero").toString(), "c", "1", "5").start();
        assertThat(p.waitFor()).isZero();
        Path f = Files.writeString(src.resolve("owned"), "x");
        Files.setAttribute(f, "unix:uid", 4321);
        Files.setAttribute(f, "unix:gid", 8765);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.builder().build().write(src, out);
        Path dst = tmp.resolve("dst");

        extractor.apply(new ByteArrayInputStream(out.toByteArray()), dst);

        assertThat(type(dst.resolve("zero"))).isEqualTo(0020000);
        assertThat(Files.getAttribute(dst.resolve("zero"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo((1L << 8) | 5);
        assertThat(owner(dst.resolve("owned"))).containsExactly(4321, 8765);
    }

    @Test
    void capabilityRoundTripsThroughSetfattr() throws Exception {
        assumeTrue(Xattrs.toolsPresent(), "needs setfattr/getfattr (package attr)");
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path ping = Files.writeString(src.resolve("ping"), "#!/bin/true\n");
        assertThat(Xattrs.write(ping, Xattrs.CAPABILITY, CAP_NET_RAW, false)).isNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.builder().owner(1000, 1000).build().write(src, out);
        Path dst = tmp.resolve("dst");

        ExtractResult r = extractor.apply(new ByteArrayInputStream(out.toByteArray()), dst);

        assertThat(r.warnings()).isEmpty();
        // Applied after chown, which would clear it.
        assertThat(Xattrs.readCapabilities(dst)).containsOnlyKeys(dst.toRealPath().resolve("ping"));
        assertThat(Xattrs.readCapabilities(dst).get(dst.toRealPath().resolve("ping"))).isEqualTo(CAP_NET_RAW);
    }

    private static List<Integer> owner(Path p) throws IOException {
        return List.of((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }

    private static int type(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
    }
}
