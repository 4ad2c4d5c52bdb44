package dev.stagecraft.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build records are written whole, read back equal, one per Dockerfile and target, one line per context path. */
class BuildRecordsTest {
    @TempDir
    Path root;

    private static BuildRecord record(int files) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            entries.put("src/pkg" + (i / 100) + "/File" + i + ".java", "f 644 " + "%064x".formatted(i));
        }
        BuildRecord.Step step = new BuildRecord.Step("[2/2] COPY . .", "[2", "sha256:k",
                new ObjectMapper().readTree("{\"op\":\"file\",\"actions\":[]}"),
                List.of(new BuildRecord.Input("sha256:c", "context", List.of(new BuildRecord.Selected(".", "sha256:s")))));
        return new BuildRecord(BuildRecord.VERSION, "compression=gzip", List.of(step), Map.of("sha256:s", entries));
    }

    @Test
    void aRecordIsReadBackAsWrittenForItsDockerfileAndTargetOnly() throws Exception {
        BuildRecords records = BuildRecords.of(root);
        BuildRecord r = record(3);
        records.write("/src/Dockerfile", null, r);
        assertThat(records.read("/src/Dockerfile", null)).contains(r);
        assertThat(records.read("/src/Dockerfile", "release")).isEmpty();
        assertThat(records.read("/other/Dockerfile", null)).isEmpty();
        assertThat(records.file("/src/Dockerfile", null)).startsWith(root.resolve("cache/builds"));
        try (var files = Files.list(root.resolve("cache/builds"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void anEqualRecordLeavesTheFileAsItIsAndAnotherReplacesIt() throws Exception {
        BuildRecords records = BuildRecords.of(root);
        records.write("/src/Dockerfile", null, record(2));
        Path file = records.file("/src/Dockerfile", null);
        Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        records.write("/src/Dockerfile", null, record(2));
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(inode);

        records.write("/src/Dockerfile", null, record(3));
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isNotEqualTo(inode);
        assertThat(records.read("/src/Dockerfile", null)).contains(record(3));
    }

    @Test
    void aDamagedRecordReadsAsNone() throws Exception {
        BuildRecords records = BuildRecords.of(root);
        records.write("/src/Dockerfile", "t", record(1));
        Files.writeString(records.file("/src/Dockerfile", "t"), "{\"version\":");
        assertThat(records.read("/src/Dockerfile", "t")).isEmpty();
    }

    @Test
    void aLargeContextSelectionTakesOneLinePerPath() throws Exception {
        BuildRecords records = BuildRecords.of(root);
        BuildRecord r = record(20_000);
        long start = System.nanoTime();
        records.write("/src/Dockerfile", null, r);
        long took = System.nanoTime() - start;
        Path file = records.file("/src/Dockerfile", null);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.stream().filter(l -> l.contains("/File"))).hasSize(20_000);
        assertThat(Files.size(file)).isLessThan(20_000L * 120);
        System.out.printf("build record of a 20,000-path selection: %d bytes, written in %d ms%n", Files.size(file),
                took / 1_000_000);
        assertThat(records.read("/src/Dockerfile", null)).contains(r);
    }
}
