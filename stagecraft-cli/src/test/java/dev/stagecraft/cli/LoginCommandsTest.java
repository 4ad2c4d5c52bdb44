package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argument handling of {@code login} and {@code logout}, with the config in a temp dir. The checks
 * against a real registry are in core's {@code RegistryLoginIT}.
 */
class LoginCommandsTest {
    @TempDir
    Path tmp;

    private StringWriter out;
    private StringWriter err;

    @AfterEach
    void realStreams() {
        Stdio.reset();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void passwordOptionsAreChecked() {
        assertThat(run("login", "--config", tmp.toString(), "-u", "me", "-p", "x", "--password-stdin", "example.com"))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: --password and --password-stdin are mutually exclusive\n");
        assertThat(run("login", "--config", tmp.toString(), "--password-stdin", "example.com")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: Must provide --username with --password-stdin\n");
        assertThat(run("login", "--config", tmp.toString(), "-u", "me", "example.com")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: Cannot perform an interactive login from a non TTY device\n");
        assertThat(tmp.resolve("config.json")).doesNotExist();
    }

    /** A registry that cannot be reached: the login fails and nothing is written. */
    @Test
    void anUnreachableRegistryFailsTheLogin() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Stdio.in = () -> new ByteArrayInputStream("pass\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run("login", "--config", tmp.toString(), "-u", "me", "--password-stdin", "127.0.0.1:" + port))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: login failed for 127.0.0.1:" + port + ": ");
        assertThat(out.toString()).doesNotContain("Login Succeeded");
        assertThat(tmp.resolve("config.json")).doesNotExist();

        assertThat(run("login", "--config", tmp.toString(), "-u", "me", "-p", "pass", "127.0.0.1:" + port)).isEqualTo(1);
        assertThat(err.toString()).startsWith("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"
                + "ERROR: login failed for 127.0.0.1:" + port + ": ");
    }

    @Test
    void logoutRemovesTheEntryAndKeepsTheRest() throws IOException {
        Files.writeString(tmp.resolve("config.json"), """
                {"auths": {"https://index.docker.io/v1/": {"auth": "bWU6cGFzcw=="},
                           "example.com:5000": {"auth": "bWU6cGFzcw=="}},
                 "psFormat": "table"}""");
        assertThat(run("logout", "--config", tmp.toString())).isZero();
        assertThat(out.toString()).isEqualTo("Removing login credentials for https://index.docker.io/v1/\n");
        assertThat(run("logout", "--config", tmp.toString())).isZero();
        assertThat(out.toString()).isEqualTo("Not logged in to https://index.docker.io/v1/\n");
        assertThat(run("logout", "--config", tmp.toString(), "http://example.com:5000/v2/")).isZero();
        assertThat(out.toString()).isEqualTo("Removing login credentials for example.com:5000\n");
        assertThat(Files.readString(tmp.resolve("config.json"))).contains("\"psFormat\"").doesNotContain("auth\"");
    }
}
