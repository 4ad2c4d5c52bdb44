package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoGlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "abc|abc|true",
        "*|abc|true",
        "*c|abc|true",
        "a*|a|true",
        "a*|abc|true",
        "a*|ab/c|false",
        "a*/b|abc/b|true",
        "a*/b|a/c/b|false",
        "a*b*c*d*e*/f|axbxcxdxe/f|true",
        "a*b*c*d*e*/f|axbxcxdxexyx/f|true",
        "a*b*c*d*e*/f|axbxcxdxe/xyx/f|false",
        "a*b?c*x|abxbbxdbxebxczzx|true",
        "a*b?c*x|abxbbxdbxebxczzy|false",
        "ab[c]|abc|true",
        "ab[b-d]|abc|true",
        "ab[e-g]|abc|false",
        "ab[^c]|abc|false",
        "ab[^b-d]|abc|false",
        "ab[^e-g]|abc|true",
        "a\\*b|a*b|true",
        "a\\*b|ab|false",
        "a?b|a☺b|true",
        "a[^a]b|a☺b|true",
        "a???b|a☺b|false",
        "a?b|a/b|false",
        "a*b|a/b|false",
        "[\\]a]|]|true",
        "[\\-]|-|true",
        "[x\\-]|x|true",
        "[x\\-]|z|false",
        "[\\-x]|a|false",
        "*x|xyx|true",
        "[^/]|/|false",
        "[a-c]*.txt|b12.txt|true",
        "*.txt|dir/a.txt|false",
    })
    void matchesLikeGo(String pattern, String name, boolean expected) {
        assertThat(GoGlob.match(pattern, name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "\\", "a\\", "[a-b-c]", "*x["})
    void malformedPatternsAreErrorsEvenWithoutAMatch(String pattern) {
        assertThatThrownBy(() -> GoGlob.match(pattern, "zzz"))
                .isInstanceOf(InvalidPatternException.class)
                .hasMessage("syntax error in pattern");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a|false", "*.go|true", "a?|true", "[ab]|true", "a\\*|false", "a\\\\*|true"})
    void wildcardsAreSeenUnlessEscaped(String name, boolean expected) {
        assertThat(GoGlob.hasWildcards(name)).isEqualTo(expected);
    }
}
