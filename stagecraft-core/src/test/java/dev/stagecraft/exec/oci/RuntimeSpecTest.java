package dev.stagecraft.exec.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.MountSpec;
import dev.stagecraft.exec.NetworkMode;
import dev.stagecraft.exec.ProcessSetup;
import dev.stagecraft.exec.Users;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeSpecTest {
    private static JsonNode spec(NetworkMode network, boolean insecure, List<MountSpec> mounts) throws Exception {
        ExecRequest r = new ExecRequest(Path.of("/r/rootfs"), List.of("sh", "-c", "true"), List.of("A=1"), "/w",
                "app", "buildkitsandbox", network, insecure, mounts, List.of(), 0);
        ProcessSetup setup = new ProcessSetup(new Users.ExecUser(1000, 1000, List.of(29, 44), "/home/app"),
                List.of("A=1", "PATH=/bin"), "/w");
        return new ObjectMapper().readTree(RuntimeSpec.toJson(RuntimeSpec.build(r, setup, Path.of("/b/hosts"),
                Path.of("/b/resolv.conf"))));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("type").asText()));
        return out;
    }

    @Test
    void processUserRootAndHostname() throws Exception {
        JsonNode s = spec(NetworkMode.NONE, false, List.of());
        assertThat(texts(s.at("/process/args"))).containsExactly("sh", "-c", "true");
        assertThat(texts(s.at("/process/env"))).containsExactly("A=1", "PATH=/bin");
        assertThat(s.at("/process/cwd").asText()).isEqualTo("/w");
        assertThat(s.at("/process/user/uid").asInt()).isEqualTo(1000);
        assertThat(s.at("/process/user/additionalGids/0").asInt()).isEqualTo(29);
        assertThat(s.at("/process/user/additionalGids/1").asInt()).isEqualTo(44);
        assertThat(s.at("/process/noNewPrivileges").asBoolean(true)).isFalse();
        assertThat(s.at("/root/path").asText()).isEqualTo("/r/rootfs");
        assertThat(s.at("/root/readonly").asBoolean(true)).isFalse();
        assertThat(s.at("/hostname").asText()).isEqualTo("buildkitsandbox");
        assertThat(s.at("/linux").has("cgroupsPath")).isFalse();
    }

    @Test
    void dockerCapabilitiesWithoutAmbient() throws Exception {
        JsonNode caps = spec(NetworkMode.NONE, false, List.of()).at("/process/capabilities");
        for (String set : new String[] {"bounding", "effective", "permitted"}) {
            assertThat(texts(caps.get(set))).containsExactlyInAnyOrderElementsOf(RuntimeSpec.DEFAULT_CAPS).hasSize(14);
        }
        assertThat(caps.has("ambient")).isFalse();
        assertThat(caps.has("inheritable")).isFalse();
    }

    @Test
    void networkNamespaceOnlyForNone() throws Exception {
        assertThat(texts(spec(NetworkMode.NONE, false, List.of()).at("/linux/namespaces")))
                .containsExactly("pid", "ipc", "uts", "mount", "network");
        assertThat(texts(spec(NetworkMode.HOST, false, List.of()).at("/linux/namespaces")))
                .containsExactly("pid", "ipc", "uts", "mount");
    }

    @Test
    void standardAndExtraMounts() throws Exception {
        JsonNode s = spec(NetworkMode.NONE, false, List.of(MountSpec.bind(Path.of("/src"), "/in", true),
                MountSpec.tmpfs("/t", 1024)));
        List<String> destinations = new ArrayList<>();
        s.get("mounts").forEach(m -> destinations.add(m.get("destination").asText()));
        assertThat(destinations).containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys",
                "/sys/fs/cgroup", "/etc/resolv.conf", "/etc/hosts", "/in", "/t");
        assertThat(texts(s.at("/mounts/5/options"))).contains("ro");
        assertThat(texts(s.at("/mounts/3/options"))).contains("size=67108864");
        assertThat(texts(s.at("/mounts/9/options"))).containsExactly("rbind", "ro");
        assertThat(s.at("/mounts/9/source").asText()).isEqualTo("/src");
        assertThat(texts(s.at("/mounts/10/options"))).contains("size=1024");
        assertThat(texts(s.at("/linux/maskedPaths"))).contains("/proc/kcore", "/sys/firmware");
        assertThat(texts(s.at("/linux/readonlyPaths"))).contains("/proc/sys");
    }

    @Test
    void insecureOpensSysAndDropsMasks() throws Exception {
        JsonNode s = spec(NetworkMode.NONE, true, List.of());
        assertThat(texts(s.at("/mounts/5/options"))).contains("rw").doesNotContain("ro");
        assertThat(s.at("/linux").has("maskedPaths")).isFalse();
        assertThat(s.at("/process/capabilities/bounding").size()).isGreaterThan(14);
    }
}
