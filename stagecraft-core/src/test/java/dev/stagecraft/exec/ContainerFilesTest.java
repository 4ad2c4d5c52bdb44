package dev.stagecraft.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerFilesTest {
    @Test
    void hostsNamesTheSandboxAndTheExtraHosts() {
        assertThat(ContainerFiles.hosts("buildkitsandbox", List.of("db:10.0.0.2", "v6:fe80::1")))
                .isEqualTo("127.0.0.1\tlocalhost buildkitsandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                        + "10.0.0.2\tdb\nfe80::1\tv6\n");
    }

    @Test
    void anExtraHostWithoutIpIsRefused() {
        assertThatThrownBy(() -> ContainerFiles.hosts("h", List.of("db"))).isInstanceOf(ExecException.class)
                .hasMessageContaining("\"db\"");
    }

    @Test
    void hostNetworkKeepsTheHostFile() {
        String host = "search example.org\nnameserver 127.0.0.53\noptions edns0\n";
        assertThat(ContainerFiles.resolvConf(host, NetworkMode.HOST)).isEqualTo(host);
    }

    @Test
    void otherNetworksDropLoopbackNameservers() {
        assertThat(ContainerFiles.resolvConf("nameserver 127.0.0.1\nnameserver 10.1.1.1\n", NetworkMode.NONE))
                .isEqualTo("nameserver 10.1.1.1\n");
    }

    @Test
    void noNameserverLeftGivesGooglesResolvers() {
        String out = ContainerFiles.resolvConf("search example.org\nnameserver 127.0.0.53\n", NetworkMode.NONE);
        assertThat(out).startsWith("search example.org\n").contains("nameserver 8.8.8.8\n", "nameserver 8.8.4.4\n",
                "nameserver 2001:4860:4860::8888\n", "nameserver 2001:4860:4860::8844\n")
                .doesNotContain("127.0.0.53");
    }

    @Test
    void hostNetworkWithoutAnyNameserverAlsoGetsDefaults() {
        assertThat(ContainerFiles.resolvConf("", NetworkMode.HOST)).contains("nameserver 8.8.8.8\n");
    }
}
