package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No pattern or path makes the matchers fail with anything but their own exception. */
class PatternPropertiesTest {

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab/*?[]^-\\!.{}()+|$&").ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab/.[]-*\\").ofMaxLength(10);
    }

    @Property(tries = 3000)
    void goGlobEitherAnswersOrSaysThePatternIsBad(@ForAll("patterns") String pattern, @ForAll("names") String name) {
        try {
            GoGlob.match(pattern, name);
        } catch (InvalidPatternException e) {
            assertThat(e).hasMessage("syntax error in pattern");
        }
    }

    @Property(tries = 3000)
    void patternMatcherEitherAnswersOrSaysThePatternIsBad(@ForAll("patterns") String pattern,
            @ForAll("names") String name) {
        try {
            PatternMatcher m = PatternMatcher.compile(List.of(pattern));
            m.matches(name);
        } catch (InvalidPatternException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void aLiteralNameAlwaysMatchesItself(@ForAll("literals") String name) {
        assertThat(GoGlob.match(name, name)).isTrue();
        assertThat(PatternMatcher.compile(List.of(name)).matches(name)).isTrue();
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.strings().withChars("abc.-_").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equals(".") && !s.equals("..") && !s.startsWith("!"));
    }

    @Property(tries = 1000)
    void ignoreFilesAlwaysParse(@ForAll String text) {
        DockerIgnore.parse(text);
    }
}
