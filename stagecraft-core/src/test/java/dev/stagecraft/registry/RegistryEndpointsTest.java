package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryEndpointsTest {
    @Test
    void dockerHubIsServedByRegistry1() {
        assertThat(RegistryEndpoints.baseUri("docker.io", Set.of())).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(RegistryEndpoints.baseUri("index.docker.io", Set.of())).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(RegistryEndpoints.baseUri("ghcr.io", Set.of())).isEqualTo(URI.create("https://ghcr.io"));
    }

    @Test
    void loopbackSpeaksPlainHttp() {
        for (String host : List.of("localhost", "localhost:5000", "127.0.0.1", "127.0.0.1:5000", "127.3.2.1:80",
                "[::1]:5000", "[::1]", "registry.localhost:5000")) {
            assertThat(RegistryEndpoints.isLoopback(host)).as(host).isTrue();
            assertThat(RegistryEndpoints.baseUri(host, Set.of()).getScheme()).as(host).isEqualTo("http");
        }
        for (String host : List.of("128.0.0.1", "127.0.0.256", "localhost.example.com", "10.0.0.1:5000", "docker.io")) {
            assertThat(RegistryEndpoints.isLoopback(host)).as(host).isFalse();
        }
        assertThat(RegistryEndpoints.baseUri("[::1]:5000", Set.of())).isEqualTo(URI.create("http://[::1]:5000"));
    }

    @Test
    void insecureRegistriesMatchWithOrWithoutPort() {
        Set<String> insecure = Set.of("reg.example.com", "other.example.com:5000");
        assertThat(RegistryEndpoints.isInsecure("reg.example.com", insecure)).isTrue();
        assertThat(RegistryEndpoints.isInsecure("reg.example.com:8080", insecure)).isTrue();
        assertThat(RegistryEndpoints.isInsecure("other.example.com:5000", insecure)).isTrue();
        assertThat(RegistryEndpoints.isInsecure("other.example.com:5001", insecure)).isFalse();
        assertThat(RegistryEndpoints.isInsecure("other.example.com", insecure)).isFalse();
        assertThat(RegistryEndpoints.isInsecure("Reg.Example.com", insecure)).isTrue();
    }

    @Test
    void insecureRegistriesAreTriedOverHttpsFirstAndLoopbackOverPlainHttpOnly() {
        Set<String> insecure = Set.of("reg.example.com");
        assertThat(RegistryEndpoints.ownBases("reg.example.com:5000", insecure)).containsExactly(
                URI.create("https://reg.example.com:5000"), URI.create("http://reg.example.com:5000"));
        assertThat(RegistryEndpoints.ownBases("secure.example.com", insecure))
                .containsExactly(URI.create("https://secure.example.com"));
        assertThat(RegistryEndpoints.ownBases("127.0.0.1:5000", insecure))
                .containsExactly(URI.create("http://127.0.0.1:5000"));
        assertThat(RegistryEndpoints.ownBases("localhost:5000", Set.of("localhost:5000")))
                .containsExactly(URI.create("http://localhost:5000"));
    }

    @Test
    void mirrorsComeFirstForTheirRegistryOnly() {
        RegistryOptions options = RegistryOptions.defaults()
                .withMirrors("docker.io", List.of(URI.create("https://mirror.example.com/"),
                        URI.create("http://10.0.0.5:5000")));
        assertThat(RegistryEndpoints.pullBases("docker.io", options)).containsExactly(
                URI.create("https://mirror.example.com"), URI.create("http://10.0.0.5:5000"),
                URI.create("https://registry-1.docker.io"));
        assertThat(RegistryEndpoints.pullBases("quay.io", options)).containsExactly(URI.create("https://quay.io"));
    }
}
