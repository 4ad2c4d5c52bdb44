package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternMatcherTest {

    /** patterns (comma separated) | path | whether the path is matched (ignored). */
    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "*|file|true",
        "*|dir/file|true",
        "*.go|main.go|true",
        "*.go|pkg/main.go|false",
        "**/*.go|pkg/main.go|true",
        "**/*.go|main.go|true",
        "**/*.go|a/b/c/main.go|true",
        "**|anything/at/all|true",
        "dir/**|dir/a/b|true",
        "dir/**|dir|false",
        "dir/**|dirx/a|false",
        "**/vendor|vendor|true",
        "**/vendor|a/vendor|true",
        "**/vendor|a/vendor/x|true",
        "a/**/b|a/b|true",
        "a/**/b|a/x/y/b|true",
        "a/**/b|a/xb|false",
        "docs|docs/readme.md|true",
        "docs|mydocs/readme.md|false",
        "./docs/|docs/a|true",
        "/docs|docs/a|false",
        "a/../b|b|true",
        "file?.txt|file1.txt|true",
        "file?.txt|file10.txt|false",
        "[a-c].txt|b.txt|true",
        "[^a-c].txt|d.txt|true",
        "[^a-c].txt|b.txt|false",
        "\\*.txt|*.txt|true",
        "\\*.txt|a.txt|false",
        "a.b|axb|false",
        "a+b|a+b|true",
        "(x)|(x)|true",
        "*,!keep|keep|false",
        "*,!keep|drop|true",
        "*,!keep,keep|keep|true",
        "dir,!dir/keep|dir/keep|false",
        "dir,!dir/keep|dir/drop|true",
        "dir,!dir/keep|dir/keep/inner|false",
        "**/*.md,!README.md|README.md|false",
        "**/*.md,!README.md|docs/README.md|true",
        "!x|x|false",
        "*.txt, |a.txt|true",
    })
    void matchesWithParentsAndExceptions(String patterns, String path, boolean expected) {
        PatternMatcher m = PatternMatcher.compile(split(patterns));
        assertThat(m.matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] walked {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "dir,!dir/keep|dir/keep/inner|false",
        "dir,!dir/keep|dir/other/inner|true",
        "*,!dir|dir/file|false",
        "a/*|a/b/c|true",
        "a/*,!a/b/c|a/b/c|false",
    })
    void parentResultsHandedDownAgreeWithMatchingByName(String patterns, String path, boolean expected) {
        PatternMatcher m = PatternMatcher.compile(split(patterns));
        PatternMatcher.MatchInfo info = PatternMatcher.rootInfo();
        String[] parts = path.split("/");
        StringBuilder cur = new StringBuilder();
        PatternMatcher.Result r = null;
        for (String p : parts) {
            if (cur.length() > 0) {
                cur.append('/');
            }
            cur.append(p);
            r = m.matchesUsingParent(cur.toString(), info);
            info = r.info();
        }
        assertThat(r.matched()).isEqualTo(expected);
        assertThat(m.matches(path)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aLoneBangAndBadSyntaxAreRefused() {
        assertThatThrownBy(() -> PatternMatcher.compile(List.of("!")))
                .isInstanceOf(InvalidPatternException.class).hasMessage("illegal exclusion pattern: \"!\"");
        assertThatThrownBy(() -> PatternMatcher.compile(List.of("[a-")))
                .isInstanceOf(InvalidPatternException.class).hasMessage("syntax error in pattern");
    }

    private static List<String> split(String patterns) {
        return Arrays.asList(patterns.split(",", -1));
    }
}
