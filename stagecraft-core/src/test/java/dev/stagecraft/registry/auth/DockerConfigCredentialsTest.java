package dev.stagecraft.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
    @TempDir
    Path dir;

    private DockerConfigCredentials config(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        return new DockerConfigCredentials(dir.resolve("config.json"), List.of(dir.resolve("bin")));
    }

    /** A credential helper speaking the protocol: it echoes the server it was asked about as the user. */
    private void helper(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nread -r server\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void authsBase64InAnySpellingOfTheKey() throws IOException {
        DockerConfigCredentials c = config("""
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "aHViOnNlY3JldA=="},
                  "http://localhost:5000/v2/": {"auth": "dXNlcjpwYTpzcw=="},
                  "ghcr.io": {"identitytoken": "refresh-me"}}}""");
        assertThat(c.credentials("docker.io")).hasValue(Credentials.basic("hub", "secret"));
        assertThat(c.credentials("localhost:5000")).hasValue(Credentials.basic("user", "pa:ss"));
        assertThat(c.credentials("ghcr.io")).hasValue(Credentials.identityToken("refresh-me"));
        assertThat(c.credentials("quay.io")).isEmpty();
    }

    @Test
    void missingFileIsAnonymous() {
        assertThat(new DockerConfigCredentials(dir.resolve("none.json"), List.of()).credentials("docker.io")).isEmpty();
    }

    @Test
    void credHelpersWinOverCredsStoreWhichWinsOverAuths() throws IOException {
        helper("perhost", "printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"s1\"}' \"$server\" \"$server\"");
        helper("store", "printf '{\"ServerURL\":\"%s\",\"Username\":\"<token>\",\"Secret\":\"id-%s\"}' \"$server\" \"$server\"");
        DockerConfigCredentials c = config("""
                {"credHelpers": {"registry.example.com": "perhost"}, "credsStore": "store",
                 "auths": {"other.example.com": {"auth": "dTpw"}}}""");
        assertThat(c.credentials("registry.example.com")).hasValue(Credentials.basic("registry.example.com", "s1"));
        assertThat(c.credentials("docker.io"))
                .hasValue(Credentials.identityToken("id-https://index.docker.io/v1/"));
    }

    @Test
    void helperWithoutCredentialsFallsBackToAuths() throws IOException {
        helper("empty", "echo 'credentials not found in native keychain'; exit 1");
        DockerConfigCredentials c = config("""
                {"credsStore": "empty", "auths": {"other.example.com": {"auth": "dTpw"}}}""");
        assertThat(c.credentials("other.example.com")).hasValue(Credentials.basic("u", "p"));
        assertThat(c.credentials("docker.io")).isEmpty();
    }

    @Test
    void failingOrMissingHelperIsAnError() throws IOException {
        helper("broken", "echo 'keychain locked' >&2; exit 1");
        assertThatThrownBy(() -> config("{\"credsStore\": \"broken\"}").credentials("docker.io"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("keychain locked");
        assertThatThrownBy(() -> config("{\"credsStore\": \"absent\"}").credentials("docker.io"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("docker-credential-absent not found on PATH");
    }

    @Test
    void storeKeepsOtherSettingsAndReadsBack() throws IOException {
        DockerConfigCredentials c = config("""
                {"auths": {"localhost:5000": {"auth": "b2xkOm9sZA=="}}, "psFormat": "table"}""");
        c.store("localhost:5000", Credentials.basic("new", "pw"));
        c.store("docker.io", Credentials.basic("hub", "x"));
        assertThat(c.credentials("localhost:5000")).hasValue(Credentials.basic("new", "pw"));
        assertThat(c.credentials("index.docker.io")).hasValue(Credentials.basic("hub", "x"));
        String text = Files.readString(dir.resolve("config.json"));
        assertThat(text).contains("psFormat").contains("https://index.docker.io/v1/").doesNotContain("b2xkOm9sZA");
        assertThat(Files.getPosixFilePermissions(dir.resolve("config.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(c.remove("localhost:5000")).isTrue();
        assertThat(c.credentials("localhost:5000")).isEmpty();
    }

    @Test
    void dockerConfigVariableChoosesTheDirectory() {
        assertThat(DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", "/x", "HOME", "/h")).configFile())
                .isEqualTo(Path.of("/x/config.json"));
        assertThat(DockerConfigCredentials.fromEnvironment(Map.of("HOME", "/h")).configFile())
                .isEqualTo(Path.of("/h/.docker/config.json"));
    }

    @Test
    void credentialsNeverPrintSecrets() {
        assertThat(Credentials.basic("u", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(Credentials.identityToken("s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}
