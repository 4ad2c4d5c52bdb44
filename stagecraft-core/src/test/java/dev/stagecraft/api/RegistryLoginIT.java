package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.registry.TestRegistry;
import dev.stagecraft.registry.auth.Credentials;
import dev.stagecraft.registry.auth.DockerConfigCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegistryLogin} against a real registry behind htpasswd Basic auth. */
class RegistryLoginIT {
    /** TestRegistry's htpasswd user (its constants are package-private to the registry tests). */
    private static final String USER = "stagecraft";
    private static final String PASSWORD = "s3cret-pass";
    private static TestRegistry registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = TestRegistry.start(true);
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    private RegistryLogin login(Path config, List<Path> helpers) {
        return new RegistryLogin(config, helpers, RegistrySettings.defaults());
    }

    @Test
    void goodCredentialsAreStoredAndFoundByPullsThenForgotten() throws IOException {
        Path config = tmp.resolve("docker/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"proxies\":{\"default\":{\"httpProxy\":\"\"}}}");
        assertThat(login(config, List.of()).login("http://" + registry.host() + "/", USER, PASSWORD))
                .isEqualTo(registry.host());

        String written = Files.readString(config);
        assertThat(written).contains("\"" + registry.host() + "\"", "\"auth\" : \"c3RhZ2VjcmFmdDpzM2NyZXQtcGFzcw==\"",
                "\"proxies\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(new DockerConfigCredentials(config, List.of()).credentials(registry.host()))
                .hasValue(Credentials.basic(USER, PASSWORD));

        assertThat(login(config, List.of()).logout(registry.host())).isTrue();
        assertThat(new DockerConfigCredentials(config, List.of()).credentials(registry.host())).isEmpty();
        assertThat(login(config, List.of()).logout(registry.host())).isFalse();
        assertThat(Files.readString(config)).contains("\"proxies\"");
    }

    @Test
    void aWrongPasswordFailsAndStoresNothing() {
        Path config = tmp.resolve("config.json");
        assertThatThrownBy(() -> login(config, List.of()).login(registry.host(), USER, "wrong"))
                .isInstanceOf(StagecraftException.class)
                .hasMessage("login failed for " + registry.host() + ": unauthorized: incorrect username or password");
        assertThat(config).doesNotExist();
    }

    /** With a credsStore, the secret goes to the helper (a real script speaking the protocol). */
    @Test
    void aCredsStoreHelperKeepsTheSecret() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path kept = tmp.resolve("kept");
        Path helper = bin.resolve("docker-credential-testing");
        Files.writeString(helper, """
                #!/bin/sh
                case "$1" in
                  store) cat > %1$s/stored.json ;;
                  erase) cat > %1$s/erased.txt ;;
                  get) if [ -f %1$s/stored.json ]; then cat %1$s/stored.json; else echo "credentials not found in native keychain"; exit 1; fi ;;
                esac
                """.formatted(Files.createDirectories(kept)));
        helper.toFile().setExecutable(true);
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"credsStore\":\"testing\"}");

        login(config, List.of(bin)).login(registry.host(), USER, PASSWORD);
        assertThat(Files.readString(kept.resolve("stored.json")))
                .isEqualTo("{\"ServerURL\":\"" + registry.host() + "\",\"Username\":\"stagecraft\",\"Secret\":\"s3cret-pass\"}");
        assertThat(Files.readString(config)).doesNotContain("auth\"").contains("\"" + registry.host() + "\" : { }");
        assertThat(new DockerConfigCredentials(config, List.of(bin)).credentials(registry.host()))
                .isEqualTo(Optional.of(Credentials.basic(USER, PASSWORD)));

        assertThat(login(config, List.of(bin)).logout(registry.host())).isTrue();
        assertThat(Files.readString(kept.resolve("erased.txt"))).isEqualTo(registry.host());
    }
}
