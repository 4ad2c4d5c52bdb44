package dev.stagecraft.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A credential helper judged by its exit status and output, whether or not it read its input. */
class CredentialHelperTest {
    @TempDir
    Path bin;

    private CredentialHelper helper(String body) throws IOException {
        Path script = bin.resolve("docker-credential-unread");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new CredentialHelper("unread", List.of(bin));
    }

    /** More than a pipe holds, so the write blocks until the helper has exited without reading it. */
    private static Credentials large() {
        return Credentials.basic("user", "s".repeat(1 << 20));
    }

    @Test
    void aHelperThatSucceedsWithoutReadingItsInputHasStored() throws IOException {
        CredentialHelper h = helper("exit 0");
        h.store("reg.example.com", large());
    }

    @Test
    void aHelperThatFailsWithoutReadingItsInputSaysWhy() throws IOException {
        CredentialHelper h = helper("echo 'keychain locked' >&2; exit 1");
        assertThatThrownBy(() -> h.store("reg.example.com", large()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("docker-credential-unread store failed: keychain locked");
    }

    @Test
    void aHelperThatReadsAndAnswersIsHeard() throws IOException {
        CredentialHelper h = helper("read -r server; printf '{\"Username\":\"u\",\"Secret\":\"p\"}'");
        assertThat(h.get("reg.example.com")).hasValueSatisfying(c -> assertThat(c.password()).isEqualTo("p"));
    }
}
