package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import dev.stagecraft.io.FileTrees;
import dev.stagecraft.testing.BusyboxRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --explain-cache} and {@code --no-cache-filter} on real builds with RUN in a real runtime:
 * each miss is explained by what changed since the last build of the same Dockerfile and target.
 */
class CacheExplainIT {
    private static final String BASE = "stagecraft.test/busybox:1";
    private static final String RANDOM = "head -c 16 /dev/urandom | od -A n -t x1";

    @TempDir
    Path tmp;
    Path root;
    Path context;

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cached = Collections.synchronizedList(new ArrayList<>());
    /** Step name to reason, from the last build. */
    private final Map<String, String> misses = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeEach
    void baseImage() throws Exception {
        root = tmp.resolve("root");
        Images.open(root).importTree(BusyboxRootfs.create(tmp.resolve("rootfs")), BASE, null);
        context = Files.createDirectories(tmp.resolve("context"));
    }

    private void build(String dockerfile, Consumer<BuildRequest.Builder> options) throws Exception {
        ran.clear();
        cached.clear();
        misses.clear();
        Files.writeString(context.resolve("Dockerfile"), dockerfile.replace("BASE", BASE));
        BuildRequest.Builder b = BuildRequest.builder(context).root(root).explainCache(true)
                .listener(new BuildListener() {
                    @Override
                    public void stepStarted(BuildStep step) {
                        ran.add(step.name());
                    }

                    @Override
                    public void stepCached(BuildStep step) {
                        cached.add(step.name());
                    }

                    @Override
                    public void cacheMisses(List<CacheMiss> list) {
                        list.forEach(m -> misses.put(m.step().name(), m.reason()));
                    }
                });
        options.accept(b);
        Stagecraft.build(b.build());
    }

    private static List<String> named(List<String> steps) {
        return steps.stream().filter(s -> s.contains(" RUN ") || s.contains(" COPY ") || s.contains(" WORKDIR "))
                .toList();
    }

    @Test
    void aChangedContextFileIsNamedAndTheStepAfterItNamesItsParent() throws Exception {
        Files.writeString(context.resolve("app.txt"), "one\n");
        Files.writeString(context.resolve("other.txt"), "other\n");
        String dockerfile = """
                FROM BASE AS build
                WORKDIR /app
                COPY app.txt other.txt ./
                RUN cat app.txt > out.txt
                """;
        build(dockerfile, b -> { });
        assertThat(misses).containsOnlyKeys(named(ran));
        assertThat(misses.values()).containsOnly("cache miss: new step (no earlier build of this Dockerfile and target)");

        Files.writeString(context.resolve("app.txt"), "two\n");
        build(dockerfile, b -> { });
        assertThat(misses).containsExactly(
                Map.entry("[3/4] COPY app.txt other.txt ./", "cache miss: context file changed: app.txt"),
                Map.entry("[4/4] RUN cat app.txt > out.txt",
                        "cache miss: parent step changed: [3/4] COPY app.txt other.txt ./"));
        assertThat(named(cached)).containsExactly("[2/4] WORKDIR /app");

        build(dockerfile, b -> { });
        assertThat(misses).isEmpty();
    }

    @Test
    void aChangedBuildArgIsNamedWithItsOldAndNewValue() throws Exception {
        String dockerfile = """
                FROM BASE AS build
                ARG V=1
                RUN echo $V > /v.txt
                RUN %s > /r
                """.formatted(RANDOM);
        build(dockerfile, b -> { });
        build(dockerfile, b -> b.buildArg("V", "2"));
        assertThat(misses).containsEntry("[2/3] RUN echo 2 > /v.txt", "cache miss: build arg V changed (1 -> 2)");
        assertThat(misses.get("[3/3] RUN " + RANDOM + " > /r"))
                .isEqualTo("cache miss: build arg V changed (1 -> 2); parent step changed: [2/3] RUN echo 2 > /v.txt");
    }

    @Test
    void aMovedBaseImageTagIsNamedWithBothDigests() throws Exception {
        String dockerfile = """
                FROM BASE
                RUN %s > /r
                """.formatted(RANDOM);
        build(dockerfile, b -> { });
        Path second = BusyboxRootfs.create(tmp.resolve("rootfs2"));
        Files.writeString(second.resolve("marker"), "second base\n");
        Images.open(root).importTree(second, BASE, null);

        build(dockerfile, b -> { });
        assertThat(misses).hasSize(1);
        String reason = misses.values().iterator().next();
        Matcher m = Pattern.compile("cache miss: base image changed: (sha256:[0-9a-f]{64}) -> (sha256:[0-9a-f]{64})")
                .matcher(reason);
        assertThat(m.matches()).as(reason).isTrue();
        assertThat(m.group(1)).isNotEqualTo(m.group(2));
    }

    @Test
    void aRecordGoneWithTheSameKeyIsSaidToBePruned() throws Exception {
        String dockerfile = """
                FROM BASE
                RUN %s > /r
                """.formatted(RANDOM);
        build(dockerfile, b -> { });
        FileTrees.deleteRecursively(root.resolve("cache").resolve("records"));
        build(dockerfile, b -> { });
        assertThat(misses).containsExactly(Map.entry("[2/2] RUN " + RANDOM + " > /r",
                "cache miss: cache record gone (pruned)"));
    }

    @Test
    void noCacheFilterRerunsTheNamedStagesStepsOnly() throws Exception {
        String dockerfile = """
                FROM BASE AS deps
                RUN %s > /deps.txt
                FROM BASE AS build
                WORKDIR /w
                RUN %s > /build.txt
                FROM BASE
                COPY --from=deps /deps.txt /deps.txt
                COPY --from=build /build.txt /build.txt
                """.formatted(RANDOM, RANDOM);
        build(dockerfile, b -> { });
        build(dockerfile, b -> b.noCacheFilter("BUILD"));
        assertThat(named(ran)).containsExactlyInAnyOrder("[build 2/3] WORKDIR /w", "[build 3/3] RUN " + RANDOM
                + " > /build.txt");
        assertThat(misses).containsOnlyKeys(named(ran));
        assertThat(misses.values()).containsOnly("--no-cache-filter");
        // The rerun steps keep their keys, so what copies from them is still CACHED, as in BuildKit.
        assertThat(named(cached)).contains("[deps 2/2] RUN " + RANDOM + " > /deps.txt",
                "[stage-2 3/3] COPY --from=build /build.txt /build.txt");

        build(dockerfile, b -> b.noCacheFilter("deps"));
        assertThat(named(ran)).containsExactly("[deps 2/2] RUN " + RANDOM + " > /deps.txt");
        assertThat(misses).containsExactly(Map.entry("[deps 2/2] RUN " + RANDOM + " > /deps.txt", "--no-cache-filter"));
    }

    @Test
    void anUnknownNoCacheFilterStageIsAnErrorNamingIt() {
        assertThatThrownBy(() -> build("FROM BASE AS a\nRUN true\n", b -> b.noCacheFilter("a", "nothere")))
                .isInstanceOf(StagecraftException.class)
                .hasMessageContaining("\"nothere\"");
    }
}
