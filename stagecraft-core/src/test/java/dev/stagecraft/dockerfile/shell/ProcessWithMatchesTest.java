package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expectations of BuildKit's {@code TestProcessWithMatches} and
 * {@code TestProcessWithMatchesPlatform}: results plus the matched and unmatched name sets.
 */
class ProcessWithMatchesTest {
    private static final ShellLex LEX = new ShellLex('\\');

    /** A row; {@code expected == null} means the expansion must fail. */
    record Case(String input, Map<String, String> env, String expected, Set<String> matched, Set<String> unmatched) {
        @Override
        public String toString() {
            return input + " with " + env;
        }
    }

    private static Case ok(String input, Map<String, String> env, String expected, Set<String> matched,
            Set<String> unmatched) {
        return new Case(input, env, expected, matched, unmatched);
    }

    private static Case fails(String input, Map<String, String> env) {
        return new Case(input, env, null, Set.of(), Set.of());
    }

    /** An ordered map from alternating keys and values (Map.of refuses none of ours, but keeps no order). */
    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Case> cases() {
        Map<String, String> fooBar = env("FOO", "xxx", "BAR", "");
        Map<String, String> xxyy = env("FOO", "xxyy");
        Set<String> foo = Set.of("FOO");
        Set<String> none = Set.of();
        return Stream.of(
                ok("x", env("DUMMY", "dummy"), "x", none, none),
                ok("x ${UNUSED}", env("DUMMY", "dummy"), "x ", none, Set.of("UNUSED")),
                ok("x ${FOO}", env("FOO", "y"), "x y", foo, none),
                ok("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", fooBar, "xxx  ccc", Set.of("FOO", "BAR"), Set.of("BAZ")),
                ok("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", fooBar, "xxx bbb ccc", Set.of("FOO", "BAR"), Set.of("BAZ")),
                ok("${FOO:-}", fooBar, "xxx", foo, none),
                ok("${FOO:-}", env(), "", none, foo),
                ok("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", fooBar, "aaa bbb ", Set.of("FOO", "BAR"), Set.of("BAZ")),
                ok("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", fooBar, "aaa  ", Set.of("FOO", "BAR"), Set.of("BAZ")),
                ok("${FOO?aaa}", fooBar, "xxx", foo, none),
                ok("${BAR?bbb}", fooBar, "", Set.of("BAR"), none),
                fails("${BAZ?ccc}", fooBar),
                ok("${FOO:?aaa}", fooBar, "xxx", foo, none),
                fails("${BAR:?bbb}", fooBar),
                fails("${BAZ:?ccc}", fooBar),
                fails("${BAZ:?}", fooBar),
                fails("${FOO=aaa}", fooBar),
                fails("${FOO=:aaa}", fooBar),
                fails("${FOO=}", env()),
                // regex metacharacters are literal; } must be escaped not to close ${}
                ok("${FOO#()[]{\\}^$.\\*\\?|\\\\}", env("FOO", "()[]{}^$.*?|\\x"), "x", foo, none),
                ok("${FOO%%\\**}", env("FOO", "xx**"), "xx", foo, none),
                ok("${FOO#*x*y}", xxyy, "y", foo, none),
                ok("${FOO#*}", xxyy, "xxyy", foo, none),
                ok("${FOO#$BAR}", env("FOO", "xxyy", "BAR", "x"), "xyy", Set.of("FOO", "BAR"), none),
                ok("${FOO#$BAR}", env("FOO", "xxyy", "BAR", ""), "xxyy", Set.of("FOO", "BAR"), none),
                ok("${FOO#}", xxyy, "xxyy", foo, none),
                ok("${FOO##*x}", xxyy, "yy", foo, none),
                ok("${FOO##}", xxyy, "xxyy", foo, none),
                ok("${FOO#?\\?}", env("FOO", "???y"), "?y", foo, none),
                ok("${ABC:-.}${FOO%x}${ABC:-.}", xxyy, ".xxyy.", foo, Set.of("ABC")),
                ok("${FOO%%\\**\\*}", env("FOO", "a***yy*"), "a", foo, none),
                ok("${FOO%}", xxyy, "xxyy", foo, none),
                ok("${FOO%%$BAR}", env("FOO", "xxyy", "BAR", ""), "xxyy", Set.of("FOO", "BAR"), none),
                // wildcards coming from a variable
                ok("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", env("FOO", "/foo*/*/*.txt", "NEEDLE", "\\*/"),
                        "/foo.*/*.txt - /foo..*.txt", Set.of("FOO", "NEEDLE"), none),
                // slashes in patterns coming from a variable
                ok("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", env("FOO", "/tmp/tmp/bar.txt", "NEEDLE", "/tmp"),
                        "/tmp/bar.txt - /bar.txt", Set.of("FOO", "NEEDLE"), none),
                ok("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
                        env("FOO", "/a/foo/b/c.txt", "NEEDLE", "/?/", "REPLACEMENT", "/"),
                        "/foo/b/c.txt - /foo/c.txt", Set.of("FOO", "NEEDLE", "REPLACEMENT"), none),
                ok("${FOO/$NEEDLE/$REPLACEMENT}",
                        env("FOO", "http://google.de", "NEEDLE", "http://", "REPLACEMENT", "https://"),
                        "https://google.de", Set.of("FOO", "NEEDLE", "REPLACEMENT"), none),
                // escaped separators: unescaped in the pattern, kept raw in the replacement
                ok("${FOO//\\//\\/}", env("FOO", "/tmp/foo.txt"), "\\/tmp\\/foo.txt", foo, none),
                // partial forms: upstream only guarantees they do not crash
                ok("${FOO/$BAR/ww}", env("FOO", "xxyy", "BAR", ""), "wwxxyy", Set.of("FOO", "BAR"), none),
                fails("${FOO//ww}", xxyy),
                fails("${FOO//}", xxyy),
                ok("${FOO///}", xxyy, "xxyy", foo, none),
                ok("${FOO///}", env(), "", none, foo),
                // colon forms of the prefix/suffix removals are not shell syntax: errors upstream
                fails("${FOO:#}", env()),
                fails("${FOO:##}", env()),
                fails("${FOO:%}", env()),
                fails("${FOO:%%}", env()));
    }

    @Test
    void allUpstreamCasesArePorted() {
        // TestProcessWithMatches at the pinned BuildKit commit has 47 cases.
        assertThat(cases().count()).isEqualTo(47);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesUpstream(Case c) {
        if (c.expected() == null) {
            assertThatThrownBy(() -> LEX.processWordWithMatches(c.input(), ShellEnv.of(c.env())))
                    .isInstanceOf(ShellExpansionException.class);
            return;
        }
        ExpansionResult result = LEX.processWordWithMatches(c.input(), ShellEnv.of(c.env()));
        assertThat(result.result()).isEqualTo(c.expected());
        assertThat(result.matched()).containsExactlyInAnyOrderElementsOf(c.matched());
        assertThat(result.unmatched()).containsExactlyInAnyOrderElementsOf(c.unmatched());
    }

    @Test
    void upstreamErrorCasesGiveTheseReasons() {
        Map<String, String> fooBar = env("FOO", "xxx", "BAR", "");
        assertThat(reason("${BAZ?ccc}", fooBar)).isEqualTo("BAZ: ccc");
        assertThat(reason("${BAR:?bbb}", fooBar)).isEqualTo("BAR: bbb");
        assertThat(reason("${BAZ:?}", fooBar)).isEqualTo("BAZ: is not allowed to be unset");
        assertThat(reason("${FOO=aaa}", fooBar)).isEqualTo("unsupported modifier (=) in substitution");
        assertThat(reason("${FOO//ww}", fooBar)).isEqualTo("syntax error: missing '/' in ${}");
    }

    private static String reason(String word, Map<String, String> env) {
        try {
            LEX.processWordWithMatches(word, ShellEnv.of(env));
        } catch (ShellExpansionException e) {
            String prefix = "failed to process \"" + word + "\": ";
            assertThat(e.getMessage()).startsWith(prefix);
            return e.getMessage().substring(prefix.length());
        }
        throw new AssertionError("no failure for " + word);
    }

    @Test
    void releaseFileNameWithOptionalVariant() {
        String release = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
        List<Map<String, String>> envs = List.of(
                env("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm", "TARGETVARIANT", "v7"),
                env("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm64", "TARGETVARIANT", ""),
                env("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm64"));
        List<String> expected = List.of(
                "something-v1.2.3.linux-arm-v7.tar.gz",
                "something-v1.2.3.linux-arm64.tar.gz",
                "something-v1.2.3.linux-arm64.tar.gz");
        for (int i = 0; i < envs.size(); i++) {
            assertThat(LEX.processWordWithMatches(release, ShellEnv.of(envs.get(i))).result())
                    .isEqualTo(expected.get(i));
        }
    }
}
