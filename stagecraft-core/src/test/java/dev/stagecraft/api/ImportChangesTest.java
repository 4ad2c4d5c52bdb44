package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.image.ContainerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --change} instructions of import, applied to an empty config. */
class ImportChangesTest {
    @Test
    void everySupportedInstruction() {
        ContainerConfig c = ImportChanges.apply(List.of(
                "CMD echo hi",
                "ENTRYPOINT [\"/bin/busybox\"]",
                "ENV A=1 PATH=/bin",
                "ENV B=${A}2",
                "EXPOSE 80 8080/udp",
                "LABEL org.example.name=\"a box\" version=${B}",
                "USER nobody:nogroup",
                "VOLUME /data",
                "WORKDIR /app",
                "WORKDIR sub/../src"));
        assertThat(c.cmd()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(c.entrypoint()).containsExactly("/bin/busybox");
        assertThat(c.env()).containsExactly("A=1", "PATH=/bin", "B=12");
        assertThat(c.exposedPorts()).containsOnlyKeys("80/tcp", "8080/udp");
        assertThat(c.labels()).isEqualTo(Map.of("org.example.name", "a box", "version", "12"));
        assertThat(c.user()).isEqualTo("nobody:nogroup");
        assertThat(c.volumes()).containsOnlyKeys("/data");
        assertThat(c.workingDir()).isEqualTo("/app/src");
    }

    @Test
    void noChangesIsAnEmptyConfig() {
        assertThat(ImportChanges.apply(List.of())).isEqualTo(ContainerConfig.empty());
    }

    @Test
    void otherInstructionsAndBadSyntaxAreRefused() {
        assertThatThrownBy(() -> ImportChanges.apply(List.of("RUN rm -rf /")))
                .isInstanceOf(StagecraftException.class)
                .hasMessage("invalid --change: RUN is not supported by import; use CMD, ENTRYPOINT, ENV, EXPOSE,"
                        + " LABEL, USER, VOLUME or WORKDIR");
        assertThatThrownBy(() -> ImportChanges.apply(List.of("CMDD x")))
                .isInstanceOf(StagecraftException.class).hasMessageStartingWith("invalid --change: unknown instruction");
        assertThatThrownBy(() -> ImportChanges.apply(List.of("EXPOSE 99999")))
                .isInstanceOf(StagecraftException.class);
    }
}
