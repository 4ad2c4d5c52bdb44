package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.testing.BusyboxRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent build cache end to end, with RUN in a real runtime: a warm rebuild runs nothing,
 * a changed input reruns exactly what depends on it, and every step reports CACHED or runs. Each
 * RUN writes random bytes, so a step that ran again is told from one that was reused by content.
 */
class BuildCacheIT {
    private static final String BASE = "stagecraft.test/busybox:1";
    private static final String RANDOM = "head -c 16 /dev/urandom | od -A n -t x1";

    @TempDir
    Path tmp;
    Path root;
    Path context;

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cached = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void baseImage() throws Exception {
        root = tmp.resolve("root");
        Images.open(root).importTree(BusyboxRootfs.create(tmp.resolve("rootfs")), BASE, null);
        context = Files.createDirectories(tmp.resolve("context"));
    }

    private BuildResult build(String dockerfile, Consumer<BuildRequest.Builder> options) throws Exception {
        ran.clear();
        cached.clear();
        Files.writeString(context.resolve("Dockerfile"), dockerfile.replace("BASE", BASE));
        BuildRequest.Builder b = BuildRequest.builder(context).root(root).listener(new BuildListener() {
            @Override
            public void stepStarted(BuildStep step) {
                ran.add(step.name());
            }

            @Override
            public void stepCached(BuildStep step) {
                cached.add(step.name());
            }
        });
        options.accept(b);
        return Stagecraft.build(b.build());
    }

    private Path export(String dockerfile, Consumer<BuildRequest.Builder> options) throws Exception {
        Path out = tmp.resolve("out-" + System.nanoTime());
        build(dockerfile, b -> {
            options.accept(b);
            b.output("type=local,dest=" + out);
        });
        return out;
    }

    private static List<String> matching(List<String> steps, String text) {
        return steps.stream().filter(s -> s.contains(text)).toList();
    }

    private static List<String> named(List<String> steps) {
        // Steps of the Dockerfile (RUN, COPY, WORKDIR), not the sources they start from.
        return steps.stream().filter(s -> s.contains(" RUN ") || s.contains(" COPY ") || s.contains(" WORKDIR "))
                .toList();
    }

    @Test
    void aWarmRebuildRunsNothingAndGivesTheSameImage() throws Exception {
        Files.writeString(context.resolve("app.txt"), "app\n");
        String dockerfile = """
                FROM BASE AS build
                WORKDIR /src
                COPY app.txt .
                RUN %s > /src/stamp
                FROM BASE
                COPY --from=build /src /app
                RUN %s > /final
                """.formatted(RANDOM, RANDOM);
        BuildResult first = build(dockerfile, b -> b.tag("stagecraft.test/cache:1"));
        assertThat(named(ran)).hasSize(5);
        assertThat(cached).isEmpty();

        BuildResult second = build(dockerfile, b -> b.tag("stagecraft.test/cache:2"));
        assertThat(named(ran)).isEmpty();
        assertThat(named(cached)).hasSize(5);
        assertThat(second.stepsCached()).isEqualTo(5);
        Images images = Images.open(root);
        assertThat(images.inspect("stagecraft.test/cache:2").configJson())
                .isEqualTo(images.inspect("stagecraft.test/cache:1").configJson());
        assertThat(second.manifestDigest()).isEqualTo(first.manifestDigest());
    }

    @Test
    void aChangedContextFileRerunsOnlyTheStepsAfterItsCopy() throws Exception {
        Files.writeString(context.resolve("a.txt"), "a\n");
        Files.writeString(context.resolve("b.txt"), "b\n");
        String dockerfile = """
                FROM BASE
                COPY a.txt /a.txt
                RUN %s > /after-a
                COPY b.txt /b.txt
                RUN %s > /after-b
                """.formatted(RANDOM, RANDOM);
        Path first = export(dockerfile, b -> { });

        Files.writeString(context.resolve("b.txt"), "b changed\n");
        Path second = export(dockerfile, b -> { });
        assertThat(matching(cached, "COPY a.txt")).hasSize(1);
        assertThat(matching(cached, "> /after-a")).hasSize(1);
        assertThat(matching(ran, "COPY b.txt")).hasSize(1);
        assertThat(matching(ran, "> /after-b")).hasSize(1);
        assertThat(second.resolve("after-a")).hasSameTextualContentAs(first.resolve("after-a"));
        assertThat(Files.readString(second.resolve("after-b"))).isNotEqualTo(Files.readString(first.resolve("after-b")));
        assertThat(second.resolve("b.txt")).hasContent("b changed");

        // A touched file (its time changed, not its content) and a new file nobody copies change nothing.
        Files.setLastModifiedTime(context.resolve("a.txt"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        Files.writeString(context.resolve("unused.txt"), "not copied\n");
        export(dockerfile, b -> { });
        assertThat(named(ran)).isEmpty();
        assertThat(named(cached)).hasSize(4);
    }

    @Test
    void aBuildArgInvalidatesTheLaterRunsOfItsStageAndNothingElse() throws Exception {
        String dockerfile = """
                FROM BASE AS one
                RUN %s > /early
                ARG V=1
                RUN %s > /late
                FROM BASE AS two
                RUN %s > /other
                FROM BASE
                COPY --from=one /early /late /
                COPY --from=two /other /
                """.formatted(RANDOM, RANDOM, RANDOM);
        Path first = export(dockerfile, b -> { });
        Path second = export(dockerfile, b -> b.buildArg("V", "2"));

        assertThat(matching(ran, "> /late")).hasSize(1);
        assertThat(matching(cached, "> /early")).hasSize(1);
        assertThat(matching(cached, "> /other")).hasSize(1);
        assertThat(second.resolve("early")).hasSameTextualContentAs(first.resolve("early"));
        assertThat(second.resolve("other")).hasSameTextualContentAs(first.resolve("other"));
        assertThat(Files.readString(second.resolve("late"))).isNotEqualTo(Files.readString(first.resolve("late")));

        // Back to the first value: the first build's record is still there.
        Path third = export(dockerfile, b -> b.buildArg("V", "1"));
        assertThat(named(ran)).isEmpty();
        assertThat(third.resolve("late")).hasSameTextualContentAs(first.resolve("late"));
    }

    @Test
    void concurrentBuildsOnOneRootShareTheCache() throws Exception {
        // Two builds at once on one root, with a step in common, each with its own context.
        String shared = "FROM BASE\nRUN echo shared > /shared\n".replace("BASE", BASE);
        List<Path> contexts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path c = Files.createDirectories(tmp.resolve("concurrent-" + i));
            Files.writeString(c.resolve("Dockerfile"), shared + "RUN echo " + i + " > /own\n");
            contexts.add(c);
        }
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<BuildResult>> results = new ArrayList<>();
            for (Path c : contexts) {
                results.add(pool.submit(() -> {
                    go.await();
                    return Stagecraft.build(BuildRequest.builder(c).root(root).build());
                }));
            }
            go.countDown();
            for (var r : results) {
                assertThat(r.get(300, java.util.concurrent.TimeUnit.SECONDS).manifestDigest()).startsWith("sha256:");
            }
        } finally {
            pool.shutdownNow();
        }
        // Each Dockerfile again, alone: everything comes from what the two concurrent builds recorded.
        for (Path c : contexts) {
            List<String> again = Collections.synchronizedList(new ArrayList<>());
            Stagecraft.build(BuildRequest.builder(c).root(root).listener(new BuildListener() {
                @Override
                public void stepStarted(BuildStep step) {
                    again.add(step.name());
                }
            }).build());
            assertThat(named(again)).isEmpty();
        }
    }

    @Test
    void noCacheRunsEveryStepAndRecordsWhatRan() throws Exception {
        String dockerfile = "FROM BASE\nRUN %s > /r\n".formatted(RANDOM);
        Path first = export(dockerfile, b -> { });
        Path second = export(dockerfile, b -> b.noCache(true));
        assertThat(matching(ran, "> /r")).hasSize(1);
        assertThat(cached).isEmpty();
        assertThat(Files.readString(second.resolve("r"))).isNotEqualTo(Files.readString(first.resolve("r")));

        Path third = export(dockerfile, b -> { });
        assertThat(matching(cached, "> /r")).hasSize(1);
        assertThat(third.resolve("r")).hasSameTextualContentAs(second.resolve("r"));
    }

    @Test
    void aRecordWhoseLayerIsGoneIsRebuiltNotTrusted() throws Exception {
        String dockerfile = "FROM BASE\nRUN %s > /r\n".formatted(RANDOM);
        export(dockerfile, b -> { });
        // Delete every stored blob of the build's own layers (the base image's stay).
        Images images = Images.open(root);
        List<String> baseBlobs = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(images.inspect(BASE).manifestJson()).get("layers")
                .forEach(l -> baseBlobs.add(l.get("digest").asText()));
        try (Stream<Path> blobs = Files.list(root.resolve("blobs").resolve("sha256"))) {
            for (Path blob : blobs.toList()) {
                String digest = "sha256:" + blob.getFileName();
                if (Files.size(blob) > 0 && !baseBlobs.contains(digest) && isLayer(blob)) {
                    Files.delete(blob);
                }
            }
        }
        Path again = export(dockerfile, b -> { });
        assertThat(matching(ran, "> /r")).hasSize(1);
        assertThat(again.resolve("r")).exists();
    }

    private static boolean isLayer(Path blob) throws java.io.IOException {
        try (var in = Files.newInputStream(blob)) {
            int first = in.read();
            return first != '{';
        }
    }
}
