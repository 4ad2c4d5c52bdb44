package dev.stagecraft.exec.chroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.exec.BusyboxRootfs;
import dev.stagecraft.exec.ExecException;
import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.MountSpec;
import dev.stagecraft.exec.NetworkMode;
import dev.stagecraft.exec.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChrootExecutorIT {
    @TempDir
    Path tmp;

    @Test
    void aFailingSetupIsAnErrorNotAnExitCode() throws Exception {
        Path rootfs = BusyboxRootfs.create(Files.createDirectory(tmp.resolve("rootfs")));
        Files.writeString(rootfs.resolve("file"), "x");
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path state = tmp.resolve("state");
        // A directory cannot be mounted where the image has a regular file: the setup fails.
        ExecRequest r = new ExecRequest(rootfs, List.of("true"), List.of(), "/", "", "h", NetworkMode.NONE, false,
                List.of(MountSpec.bind(src, "/file/sub", false)), List.of(), 0);
        assertThatThrownBy(() -> new ChrootExecutor(state).run(r, ProcessOutput.DISCARD))
                .isInstanceOf(ExecException.class).hasMessageContaining("could not set up the chroot namespaces")
                .hasMessageContaining(rootfs.toString());
        try (Stream<Path> s = Files.list(state)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
