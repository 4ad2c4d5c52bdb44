package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.cache.CacheIndex;
import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.registry.TestRegistry;
import dev.stagecraft.testing.BusyboxRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache-to} / {@code --cache-from} between two roots, as between two machines: root A
 * builds and exports its cache (to a real loopback registry, a local layout, or inline in a pushed
 * image); root B, a fresh root holding the same base image, builds with the cache imported. Every
 * RUN writes random bytes, so a step taken from the cache is told from one that ran by content,
 * and B's image equals A's only when it was made of A's layers.
 */
class CacheSharingIT {
    private static final String BASE = "stagecraft.test/busybox:1";
    private static final String RANDOM = "head -c 16 /dev/urandom | od -A n -t x1";
    private static final String TWO_STAGES = """
            FROM BASE AS build
            WORKDIR /src
            RUN %s > /src/stamp
            FROM BASE
            COPY --from=build /src /app
            RUN %s > /final
            """.formatted(RANDOM, RANDOM);

    static TestRegistry registry;

    @TempDir
    Path tmp;
    Path rootA;
    Path rootB;
    Path context;

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cached = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = TestRegistry.start(false);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void roots() throws Exception {
        rootA = tmp.resolve("rootA");
        rootB = tmp.resolve("rootB");
        Images.open(rootA).importTree(BusyboxRootfs.create(tmp.resolve("rootfs")), BASE, null);
        // The same base image (same digest) on B: a FROM pins its digest into every key.
        Path archive = tmp.resolve("base.tar");
        Images.open(rootA).save(List.of(BASE), ArchiveFormat.OCI, archive);
        Images.open(rootB).load(archive);
        context = Files.createDirectories(tmp.resolve("context"));
    }

    private BuildResult build(Path root, String dockerfile, Consumer<BuildRequest.Builder> options) throws Exception {
        ran.clear();
        cached.clear();
        warnings.clear();
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

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        options.accept(b);
        return Stagecraft.build(b.build());
    }

    private static List<String> named(List<String> steps) {
        return steps.stream().filter(s -> s.contains(" RUN ") || s.contains(" COPY ") || s.contains(" WORKDIR "))
                .toList();
    }

    private static List<String> matching(List<String> steps, String text) {
        return steps.stream().filter(s -> s.contains(text)).toList();
    }

    /** The blobs of the records of {@code root} whose step mentions {@code text}. */
    private static List<String> recordBlobs(Path root, String text) throws Exception {
        List<String> out = new ArrayList<>();
        for (CacheIndex.Entry e : BuildCaches.index(root).list()) {
            CacheRecord r = e.record();
            if (r.step() != null && r.step().contains(text)) {
                List<String> blobs = r.blobDigests();
                out.add(blobs.get(blobs.size() - 1));
            }
        }
        return out;
    }

    private static boolean hasBlob(Path root, String digest) {
        return Files.exists(root.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length())));
    }

    private List<String> layers(Path root, String ref) throws Exception {
        List<String> out = new ArrayList<>();
        JsonNode manifest = new ObjectMapper().readTree(Images.open(root).inspect(ref).manifestJson());
        manifest.get("layers").forEach(l -> out.add(l.get("digest").asText()));
        return out;
    }

    @Test
    void aRegistryCacheInModeMaxMakesEveryStepCachedOnAFreshRoot() throws Exception {
        String cacheRef = registry.host() + "/cache/app:max";
        BuildResult a = build(rootA, TWO_STAGES, b -> b.cacheTo("type=registry,ref=" + cacheRef + ",mode=max"));
        assertThat(named(ran)).hasSize(4);
        assertThat(warnings).isEmpty();

        BuildResult b = build(rootB, TWO_STAGES, o -> o.cacheFrom(cacheRef));
        assertThat(named(ran)).isEmpty();
        assertThat(named(cached)).hasSize(4);
        assertThat(warnings).isEmpty();
        assertThat(b.configDigest()).isEqualTo(a.configDigest());
        assertThat(b.manifestDigest()).isEqualTo(a.manifestDigest());
        // Recorded on B: the next build there needs no source.
        build(rootB, TWO_STAGES, o -> { });
        assertThat(named(ran)).isEmpty();
    }

    @Test
    void modeMinExportsTheImageChainAndOnlyItsLayersAreFetched() throws Exception {
        String cacheRef = registry.host() + "/cache/app:min";
        BuildResult a = build(rootA, TWO_STAGES, b -> b.cacheTo("type=registry,ref=" + cacheRef));
        List<String> stampBlobs = recordBlobs(rootA, "> /src/stamp");
        List<String> finalBlobs = recordBlobs(rootA, "> /final");
        assertThat(stampBlobs).hasSize(1);
        assertThat(finalBlobs).hasSize(1);

        BuildResult b = build(rootB, TWO_STAGES, o -> o.cacheFrom("type=registry,ref=" + cacheRef));
        // The build stage was not exported: it runs on B; the image's own steps come from the cache.
        assertThat(matching(ran, "> /src/stamp")).hasSize(1);
        assertThat(matching(cached, "COPY --from=build")).hasSize(1);
        assertThat(matching(cached, "> /final")).hasSize(1);
        assertThat(b.configDigest()).isEqualTo(a.configDigest());
        assertThat(hasBlob(rootB, finalBlobs.get(0))).isTrue();
        assertThat(hasBlob(rootB, stampBlobs.get(0))).isFalse();
    }

    @Test
    void aLocalCacheRoundTripsAndASecondExportAddsToIt() throws Exception {
        Path dir = tmp.resolve("cache-dir");
        BuildResult a = build(rootA, TWO_STAGES, b -> b.cacheTo("type=local,dest=" + dir + ",mode=max"));
        String other = "FROM BASE\nRUN %s > /other\n".formatted(RANDOM);
        BuildResult otherA = build(rootA, other, b -> b.cacheTo("type=local,dest=" + dir + ",mode=max"));
        assertThat(dir.resolve("index.json")).exists();

        BuildResult b = build(rootB, TWO_STAGES, o -> o.cacheFrom("type=local,src=" + dir));
        assertThat(named(ran)).isEmpty();
        assertThat(named(cached)).hasSize(4);
        assertThat(b.configDigest()).isEqualTo(a.configDigest());
        BuildResult otherB = build(rootB, other, o -> o.cacheFrom("type=local,src=" + dir));
        assertThat(named(ran)).isEmpty();
        assertThat(otherB.configDigest()).isEqualTo(otherA.configDigest());
    }

    @Test
    void anInlineCacheInAPushedImageServesAFreshRoot() throws Exception {
        String image = registry.host() + "/inline/app:1";
        build(rootA, TWO_STAGES, b -> b.tag(image).push(true).cacheTo("type=inline"));
        assertThat(warnings).isEmpty();
        String config = Images.open(rootA).inspect(image).configJson();
        assertThat(config).contains("\"moby.buildkit.cache.v0\"");

        build(rootB, TWO_STAGES, o -> o.tag("stagecraft.test/from-inline:1").cacheFrom(image));
        assertThat(matching(cached, "COPY --from=build")).hasSize(1);
        assertThat(matching(cached, "> /final")).hasSize(1);
        assertThat(layers(rootB, "stagecraft.test/from-inline:1")).isEqualTo(layers(rootA, image));
    }

    @Test
    void aMissingCacheSourceIsAWarningAndTheBuildRuns() throws Exception {
        BuildResult b = build(rootB, TWO_STAGES, o -> o.cacheFrom(registry.host() + "/nothing/here:cache")
                .cacheFrom("type=local,src=" + tmp.resolve("no-such-dir")));
        assertThat(named(ran)).hasSize(4);
        assertThat(b.stepsCached()).isZero();
        assertThat(warnings).anyMatch(w -> w.startsWith("cannot import build cache from " + registry.host()
                + "/nothing/here:cache"));
        assertThat(warnings).anyMatch(w -> w.startsWith("cannot import build cache from " + tmp.resolve("no-such-dir")));
    }

    @Test
    void aFailedExportWarnsUnlessIgnoreErrorIsFalse() throws Exception {
        String unreachable = "127.0.0.1:1/cache/app:x";
        BuildResult ok = build(rootA, "FROM BASE\nRUN true\n", b -> b.cacheTo("type=registry,ref=" + unreachable));
        assertThat(ok.manifestDigest()).isNotBlank();
        assertThat(warnings).anyMatch(w -> w.startsWith("failed to export build cache to " + unreachable));

        assertThatThrownBy(() -> build(rootA, "FROM BASE\nRUN true\n",
                b -> b.cacheTo("type=registry,ref=" + unreachable + ",ignore-error=false")))
                .isInstanceOf(StagecraftException.class)
                .hasMessageStartingWith("failed to export build cache to " + unreachable + ": ");
    }

    @Test
    void badSpecsAreRejectedWhenGiven() {
        assertThatThrownBy(() -> BuildRequest.builder(context).cacheTo("type=gha"))
                .isInstanceOf(StagecraftException.class).hasMessageContaining("unknown type \"gha\"");
        assertThatThrownBy(() -> BuildRequest.builder(context).cacheFrom("type=local"))
                .isInstanceOf(StagecraftException.class).hasMessageContaining("type=local needs src=DIR");
    }
}
