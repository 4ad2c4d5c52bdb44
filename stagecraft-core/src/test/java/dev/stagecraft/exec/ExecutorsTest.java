package dev.stagecraft.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.exec.chroot.ChrootExecutor;
import dev.stagecraft.exec.oci.OciRuntimeExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorsTest {
    @TempDir
    Path dir;

    private Path fakeRuntime(String name) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path p = Files.writeString(bin.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void autoPrefersCrunThenRuncOnThePath() throws IOException {
        Path runc = fakeRuntime("runc");
        Executors.Selection s = Executors.select("auto", Optional.empty(), dir.resolve("state"), runc.getParent()
                .toString());
        assertThat(s.executor()).isInstanceOf(OciRuntimeExecutor.class);
        assertThat(s.executor().name()).isEqualTo("runc");
        assertThat(s.warning()).isEmpty();
        fakeRuntime("crun");
        assertThat(Executors.select("", Optional.empty(), dir.resolve("state"), runc.getParent().toString())
                .executor().name()).isEqualTo("crun");
    }

    @Test
    void autoFallsBackToChrootWithAWarning() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Executors.Selection s = Executors.select("auto", Optional.empty(), dir.resolve("state"), empty.toString());
        assertThat(s.executor()).isInstanceOf(ChrootExecutor.class);
        assertThat(s.executor().name()).isEqualTo("chroot");
        assertThat(s.warning()).hasValueSatisfying(w -> assertThat(w).startsWith("WARNING: ").doesNotContain("\n"));
    }

    @Test
    void ociWithoutARuntimeIsAnError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> Executors.select("oci", Optional.empty(), dir.resolve("state"), empty.toString()))
                .isInstanceOf(ExecException.class).hasMessageContaining("runc or crun");
    }

    @Test
    void chrootIsChosenWhenAsked() throws IOException {
        fakeRuntime("runc");
        Executors.Selection s = Executors.select("chroot", Optional.empty(), dir.resolve("state"),
                dir.resolve("bin").toString());
        assertThat(s.executor()).isInstanceOf(ChrootExecutor.class);
        assertThat(s.warning()).isEmpty();
    }

    @Test
    void anExplicitRuntimeIsUsedOrRefused() throws IOException {
        Path mine = fakeRuntime("my-crun");
        assertThat(OciRuntimeExecutor.find(Optional.of(mine), "")).contains(mine);
        assertThat(Executors.select("oci", Optional.of(mine), dir.resolve("state"), "").executor().name())
                .isEqualTo("crun");
        assertThatThrownBy(() -> OciRuntimeExecutor.find(Optional.of(dir.resolve("nope")), ""))
                .isInstanceOf(ExecException.class).hasMessageContaining("nope");
    }

    @Test
    void unknownIsolationIsAnError() {
        assertThatThrownBy(() -> Executors.select("vm", Optional.empty(), dir.resolve("state"), ""))
                .isInstanceOf(ExecException.class).hasMessage("unknown isolation \"vm\": expected auto, oci or chroot");
    }
}
