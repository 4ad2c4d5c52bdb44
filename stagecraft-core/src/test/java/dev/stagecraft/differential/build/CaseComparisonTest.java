package dev.stagecraft.differential.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseComparisonTest {
    private static final BaseImage BASE_A = new BaseImage("127.0.0.1:1111/difftest/busybox:1", "sha256:aaaa", "sha256:base");
    private static final BaseImage BASE_B = new BaseImage("127.0.0.1:2222/difftest/busybox:1", "sha256:bbbb", "sha256:base");
    private static final long BUILD_TIME = 1_800_000_000L;

    @TempDir
    Path tmp;

    private static TarBuilder fs() throws IOException {
        return new TarBuilder().dir("etc", 0755).file("etc/passwd", "root\n").file("app", "app\n", 0644, 0, 0, BUILD_TIME);
    }

    private static TarBuilder layer(long mtime, String content) throws IOException {
        return new TarBuilder().file("app", content, 0644, 0, 0, mtime);
    }

    private static String config(BaseImage base, String layerId, String runText) {
        return """
                {"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},
                 "rootfs":{"type":"layers","diff_ids":["sha256:base","%s"]},
                 "history":[{"created_by":"%s # buildkit","comment":"buildkit.dockerfile.v0"},
                            {"created_by":"pulled from %s@%s","comment":"buildkit.exporter.image.v0"}]}
                """.formatted(layerId, runText, base.reference(), base.manifest());
    }

    private BuildOutcome outcome(String name, BaseImage base, TarBuilder fs, String config, TarBuilder layer)
            throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        BuildOutcome o = BuildOutcome.succeeded(dir, base);
        fs.write(o.filesystem());
        new TarBuilder().file("manifest.json", """
                [{"Config":"config.json","RepoTags":[],"Layers":["0/layer.tar","1/layer.tar"]}]""")
                .file("config.json", config)
                .file("0/layer.tar", new TarBuilder().file("etc/passwd", "root\n").bytes())
                .file("1/layer.tar", layer.bytes())
                .write(o.image());
        return o.save();
    }

    private static BuildCase buildCase(Integer exitCode) {
        return new BuildCase("c", Path.of("c"), null, java.util.Map.of(), exitCode, java.util.Map.of(),
                java.util.Map.of(), java.util.Map.of());
    }

    private CaseComparison.Report compare(String skipList, BuildOutcome e, BuildOutcome a) throws IOException {
        return new CaseComparison("buildkit", "stagecraft", SkipList.parse(List.of(skipList.split("\n")), "skip"))
                .compare(buildCase(null), e, a, Files.createDirectories(tmp.resolve("work-" + System.nanoTime())));
    }

    @Test
    void theSameBuildOnAnotherRunHasNoDifferences() throws IOException {
        BuildOutcome e = outcome("e", BASE_A, fs(), config(BASE_A, "sha256:l1", "RUN x"), layer(BUILD_TIME, "app\n"));
        BuildOutcome a = outcome("a", BASE_B, fs(), config(BASE_B, "sha256:l1", "RUN x"), layer(BUILD_TIME, "app\n"));
        CaseComparison.Report r = compare("", e, a);
        assertThat(r.differences()).isEmpty();
        assertThat(r.skipped()).isEmpty();
    }

    @Test
    void filesystemConfigAndHistoryDifferencesAreAllListed() throws IOException {
        BuildOutcome e = outcome("e", BASE_A, fs(), config(BASE_A, "sha256:l1", "RUN x"), layer(BUILD_TIME, "app\n"));
        BuildOutcome a = outcome("a", BASE_A, fs().file("extra", "x"),
                config(BASE_A, "sha256:l1", "RUN y").replace("[\"sh\"]", "[\"bash\"]"), layer(BUILD_TIME, "app\n"));
        List<String> d = compare("", e, a).differences();
        assertThat(d).hasSize(3);
        assertThat(d.get(0)).startsWith("filesystem: /extra: only in stagecraft");
        assertThat(d.get(1)).isEqualTo("config config.Cmd: buildkit [\"sh\"], stagecraft [\"bash\"]");
        assertThat(d.get(2)).startsWith("config history differs").contains("[0] + RUN y # buildkit");
    }

    @Test
    void aSkipListedAspectIsSetApartWithItsReason() throws IOException {
        BuildOutcome e = outcome("e", BASE_A, fs(), config(BASE_A, "sha256:l1", "RUN x"), layer(BUILD_TIME, "app\n"));
        BuildOutcome a = outcome("a", BASE_A, fs(), config(BASE_A, "sha256:l1", "RUN y"), layer(BUILD_TIME, "app\n"));
        CaseComparison.Report r = compare("c:history v0.8 writes it differently", e, a);
        assertThat(r.differences()).isEmpty();
        assertThat(r.skipped()).singleElement().asString().contains("RUN y").contains("v0.8 writes it differently");
    }

    @Test
    void diffIdsThatDifferOnlyByBuildTimesNeedTheSkipListAndOtherLayerDifferencesAlwaysFail() throws IOException {
        BuildOutcome e = outcome("e", BASE_A, fs(), config(BASE_A, "sha256:l1", "RUN x"), layer(BUILD_TIME, "app\n"));
        BuildOutcome times = outcome("t", BASE_A, fs(), config(BASE_A, "sha256:l2", "RUN x"), layer(BUILD_TIME + 5, "app\n"));
        assertThat(compare("", e, times).differences()).singleElement().asString()
                .startsWith("layer 1 (its history entry: pulled from @BASE@@@BASE_MANIFEST@): diff IDs differ")
                .contains("list `c:diff-ids` in the skip-list");
        CaseComparison.Report listed = compare("c:diff-ids build times", e, times);
        assertThat(listed.differences()).isEmpty();
        assertThat(listed.notes()).singleElement().asString().contains("build times");

        BuildOutcome content = outcome("x", BASE_A, fs(), config(BASE_A, "sha256:l3", "RUN x"), layer(BUILD_TIME, "other\n"));
        assertThat(compare("c:diff-ids build times", e, content).differences()).singleElement().asString()
                .startsWith("layer 1 (its history entry: pulled from @BASE@@@BASE_MANIFEST@): /app (file): size buildkit 4, stagecraft 6");
    }

    @Test
    void whiteoutMarkersAreTheirOwnAspect() throws IOException {
        BuildOutcome e = outcome("e", BASE_A, fs(), config(BASE_A, "sha256:l1", "RUN x"),
                layer(BUILD_TIME, "app\n").file("etc/.wh.group", "", 0600, 0, 0, BUILD_TIME));
        BuildOutcome a = outcome("a", BASE_A, fs(), config(BASE_A, "sha256:l2", "RUN x"),
                layer(BUILD_TIME, "app\n").file("etc/.wh.group", "", 0, 0, 0, 0));
        assertThat(compare("c:diff-ids build times", e, a).differences()).singleElement().asString()
                .endsWith("/etc/.wh.group (file): mode buildkit 0600, stagecraft 0000; "
                        + "mtime buildkit 2027-01-15T08:00:00Z, stagecraft 1970-01-01T00:00:00Z");
        CaseComparison.Report r = compare("c:diff-ids build times\nc:whiteouts differ by design", e, a);
        assertThat(r.differences()).isEmpty();
        assertThat(r.skipped()).singleElement().asString().contains("/etc/.wh.group").contains("differ by design");
    }

    @Test
    void anExpectedFailureNeedsTheSameExitCodeOnBothSides() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("f"));
        BuildOutcome three = BuildOutcome.failed(d, BASE_A, 3, "exit code: 3");
        BuildOutcome one = BuildOutcome.failed(d, BASE_A, 1, "exit code: 1");
        BuildOutcome ok = BuildOutcome.succeeded(d, BASE_A);
        CaseComparison cmp = new CaseComparison("buildkit", "stagecraft", SkipList.parse(List.of(), "skip"));
        assertThat(cmp.compare(buildCase(3), three, three, tmp).differences()).isEmpty();
        assertThat(cmp.compare(buildCase(3), three, one, tmp).differences())
                .containsExactly("build: buildkit failed with exit code 3, stagecraft failed with exit code 1: exit code: 1");
        assertThat(cmp.compare(buildCase(3), three, ok, tmp).differences())
                .containsExactly("build: buildkit failed with exit code 3, stagecraft succeeded");
        assertThatThrownBy(() -> cmp.compare(buildCase(3), one, three, tmp))
                .hasMessageStartingWith("c: case.properties expects exit code 3 but the reference build (buildkit) failed");
        assertThatThrownBy(() -> cmp.compare(buildCase(null), one, three, tmp))
                .hasMessageStartingWith("c: the reference build (buildkit) did not succeed");
        assertThat(cmp.compare(buildCase(null), ok, one, tmp).differences())
                .containsExactly("build: buildkit succeeded, stagecraft failed with exit code 1: exit code: 1");
    }

    @Test
    void theBaseImageIsNamedTheSameWayOnBothSides() throws IOException {
        JsonNode c = new ObjectMapper().readTree(config(BASE_B, "sha256:l1", "RUN x"));
        List<String> texts = new ArrayList<>();
        CaseComparison.withBaseNamed(c, BASE_B).get("history").forEach(h -> texts.add(h.get("created_by").asText()));
        assertThat(texts).containsExactly("RUN x # buildkit", "pulled from @BASE@@@BASE_MANIFEST@");
        assertThat(c.get("history").get(1).get("created_by").asText()).contains("2222");
        ObjectNode earlier = (ObjectNode) c.get("history").get(1);
        earlier.put("created_by", "pulled from 127.0.0.1:41675/difftest/busybox:1@sha256:" + "ab".repeat(32));
        assertThat(CaseComparison.withBaseNamed(c, BASE_B).get("history").get(1).get("created_by").asText())
                .isEqualTo("pulled from @BASE@@@BASE_MANIFEST@");
    }

    @Test
    void anOutcomeSurvivesSavingAndLoading() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("saved"));
        BuildOutcome.failed(d, BASE_A, 7, "it broke").save();
        assertThat(BuildOutcome.load(d)).contains(BuildOutcome.failed(d, BASE_A, 7, "it broke"));
        assertThat(BuildOutcome.load(tmp.resolve("absent"))).isEmpty();
    }
}
