package dev.stagecraft.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.frontend.DockerfileMutations.Doc;
import dev.stagecraft.frontend.DockerfileMutations.Mutation;
import dev.stagecraft.frontend.DockerfileMutations.Opts;
import dev.stagecraft.frontend.DockerfileMutations.Seed;
import dev.stagecraft.reference.Platform;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Robustness of the whole front end ({@link DockerfileFrontend#convert}): for any input, it either
 * returns a consistent result or throws {@link DockerfileException} with a message, and it always
 * finishes in bounded time. Inputs come from a grammar-aware generator, from mutations of the
 * BuildKit parser test files, and from random bytes.
 *
 * <p>Every failure found here is also kept as an example-based {@code @Test} below.
 */
class FrontEndPropertiesTest {
    /** A hang detector, not a performance bound. */
    private static final long TIME_LIMIT_SECONDS = 20;
    private static final String RANDOM_ONBUILD_DIGEST = "sha256:" + "e".repeat(64);

    /** One daemon thread runs the conversions; it is replaced when a conversion times out. */
    private static ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "frontend-property");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- properties ----

    @Provide
    Arbitrary<Doc> dockerfiles() {
        return DockerfileMutations.docs();
    }

    @Provide
    Arbitrary<Opts> options() {
        return DockerfileMutations.options();
    }

    /** Most seeds name images the static resolver does not know: resolve offline more often. */
    @Provide
    Arbitrary<Opts> mutationOptions() {
        return Combinators.combine(DockerfileMutations.options(), Arbitraries.of(true, true, true, false))
                .as((o, offline) -> new Opts(o.target(), o.buildArgs(), o.targetPlatform(), offline || o.offline(),
                        o.onBuildTriggers(), o.imageEnv(), o.buildPlatform(), o.imageWorkdir()));
    }

    @Provide
    Arbitrary<Seed> seeds() {
        return Arbitraries.of(DockerfileMutations.seeds());
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return DockerfileMutations.mutation().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        Arbitrary<byte[]> pure = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        // The same, behind a valid first stage, so that the bytes reach instruction parsing and dispatch.
        Arbitrary<byte[]> afterFrom = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048).map(b -> {
            byte[] head = "FROM alpine:3.19 AS a\nRUN ".getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[head.length + b.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(b, 0, out, head.length, b.length);
            return out;
        });
        Arbitrary<byte[]> soup = DockerfileMutations.tokenSoup().map(t -> t.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(3, pure), Tuple.of(1, afterFrom), Tuple.of(2, soup));
    }

    /*
     * Edge cases are off for the grammar-based properties: jqwik would otherwise mix in the rare
     * alternatives of every choice so often that most files fail on their first line. The
     * generators carry their own edge cases at chosen frequencies.
     */
    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void generatedDockerfilesConvertOrFailCleanly(@ForAll("dockerfiles") Doc doc, @ForAll("options") Opts opts) {
        collect(check(doc.bytes(), opts));
        // The generator must keep producing files that get through to dispatch, or the property
        // would only ever exercise the parser's error paths.
        Statistics.label("outcome").coverage(c -> {
            c.check("converted, one stage").percentage(p -> p >= 5);
            c.check("converted, several stages").percentage(p -> p >= 5);
        });
    }

    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void mutatedDockerfilesConvertOrFailCleanly(@ForAll("seeds") Seed seed,
            @ForAll("mutations") List<Mutation> mutations, @ForAll("mutationOptions") Opts opts) {
        collect(check(DockerfileMutations.apply(seed.bytes(), mutations), opts));
        Statistics.label("outcome").coverage(c -> c.check("converted, one stage").percentage(p -> p >= 5));
    }

    @Property(tries = 1000)
    void randomBytesConvertOrFailCleanly(@ForAll("randomBytes") byte[] bytes, @ForAll("options") Opts opts) {
        collect(check(bytes, opts));
    }

    /**
     * Converting the same input twice gives the same outcome (base images are resolved
     * concurrently, yet the first error in file order must win).
     */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void conversionIsDeterministic(@ForAll("dockerfiles") Doc doc, @ForAll("options") Opts opts) {
        byte[] bytes = doc.bytes();
        String first = fingerprint(convertWithin(bytes, frontendOptions(opts), resolver(opts)));
        String second = fingerprint(convertWithin(bytes, frontendOptions(opts), resolver(opts)));
        assertThat(second).as("second conversion of\n%s\n%s", describe(bytes), opts).isEqualTo(first);
    }

    private static String fingerprint(Object outcome) {
        if (outcome instanceof FrontendResult r) {
            StringBuilder b = new StringBuilder("target " + r.target() + "\n");
            for (StagePlan s : r.stages()) {
                b.append(s.index()).append(' ').append(s.displayName()).append(' ').append(s.base()).append(' ')
                        .append(s.dependencies()).append(' ').append(s.images()).append('\n');
                s.steps().forEach(st -> b.append("  ").append(st.text()).append(" @").append(st.location())
                        .append('\n'));
            }
            r.skipped().forEach(k -> b.append("skipped ").append(k).append('\n'));
            return b.toString();
        }
        Throwable t = (Throwable) outcome;
        String where = t instanceof DockerfileException e ? " " + e.locations() : "";
        return t.getClass().getName() + ": " + t.getMessage() + where;
    }

    private static void collect(String outcome) {
        Statistics.label("outcome").collect(outcome);
    }

    // ---- harness ----

    private static ImageMetadataResolver resolver(Opts opts) {
        if (opts.offline()) {
            return new OfflineImageResolver();
        }
        return TestImages.resolver().add("random/onbuild:1", RANDOM_ONBUILD_DIGEST,
                TestImages.image(opts.imageEnv(), List.of("sh"), opts.imageWorkdir(), opts.onBuildTriggers()));
    }

    private static FrontendOptions frontendOptions(Opts opts) {
        return new FrontendOptions(opts.target(), opts.buildArgs(), Platform.parse(opts.buildPlatform()),
                opts.targetPlatform() == null ? null : Platform.parse(opts.targetPlatform()));
    }

    /** Runs the front end on one input and checks the contract; returns a label for the outcome. */
    static String check(byte[] dockerfile, Opts opts) {
        FrontendOptions options = frontendOptions(opts);
        ImageMetadataResolver resolver = resolver(opts);
        Object outcome = convertWithin(dockerfile, options, resolver);
        if (outcome instanceof FrontendResult result) {
            checkInvariants(dockerfile, result);
            return "converted, " + (result.stages().size() > 1 ? "several stages" : "one stage");
        } else if (outcome instanceof DockerfileException e) {
            assertThat(e.getMessage()).as("message of %s", e).isNotNull().isNotBlank();
            int lines = lineCount(dockerfile);
            for (SourceRange r : e.locations()) {
                assertWithin(r, lines, "error \"" + e.getMessage() + "\" for\n" + describe(dockerfile) + "\n");
            }
            return category(e.reason());
        } else {
            Throwable t = (Throwable) outcome;
            throw new AssertionError("front end threw " + t + " for\n" + describe(dockerfile) + "\n" + opts, t);
        }
    }

    /** The result, or what was thrown; fails when the conversion does not finish in time. */
    private static Object convertWithin(byte[] dockerfile, FrontendOptions options, ImageMetadataResolver resolver) {
        Future<Object> f = worker.submit(() -> {
            try {
                return DockerfileFrontend.convert(dockerfile, options, resolver);
            } catch (Throwable t) {
                return t;
            }
        });
        try {
            return f.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("front end did not finish within " + TIME_LIMIT_SECONDS + " s for\n"
                    + describe(dockerfile));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static void checkInvariants(byte[] dockerfile, FrontendResult result) {
        int lines = lineCount(dockerfile);
        Set<Integer> indexes = new HashSet<>();
        for (StagePlan s : result.stages()) {
            assertThat(indexes.add(s.index())).as("stage %d listed twice", s.index()).isTrue();
            assertWithin(s.location(), lines, "stage " + s.displayName());
            for (PlannedStep step : s.steps()) {
                assertWithin(step.location(), lines, "step " + step.text() + " of " + s.displayName());
            }
        }
        assertThat(indexes).as("target stage").contains(result.target());
        assertThat(result.targetStage().index()).isEqualTo(result.target());

        Map<Integer, Integer> waveOf = new HashMap<>();
        List<List<StagePlan>> waves = result.waves();
        for (int w = 0; w < waves.size(); w++) {
            for (StagePlan s : waves.get(w)) {
                assertThat(waveOf.put(s.index(), w)).as("stage %d in two waves", s.index()).isNull();
            }
        }
        assertThat(waveOf.keySet()).as("waves cover every stage").isEqualTo(indexes);
        for (StagePlan s : result.stages()) {
            for (int dep : FrontendResult.allDependencies(s)) {
                assertThat(waveOf).as("dependency %d of stage %d", dep, s.index()).containsKey(dep);
                assertThat(waveOf.get(dep)).as("wave of dependency %d of stage %d", dep, s.index())
                        .isLessThan(waveOf.get(s.index()));
            }
        }
    }

    private static void assertWithin(SourceRange r, int lines, String what) {
        assertThat(r).as("location of %s", what).isNotNull();
        assertThat(r.startLine()).as("first line of %s (file has %d lines)", what, lines).isBetween(1, lines);
        assertThat(r.endLine()).as("last line of %s (file has %d lines)", what, lines).isBetween(1, lines);
    }

    /** The start of an error's reason, without the quoted parts, to group the errors. */
    /** A coarse bucket for an error, so the statistics stay a short table. */
    private static String category(String reason) {
        String r = reason == null ? "" : reason.replaceFirst("^dockerfile parse error on line \\d+: ", "");
        r = r.split("[:(\"']", 2)[0].replaceAll("\\d+", "N").trim();
        r = r.codePoints().map(ch -> ch < 0x20 || ch > 0x7e ? '?' : ch)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "error: " + (r.length() > 40 ? r.substring(0, 40) : r);
    }

    /** Physical lines as BuildKit's scanner counts them: split on LF, a last unterminated line counts. */
    static int lineCount(byte[] b) {
        int n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return b.length > 0 && b[b.length - 1] != '\n' ? n + 1 : n;
    }

    /** The input as a Java literal: its UTF-8 text, or its bytes as ISO-8859-1 when it is not UTF-8. */
    static String describe(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return DockerfileMutations.show(bytes);
        } catch (CharacterCodingException e) {
            return "(ISO-8859-1) " + DockerfileMutations.escape(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    private static Opts defaults() {
        return new Opts(null, Map.of(), null, false, List.of(), List.of());
    }

    // ---- regressions found by the properties ----

    private static void check(String dockerfile) {
        check(dockerfile.getBytes(StandardCharsets.UTF_8), defaults());
    }

    private static String deep(int depth) {
        return "${A:-".repeat(depth) + "x" + "}".repeat(depth);
    }

    /** The error a Dockerfile gives, checked by the same harness as the properties first. */
    private static DockerfileException errorOf(String dockerfile) {
        check(dockerfile);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> DockerfileFrontend.convert(
                dockerfile.getBytes(StandardCharsets.UTF_8), FrontendOptions.defaults(), new OfflineImageResolver()));
        assertThat(t).isInstanceOf(DockerfileException.class);
        return (DockerfileException) t;
    }

    private static final String TOO_DEEP = "\": too many nested ${} (more than 100)";

    /**
     * Deeper than 100 levels the lexer refuses the line (a deliberate limit: BuildKit's growing
     * Go stack would expand it), so heredoc detection sees no heredoc and "EOF" is an instruction.
     */
    @org.junit.jupiter.api.Test
    void deepNestingInHeredocDetection() {
        DockerfileException e = errorOf("FROM scratch\nRUN " + deep(5000) + " <<EOF\nEOF\n");
        assertThat(e).hasMessage("dockerfile parse error on line 3: unknown instruction: EOF (did you mean ENV?)");
    }

    @org.junit.jupiter.api.Test
    void deepNestingInFromName() {
        DockerfileException e = errorOf("FROM " + deep(5000) + "\n");
        assertThat(e.getMessage()).startsWith("failed to process \"${A:-${A:-").endsWith(TOO_DEEP);
        assertThat(e.location()).map(SourceRange::startLine).contains(1);
    }

    @org.junit.jupiter.api.Test
    void deepNestingInEnv() {
        DockerfileException e = errorOf("FROM scratch\nENV B=" + deep(5000) + "\n");
        assertThat(e.getMessage()).endsWith(TOO_DEEP);
        assertThat(e.location()).map(SourceRange::startLine).contains(2);
    }

    @org.junit.jupiter.api.Test
    void deepNestingInGlobalArg() {
        DockerfileException e = errorOf("ARG B=" + deep(5000) + "\nFROM scratch\n");
        assertThat(e.getMessage()).endsWith(TOO_DEEP);
        assertThat(e.location()).map(SourceRange::startLine).contains(1);
    }

    /** Found by generatedDockerfilesConvertOrFailCleanly: the shrunk input was ~400 levels. */
    @org.junit.jupiter.api.Test
    void deepNestingInQuotedDefaultIsADockerfileError() {
        String word = "${A:-\"".repeat(400) + "x" + "\"}".repeat(400);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> DockerfileFrontend.convert(
                ("FROM scratch\nENV B=" + word + "\n").getBytes(StandardCharsets.UTF_8), FrontendOptions.defaults(),
                new OfflineImageResolver()));
        assertThat(t).isInstanceOf(DockerfileException.class).hasMessageEndingWith(TOO_DEEP);
    }

    /**
     * Found by generatedDockerfilesConvertOrFailCleanly: an ONBUILD trigger of a base image that
     * reads from an image (here {@code build}, not a stage) adds a state while the states were
     * being iterated: ConcurrentModificationException in BaseResolver.resolveReachable.
     */
    @org.junit.jupiter.api.Test
    void onBuildTriggerOfBaseImageReadingFromAnImage() {
        check("FROM random/onbuild:1\n".getBytes(StandardCharsets.UTF_8), new Opts(null, Map.of(), null, false,
                List.of("RUN --mount=type=bind,from=build,source=/,target=/y "), List.of()));
        check("FROM random/onbuild:1\n".getBytes(StandardCharsets.UTF_8), new Opts(null, Map.of(), null, false,
                List.of("COPY --from=nginx:latest /etc/nginx /nginx"), List.of()));
        Opts opts = new Opts(null, Map.of(), null, false, List.of("COPY --from=nginx:latest /etc/nginx /nginx"),
                List.of());
        FrontendResult r = DockerfileFrontend.convert("FROM random/onbuild:1\n".getBytes(StandardCharsets.UTF_8),
                frontendOptions(opts), resolver(opts));
        assertThat(r.targetStage().images()).hasSize(1);
        assertThat(r.targetStage().steps()).anyMatch(PlannedStep::onBuild);
    }

    /**
     * Found by generatedDockerfilesConvertOrFailCleanly: an ONBUILD trigger {@code COPY --from=0}
     * run in stage 0 itself (BuildKit copies from the stage's own state then) made stage 0 list
     * itself among its dependencies, so waves() put it in the same wave as its dependency.
     */
    @org.junit.jupiter.api.Test
    void onBuildTriggerCopyingFromItsOwnStage() {
        Opts copySelf = new Opts(null, Map.of(), null, false, List.of("COPY --from=0 [\"x\", \"x\"]"),
                List.of());
        byte[] three = "FROM random/onbuild:1\nFROM alpine:3.19\nFROM random/onbuild:1\n".getBytes(StandardCharsets.UTF_8);
        check(three, copySelf);
        FrontendResult r = DockerfileFrontend.convert(three, frontendOptions(copySelf),
                resolver(copySelf));
        assertThat(r.stages()).allSatisfy(st -> assertThat(st.dependencies()).doesNotContain(st.index()));
        assertThat(r.waves().stream().mapToInt(List::size).sum()).isEqualTo(r.stages().size());
        check("FROM random/onbuild:1\n".getBytes(StandardCharsets.UTF_8),
                new Opts(null, Map.of(), null, false, List.of("RUN --mount=from=0,target=/x true"), List.of()));
    }

    /**
     * Each line quadruples a variable, so nine short lines ask for a 262-million-character value;
     * BuildKit runs out of memory. The shell lexer refuses words over 1 MiB, so the conversion
     * fails fast with a Dockerfile error instead.
     */
    @org.junit.jupiter.api.Test
    void exponentialGrowthOfAVariableIsBounded() {
        assertThat(errorOf("FROM scratch\nENV A=" + "a".repeat(1000) + "\n" + "ENV A=$A$A$A$A\n".repeat(9)))
                .hasMessage("failed to process \"$A$A$A$A\": expanded word is longer than 1048576 characters");
        assertThat(errorOf("ARG A=" + "a".repeat(1000) + "\n" + "ARG A=$A$A$A$A\n".repeat(9) + "FROM scratch\n"))
                .hasMessage("failed to process \"$A$A$A$A\": expanded word is longer than 1048576 characters");
    }

    /**
     * Found by a longer run of mutatedDockerfilesConvertOrFailCleanly (a {@code \r} cut
     * {@code --mount=type=cache\r,target=...} short): a cache mount without a target in a stage
     * with a working directory. BuildKit's cache id is then "/" + {@code path.Clean("")}, i.e. "/.";
     * here RunDispatch.mount threw NullPointerException in Paths.clean(null).
     */
    @org.junit.jupiter.api.Test
    void cacheMountWithoutTargetInAWorkdir() {
        check("FROM scratch\nWORKDIR /w\nRUN --mount=type=cache true\n");
        check("FROM golang:1.22\nRUN --mount=type=cache true\n");
        FrontendResult r = DockerfileFrontend.convert(
                "FROM scratch\nWORKDIR /w\nRUN --mount=type=cache true\n".getBytes(StandardCharsets.UTF_8),
                FrontendOptions.defaults(), new OfflineImageResolver());
        dev.stagecraft.graph.ExecOp run = (dev.stagecraft.graph.ExecOp) r.targetStage().result().op();
        // No target: joined to WORKDIR it is /w; the id is BuildKit's "/" + path.Clean("") = "/.".
        assertThat(run.mounts().get(1).target()).isEqualTo("/w");
        assertThat(run.mounts().get(1).cacheId()).isEqualTo("/.");
    }

    @org.junit.jupiter.api.Test
    void nestingOfAHundredStillExpands() {
        FrontendResult r = DockerfileFrontend.convert(
                ("FROM scratch\nENV B=" + deep(100) + "\n").getBytes(StandardCharsets.UTF_8),
                FrontendOptions.defaults(), new OfflineImageResolver());
        assertThat(r.targetStage().image().config().env()).contains("B=x");
    }
}
