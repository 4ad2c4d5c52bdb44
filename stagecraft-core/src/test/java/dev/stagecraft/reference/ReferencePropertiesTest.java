package dev.stagecraft.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Properties of the parsers over arbitrary and near-valid text. */
class ReferencePropertiesTest {
    private static final String HEX = ImageReferenceTest.HEX;

    // distribution's grammar written as regular expressions, the oracle for the hand-written scanner;
    // only fed short strings, where Java's backtracking cannot hurt.
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile(
            "((?:" + DOMAIN + "/)?" + REMOTE_NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern NAME = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + REMOTE_NAME + ")");

    @Property(tries = 2000)
    void referenceParsingThrowsOnlyInvalidReferenceException(@ForAll("anyText") String text) {
        try {
            ImageReference.parse(text);
        } catch (InvalidReferenceException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void parsedReferencesRoundTripThroughTheirFullForm(@ForAll("referenceLike") String text) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(text);
            Statistics.collect(true);
        } catch (InvalidReferenceException rejected) {
            Statistics.collect(false);
            return;
        } finally {
            // The generator must keep producing valid references, or this property proves nothing.
            Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 20));
        }
        ImageReference again = ImageReference.parse(ref.toString());

        assertThat(again).isEqualTo(ref);
        assertThat(again.toString()).isEqualTo(ref.toString());
        assertThat(ImageReference.parseCanonical(ref.toString())).isEqualTo(ref);
        assertThat(ref.withDefaultTag().tag().isPresent() || ref.digest().isPresent()).isTrue();
    }

    @Property(tries = 3000)
    void scannerAgreesWithTheRegularExpressions(@ForAll("referenceLike") String text) {
        ReferenceGrammar.Parts parts = ReferenceGrammar.match(text);
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            assertThat(parts).as("scanner accepted %s", text).isNull();
            return;
        }
        Matcher name = NAME.matcher(m.group(1));
        assertThat(name.matches()).isTrue();
        assertThat(parts).as("scanner rejected %s", text).isNotNull();
        assertThat(parts.domain()).isEqualTo(orEmpty(name.group(1)));
        assertThat(parts.path()).isEqualTo(name.group(2));
        assertThat(parts.tag()).isEqualTo(orEmpty(m.group(2)));
        assertThat(parts.digest()).isEqualTo(orEmpty(m.group(3)));
    }

    @Property(tries = 2000)
    void platformParsingThrowsOnlyInvalidPlatformException(@ForAll("platformLike") String text) {
        try {
            Platform.parse(text, Platform.of("linux", "amd64"));
        } catch (InvalidPlatformException expected) {
            assertThat(expected.getMessage()).endsWith(": invalid argument");
        }
    }

    @Property(tries = 2000)
    void parsedPlatformsRoundTripThroughFormatAll(@ForAll("platformLike") String text) {
        Platform defaults = new Platform("linux", "arm", "v6", "");
        Platform platform;
        try {
            platform = Platform.parse(text, defaults);
            Statistics.collect(true);
        } catch (InvalidPlatformException rejected) {
            Statistics.collect(false);
            return;
        } finally {
            Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 20));
        }
        assertThat(Platform.parse(platform.formatAll(), defaults)).isEqualTo(platform);
    }

    private static String orEmpty(String group) {
        return group == null ? "" : group;
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300), referenceLike(),
                Arbitraries.strings().withChars("aZ09:/@._-[]").ofMaxLength(300));
    }

    /** Mostly well-formed references, with a share of near misses stitched from reference-shaped pieces. */
    @Provide
    Arbitrary<String> referenceLike() {
        Arbitrary<String> domain = Arbitraries.of("", "", "", "localhost/", "localhost:5000/", "gcr.io/", "docker.io/",
                "index.docker.io/", "Foo/", "[::1]:5000/", "127.0.0.1/", "a_b.c/", "x-y.z:1/", "library/");
        Arbitrary<String> run = Arbitraries.strings().withChars("abz0189").ofMinLength(1).ofMaxLength(4);
        Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "---");
        Arbitrary<String> component = Combinators.combine(run, separator, run, Arbitraries.of(true, false))
                .as((a, sep, b, joined) -> joined ? a + sep + b : a);
        Arbitrary<String> path = component.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
        Arbitrary<String> tag = Arbitraries.of("", "", ":latest", ":3.19", ":T_1-x.y", ":", ":-x");
        Arbitrary<String> digest = Arbitraries.of("", "", "", "@sha256:" + HEX, "@sha256:" + HEX.toUpperCase(),
                "@sha512:" + HEX + HEX, "@md5:" + HEX.substring(32), "@a+b:" + HEX.substring(30));
        Arbitrary<String> wellFormed = Combinators.combine(domain, path, tag, digest).as((d, p, t, g) -> d + p + t + g);
        Arbitrary<String> piece = Arbitraries.of("a", "b", "z", "0", "9", "A", ".", "_", "__", "-", "--", "/", ":",
                "@", "[", "]", "é", "\u212A", " ", "sha256:", HEX, "md5:", "library", "Ubuntu", "localhost");
        Arbitrary<String> soup = piece.list().ofMaxSize(10).map(ReferencePropertiesTest::join);
        return Arbitraries.frequencyOf(Tuple.of(3, wellFormed), Tuple.of(1, soup));
    }

    @Provide
    Arbitrary<String> platformLike() {
        Arbitrary<String> os = Arbitraries.of("linux", "Linux", "windows", "windows(10.0.17763)", "windows()", "macos",
                "freebsd", "plan9", "amd64", "arm", "aarch64", "x86_64", "foo");
        Arbitrary<String> arch = Arbitraries.of("", "/amd64", "/x86_64", "/x86-64", "/arm", "/arm64", "/aarch64",
                "/armhf", "/armel", "/i386", "/386", "/s390x", "/AMD64", "/foo");
        Arbitrary<String> variant = Arbitraries.of("", "", "/v7", "/v8", "/V6", "/7", "/8", "/v1", "/v3", "/x");
        Arbitrary<String> wellFormed = Combinators.combine(os, arch, variant)
                .as((o, a, v) -> a.isEmpty() ? o : o + a + v);
        Arbitrary<String> piece = Arbitraries.of("linux", "windows", "amd64", "arm", "v7", "/", "/", "(", ")",
                "10.0", "*", "-", "_", ".", " ", "é");
        Arbitrary<String> soup = piece.list().ofMaxSize(8).map(ReferencePropertiesTest::join);
        return Arbitraries.frequencyOf(
                Tuple.of(3, wellFormed), Tuple.of(1, soup), Tuple.of(1, Arbitraries.strings().ofMaxLength(300)));
    }

    private static String join(List<String> pieces) {
        return String.join("", pieces);
    }
}
