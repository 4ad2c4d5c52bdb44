package dev.stagecraft.worker.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChownSpecTest {
    @TempDir
    Path root;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/passwd"), "root:x:0:0:root:/root:/bin/sh\n\nweb:x:33:34::/var/www:/bin/false\n"
                + "web:x:99:99::/dup:/bin/false\n");
        Files.writeString(root.resolve("data/group"), "root:x:0:\nwww:x:34:\ndocker:x:999:web\n");
        Files.createDirectories(root.resolve("etc"));
        // /etc/passwd is a link leaving the root: it must be read inside it
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/data/passwd"));
        Files.createSymbolicLink(root.resolve("etc/group"), Path.of("../../../data/group"));
    }

    @ParameterizedTest(name = "{0} -> {1}:{2}")
    @CsvSource(delimiter = '|', value = {
        "0|0|0", "root|0|0", "1000|1000|1000", "web|33|34", "web:docker|33|999", "web:5|33|5", "12:www|12|34",
        "root:root|0|0", "nosuch|0|0", "web:nosuch|33|34", "web:|33|34", "+7|7|7",
    })
    void resolvesNamesInTheDestinationAndIdsAsNumbers(String spec, int uid, int gid) {
        assertThat(ChownSpec.resolve(spec, new PasswdOwnerResolver(root))).isEqualTo(new Owner(uid, gid));
    }
}
