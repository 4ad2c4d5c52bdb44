package dev.stagecraft.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {
    static final String HEX = "0123456789abcdef".repeat(4);

    static Stream<Arguments> valid() {
        return Stream.of(
                // input, toString, familiarString, domain, path
                Arguments.of("alpine", "docker.io/library/alpine", "alpine", "docker.io", "library/alpine"),
                Arguments.of("alpine:3.19", "docker.io/library/alpine:3.19", "alpine:3.19", "docker.io",
                        "library/alpine"),
                Arguments.of("user/app", "docker.io/user/app", "user/app", "docker.io", "user/app"),
                Arguments.of("gcr.io/x/y:1", "gcr.io/x/y:1", "gcr.io/x/y:1", "gcr.io", "x/y"),
                Arguments.of("localhost:5000/a", "localhost:5000/a", "localhost:5000/a", "localhost:5000", "a"),
                Arguments.of("localhost/a", "localhost/a", "localhost/a", "localhost", "a"),
                Arguments.of("127.0.0.1:5000/busybox:1", "127.0.0.1:5000/busybox:1", "127.0.0.1:5000/busybox:1",
                        "127.0.0.1:5000", "busybox"),
                Arguments.of("a@sha256:" + HEX, "docker.io/library/a@sha256:" + HEX, "a@sha256:" + HEX,
                        "docker.io", "library/a"),
                Arguments.of("a:t@sha256:" + HEX, "docker.io/library/a:t@sha256:" + HEX, "a:t@sha256:" + HEX,
                        "docker.io", "library/a"),
                Arguments.of("docker.io/library/alpine", "docker.io/library/alpine", "alpine", "docker.io",
                        "library/alpine"),
                Arguments.of("docker.io/alpine", "docker.io/library/alpine", "alpine", "docker.io", "library/alpine"),
                // The legacy Docker Hub host is rewritten, unlike any other domain.
                Arguments.of("index.docker.io/library/alpine", "docker.io/library/alpine", "alpine", "docker.io",
                        "library/alpine"),
                Arguments.of("index.docker.io/user/app:1", "docker.io/user/app:1", "user/app:1", "docker.io",
                        "user/app"),
                Arguments.of("library/foo/bar", "docker.io/library/foo/bar", "library/foo/bar", "docker.io",
                        "library/foo/bar"),
                Arguments.of("docker.io/a/b/c", "docker.io/a/b/c", "a/b/c", "docker.io", "a/b/c"),
                // An upper-case first component can only be a domain.
                Arguments.of("Foo/bar", "Foo/bar", "Foo/bar", "Foo", "bar"),
                Arguments.of("UPPER/x", "UPPER/x", "UPPER/x", "UPPER", "x"),
                Arguments.of("[fc00::1]:5000/docker", "[fc00::1]:5000/docker", "[fc00::1]:5000/docker",
                        "[fc00::1]:5000", "docker"),
                Arguments.of("xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo",
                        "xn--n3h.com:18080", "foo"),
                Arguments.of("test_com/foo", "docker.io/test_com/foo", "test_com/foo", "docker.io", "test_com/foo"),
                // A single element is never a domain, not even "localhost": here ":5000" is a tag.
                Arguments.of("localhost", "docker.io/library/localhost", "localhost", "docker.io", "library/localhost"),
                Arguments.of("localhost:5000", "docker.io/library/localhost:5000", "localhost:5000", "docker.io",
                        "library/localhost"),
                // "FROM 0" is an image, not a stage index.
                Arguments.of("0", "docker.io/library/0", "0", "docker.io", "library/0"),
                Arguments.of("a:Latest", "docker.io/library/a:Latest", "a:Latest", "docker.io", "library/a"),
                Arguments.of("dock__er-x---y/a", "docker.io/dock__er-x---y/a", "dock__er-x---y/a", "docker.io",
                        "dock__er-x---y/a"),
                Arguments.of(HEX.substring(1), "docker.io/library/" + HEX.substring(1), HEX.substring(1), "docker.io",
                        "library/" + HEX.substring(1)),
                Arguments.of("docker.io/" + HEX, "docker.io/library/" + HEX, HEX, "docker.io", "library/" + HEX),
                Arguments.of("a@sha512:" + HEX + HEX, "docker.io/library/a@sha512:" + HEX + HEX,
                        "a@sha512:" + HEX + HEX, "docker.io", "library/a"),
                // Quirk kept from distribution: "a_b.c" looks like a domain to the splitter but is no
                // valid host, so the whole text becomes a path with no domain.
                Arguments.of("a_b.c/x", "a_b.c/x", "a_b.c/x", "", "a_b.c/x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void normalisesValidReferences(String input, String full, String familiar, String domain, String path) {
        ImageReference ref = ImageReference.parse(input);

        assertThat(ref.toString()).isEqualTo(full);
        assertThat(ref.familiarString()).isEqualTo(familiar);
        assertThat(ref.domain()).isEqualTo(domain);
        assertThat(ref.path()).isEqualTo(path);
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }

    @Test
    void familiarFormOfAHexNameDoesNotParseBack() {
        ImageReference ref = ImageReference.parse("docker.io/" + HEX);

        assertThat(ref.familiarString()).isEqualTo(HEX);
        assertThatThrownBy(() -> ImageReference.parse(ref.familiarString()))
                .isInstanceOf(InvalidReferenceException.class);
    }

    static Stream<Arguments> invalid() {
        String lowercase = "invalid reference format: repository name (%s) must be lowercase";
        return Stream.of(
                Arguments.of("Ubuntu", lowercase.formatted("library/Ubuntu")),
                Arguments.of("Build", lowercase.formatted("library/Build")),
                Arguments.of("SCRATCH", lowercase.formatted("library/SCRATCH")),
                Arguments.of("docker/Docker", lowercase.formatted("docker/Docker")),
                Arguments.of("example.com/Foo:1", lowercase.formatted("Foo")),
                Arguments.of("Foo/Bar", lowercase.formatted("Bar")),
                // The lower-case check looks at everything before the first ':', digest algorithm included.
                Arguments.of("a@SHA256:" + HEX, lowercase.formatted("library/a@SHA256")),
                Arguments.of("", "invalid reference format"),
                Arguments.of("a:", "invalid reference format"),
                Arguments.of(":tag", "invalid reference format"),
                Arguments.of("a@sha256:short", "invalid reference format"),
                Arguments.of("-a", "invalid reference format"),
                Arguments.of("a-", "invalid reference format"),
                Arguments.of("a//b", "invalid reference format"),
                Arguments.of("a/", "invalid reference format"),
                Arguments.of("docker///docker", "invalid reference format"),
                Arguments.of("dock..er/docker", "invalid reference format"),
                Arguments.of("dock_.er/docker", "invalid reference format"),
                Arguments.of("____/____", "invalid reference format"),
                Arguments.of("a:-tag", "invalid reference format"),
                Arguments.of("a:" + "t".repeat(129), "invalid reference format"),
                Arguments.of(" alpine", "invalid reference format"),
                Arguments.of("alpine\n", "invalid reference format"),
                Arguments.of("a:b:c", "invalid reference format"),
                Arguments.of("a@b@sha256:" + HEX, "invalid reference format"),
                Arguments.of("https://github.com/docker/docker", "invalid reference format"),
                Arguments.of("[fc00::1]:5000", "invalid reference format"),
                Arguments.of("fc00::1:5000/debian", "invalid reference format"),
                Arguments.of("[fe80::1%eth0]:5000/debian", "invalid reference format"),
                Arguments.of("localhost:/a", "invalid reference format"),
                Arguments.of(HEX, "invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings"),
                Arguments.of("a/" + "b".repeat(254), "repository name must not be more than 255 characters"),
                // After the lower-case check: the Kelvin sign lower-cases to an ASCII 'k'.
                Arguments.of("a:\u212A", "repository name must be lowercase"),
                Arguments.of("a@sha256:" + HEX.toUpperCase(), "invalid checksum digest format"),
                Arguments.of("a:t@Sha256:" + HEX, "invalid checksum digest format"),
                Arguments.of("a@md5:" + HEX.substring(32), "unsupported digest algorithm"),
                Arguments.of("a@foo+bar:" + HEX.substring(32), "unsupported digest algorithm"),
                Arguments.of("a@sha256:" + HEX.substring(32), "invalid checksum digest length"),
                Arguments.of("a@sha512:" + HEX, "invalid checksum digest length"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void rejectsInvalidReferencesWithDistributionsMessage(String input, String message) {
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage(message);
    }

    @Test
    void acceptsTheLongestPathAndTag() {
        ImageReference ref = ImageReference.parse("a/" + "b".repeat(253) + ":" + "t".repeat(128));

        assertThat(ref.path()).hasSize(255);
        assertThat(ref.tag()).hasValue("t".repeat(128));
    }

    @Test
    void exposesTagAndDigest() {
        ImageReference ref = ImageReference.parse("localhost:5000/team/app:1.2@sha256:" + HEX);

        assertThat(ref.repository()).isEqualTo("localhost:5000/team/app");
        assertThat(ref.tag()).hasValue("1.2");
        assertThat(ref.digest()).hasValue("sha256:" + HEX);
        assertThat(ref.familiarName()).isEqualTo("localhost:5000/team/app");
        assertThat(ImageReference.parse("alpine").tag()).isEmpty();
        assertThat(ImageReference.parse("alpine").digest()).isEmpty();
    }

    @Test
    void defaultTagIsAddedOnlyToBareNames() {
        assertThat(ImageReference.parse("alpine").withDefaultTag()).hasToString("docker.io/library/alpine:latest");
        assertThat(ImageReference.parse("alpine:3").withDefaultTag()).hasToString("docker.io/library/alpine:3");
        assertThat(ImageReference.parse("alpine@sha256:" + HEX).withDefaultTag())
                .hasToString("docker.io/library/alpine@sha256:" + HEX);
    }

    @Test
    void withDigestKeepsTheTag() {
        ImageReference pinned = ImageReference.parse("alpine:3.19").withDigest("sha256:" + HEX);

        assertThat(pinned).hasToString("docker.io/library/alpine:3.19@sha256:" + HEX);
        assertThat(pinned.familiarString()).isEqualTo("alpine:3.19@sha256:" + HEX);
    }

    @Test
    void withDigestRejectsBadDigests() {
        ImageReference ref = ImageReference.parse("alpine");

        assertThatThrownBy(() -> ref.withDigest("foo")).hasMessage("invalid digest format");
        assertThatThrownBy(() -> ref.withDigest("md5:" + HEX.substring(32))).hasMessage("unsupported digest algorithm");
        assertThatThrownBy(() -> ref.withDigest("sha256:" + HEX.substring(1) + "A"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("invalid checksum digest format");
    }

    @Test
    void withTagKeepsTheDigestAndValidates() {
        ImageReference ref = ImageReference.parse("alpine@sha256:" + HEX);

        assertThat(ref.withTag("edge")).hasToString("docker.io/library/alpine:edge@sha256:" + HEX);
        assertThatThrownBy(() -> ref.withTag("-x"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("invalid tag format");
    }

    @Test
    void parseCanonicalAcceptsOnlyTheFullyQualifiedForm() {
        assertThat(ImageReference.parseCanonical("docker.io/library/alpine:1"))
                .hasToString("docker.io/library/alpine:1");
        assertThatThrownBy(() -> ImageReference.parseCanonical("alpine:1"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("repository name must be canonical");
    }

    @Test
    void equalityFollowsTheNormalisedForm() {
        assertThat(ImageReference.parse("alpine")).isEqualTo(ImageReference.parse("docker.io/library/alpine"));
        assertThat(ImageReference.parse("alpine")).hasSameHashCodeAs(ImageReference.parse("index.docker.io/alpine"));
        assertThat(ImageReference.parse("alpine")).isNotEqualTo(ImageReference.parse("alpine:latest"));
    }

    @Test
    void survivesVeryLongInput() {
        String hostile = "a.".repeat(100_000) + "a!";

        assertThatThrownBy(() -> ImageReference.parse(hostile)).hasMessage("invalid reference format");
        assertThatThrownBy(() -> ImageReference.parse("a." .repeat(100_000) + "a"))
                .hasMessage("repository name must not be more than 255 characters");
    }
}
