package dev.stagecraft.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes sharing one root: a child JVM running {@link StoreChildProcess} is killed with
 * SIGKILL in the middle of its work, and the store must be consistent afterwards.
 */
@Timeout(120)
class KilledProcessTest {
    @TempDir
    Path root;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor();
        }
    }

    /** A manifest descriptor whose digest and size follow from {@code i}. */
    static Descriptor manifest(long i) {
        return Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(("manifest " + i).getBytes(StandardCharsets.UTF_8)),
                1000 + i);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), StoreChildProcess.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(child);
        return child;
    }

    private static void awaitLine(Process child, String expected) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals(expected)) {
                return;
            }
        }
        throw new AssertionError("child exited with " + child.exitValue() + " before printing " + expected);
    }

    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private List<Path> ingestFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("ingest"))) {
            return files.toList();
        }
    }

    @Test
    void aWriterKilledMidBlobLeavesNoBlobAndALeftoverThatIsCleaned() throws Exception {
        long size = 64L * 1024 * 1024;
        Process child = start("blob", root.toString(), Long.toString(size), "42");
        awaitLine(child, "WRITING");
        kill(child);

        LocalContentStore store = LocalContentStore.open(root);
        Digest digest = Digest.sha256(new StoreChildProcess.SeededStream(size, 42, false));
        assertThat(store.exists(digest)).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(ingestFiles()).hasSize(1);
        assertThat(Files.size(ingestFiles().get(0))).isBetween(1L, size - 1);

        // The dead writer's lock went with it, so the leftover is recognised whatever its age.
        assertThat(store.cleanIngest()).isEqualTo(1);
        assertThat(ingestFiles()).isEmpty();
        store.write(digest, size, new StoreChildProcess.SeededStream(size, 42, false));
        assertThat(store.size(digest)).contains(size);
    }

    @Test
    void aLiveWriterInAnotherProcessKeepsItsIngestFile() throws Exception {
        Process child = start("blob", root.toString(), Long.toString(64L * 1024 * 1024), "7");
        awaitLine(child, "WRITING");
        LocalContentStore store = LocalContentStore.open(root);

        assertThat(store.cleanIngest()).isZero();
        assertThat(ingestFiles()).hasSize(1);
        kill(child);
        assertThat(store.cleanIngest()).isEqualTo(1);
    }

    @Test
    void aProcessKilledWhileUpdatingReferencesLeavesAWholeFile() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int round = 0; round < 3; round++) {
            Process child = start("references", root.toString());
            // Killed while rewriting: the child starts its next round as soon as it reports one.
            awaitLine(child, "UPDATED " + (1 + 2 * round));
            kill(child);

            JsonNode file = json.readTree(root.resolve("references.json").toFile());
            assertThat(file.get("version").asInt()).isEqualTo(1);
            ReferenceStore references = ReferenceStore.open(root);
            Map<String, Descriptor> all = references.list();
            assertThat(all).isNotEmpty();
            assertThat(all.values()).allSatisfy(d -> assertThat(d.parsedDigest().algorithm()).isEqualTo("sha256"));

            // The dead process's lock is gone: this one can update at once.
            references.put("after-kill:" + round, manifest(-1));
            assertThat(references.get("after-kill:" + round)).contains(manifest(-1));
        }
        LocalContentStore.open(root).cleanIngest();
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void twoProcessesUpdatingReferencesLoseNoUpdate() throws Exception {
        Process a = start("add-references", root.toString(), "a", "150");
        Process b = start("add-references", root.toString(), "b", "150");
        awaitLine(a, "FINISHED");
        awaitLine(b, "FINISHED");
        assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Map<String, Descriptor> all = ReferenceStore.open(root).list();
        assertThat(all).hasSize(300);
        assertThat(all.get("a-149")).isEqualTo(manifest(149));
        assertThat(all.get("b-0")).isEqualTo(manifest(0));
    }
}
