package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildRequestTest {
    @Test
    void aBuiltRequestDoesNotChangeWithItsBuilder() {
        BuildRequest.Builder b = BuildRequest.builder(Path.of("/ctx")).tag("a:1").buildArg("X", "1").target("t");
        BuildRequest request = b.build();
        b.tag("b:2").buildArg("X", "2").target("other").output("type=local,dest=/out").network("none");

        assertThat(request.tags()).containsExactly("a:1");
        assertThat(request.buildArgs()).containsExactly(java.util.Map.entry("X", "1"));
        assertThat(request.target()).isEqualTo("t");
        assertThat(request.outputs()).isEmpty();
        assertThat(request.network()).isEqualTo("default");
        assertThat(request.dockerfile()).isEqualTo(Path.of("/ctx/Dockerfile"));
    }
}
