package dev.stagecraft.dockerfile.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FileModes, Signals and ExposedPorts: the checks the frontend runs for reachable stages. */
class DispatchValidatorsTest {
    private static final String CHMOD_ERROR = "'. it should be octal string and between 0 and 07777";

    @Test
    void octalChmod() {
        assertThat(FileModes.parseChmod("755")).isEqualTo(new Chmod(0755, null));
        assertThat(FileModes.parseChmod("0")).isEqualTo(new Chmod(0, null));
        assertThat(FileModes.parseChmod("07777")).isEqualTo(new Chmod(07777, null));
        assertThat(FileModes.parseChmod("")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"u=rwX,go=rX", "+x", "a-w", "u+r-w", "go=u-w", "=rw,+X", "ugo+st", "o="})
    void symbolicChmod(String mode) {
        Chmod chmod = FileModes.parseChmod(mode);
        assertThat(chmod.isSymbolic()).isTrue();
        assertThat(chmod.symbolic()).isEqualTo(mode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000", "0778", "9", "8x", "1_0"})
    void numericLookingChmodErrors(String mode) {
        assertThatThrownBy(() -> FileModes.parseChmod(mode)).isInstanceOf(DockerfileException.class)
                .hasMessage("invalid chmod parameter: '" + mode + CHMOD_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "u", "u+r,", "+7", "rw", "u+r g+w"})
    void symbolicSyntaxErrors(String mode) {
        assertThatThrownBy(() -> FileModes.parseChmod(mode)).isInstanceOf(DockerfileException.class)
                .hasMessage("invalid chmod parameter: '" + mode + CHMOD_ERROR);
    }

    @Test
    void signals() {
        assertThat(Signals.validate("SIGTERM")).isEqualTo(15);
        assertThat(Signals.validate("term")).isEqualTo(15);
        assertThat(Signals.validate("SigKill")).isEqualTo(9);
        assertThat(Signals.validate("9")).isEqualTo(9);
        assertThat(Signals.validate("SIGRTMIN+3")).isEqualTo(37);
        assertThat(Signals.validate("RTMAX-1")).isEqualTo(63);
        assertThat(Signals.validate("-3")).isEqualTo(-3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "0", "SIG", "", "SIGTERM ", "1.5"})
    void badSignals(String signal) {
        assertThatThrownBy(() -> Signals.validate(signal)).isInstanceOf(DockerfileException.class)
                .hasMessage("invalid signal: " + signal);
    }

    @Test
    void exposedPorts() {
        assertThat(ExposedPorts.parse(List.of("80", "443/TCP", "53/udp", "9/sctp")))
                .containsExactly("80/tcp", "443/tcp", "53/udp", "9/sctp");
        assertThat(ExposedPorts.parse(List.of("8000-8002"))).containsExactly("8000/tcp", "8001/tcp", "8002/tcp");
        assertThat(ExposedPorts.parse(List.of("0.0.0.0:1234-1235:3333-3334/tcp"))).containsExactly("3333/tcp", "3334/tcp");
        assertThat(ExposedPorts.parse(List.of("8080:80", "127.0.0.1::81", "80", "80")))
                .containsExactly("80/tcp", "81/tcp", "80/tcp", "80/tcp");
        assertThat(ExposedPorts.parse(List.of("[2001:4860:0:2001::68]::333", "[::1]:80:80",
                "2001:4860:0:2001::68::333", "::1:80:80", "::::80")))
                .containsExactly("333/tcp", "80/tcp", "333/tcp", "80/tcp", "80/tcp");
        assertThat(ExposedPorts.parse(List.of("1000-1001:80"))).containsExactly("80/tcp");
    }

    @Test
    void exposedPortErrors() {
        portFails("80/foo", "invalid proto: foo");
        portFails("80/FOO", "invalid proto: foo");
        portFails("/tcp", "no port specified: /tcp<empty>");
        portFails("x", "invalid containerPort: x");
        portFails("9-1", "invalid containerPort: 9-1");
        portFails("65536", "invalid containerPort: 65536");
        portFails("1-2-3", "invalid containerPort: 1-2-3");
        portFails("x:80", "invalid hostPort: x");
        portFails("localhost:1234:1234/tcp", "invalid IP address: localhost");
        portFails("1.2.3.256:1:1", "invalid IP address: 1.2.3.256");
        portFails("1-2:3-5", "invalid ranges specified for container and host Ports: 3-5 and 1-2");
        portFails("[::1:80:80", "invalid IP address [::1: address [::1:: missing ']' in address");
    }

    private static void portFails(String spec, String message) {
        assertThatThrownBy(() -> ExposedPorts.parse(List.of(spec))).isInstanceOf(DockerfileException.class)
                .hasMessage(message);
    }
}
