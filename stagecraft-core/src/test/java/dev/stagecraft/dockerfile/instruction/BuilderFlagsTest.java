package dev.stagecraft.dockerfile.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuilderFlagsTest {

    @Test
    void parsesEveryKind() {
        BuilderFlags flags = new BuilderFlags(List.of("--link", "--name=a=b", "--x=1", "--x=2", "--off=FALSE"));
        BuilderFlags.Flag link = flags.addBool("link", false);
        BuilderFlags.Flag off = flags.addBool("off", true);
        BuilderFlags.Flag name = flags.addString("name", "default");
        BuilderFlags.Flag xs = flags.addStrings("x");
        BuilderFlags.Flag unused = flags.addString("unused", "dflt");
        flags.parse();
        assertThat(link.isTrue()).isTrue();
        assertThat(off.isTrue()).isFalse();
        assertThat(name.value()).isEqualTo("a=b");
        assertThat(xs.values()).containsExactly("1", "2");
        assertThat(unused.value()).isEqualTo("dflt");
        assertThat(flags.isUsed("link")).isTrue();
        assertThat(flags.isUsed("unused")).isFalse();
        assertThat(flags.usedNames()).containsExactly("link", "name", "x", "off");
    }

    @Test
    void doubleDashEndsTheFlags() {
        BuilderFlags flags = new BuilderFlags(List.of("--a=1", "--", "--unknown"));
        BuilderFlags.Flag a = flags.addString("a", "");
        flags.parse();
        assertThat(a.value()).isEqualTo("1");
    }

    @Test
    void emptyStringValueIsAllowed() {
        BuilderFlags flags = new BuilderFlags(List.of("--from="));
        BuilderFlags.Flag from = flags.addString("from", "");
        flags.parse();
        assertThat(from.valueOrNull()).isNull();
    }

    @Test
    void errors() {
        assertFails(List.of("--mont=x"), "unknown flag: --mont (did you mean mount?)");
        assertFails(List.of("--Mount=x"), "unknown flag: --Mount (did you mean mount?)");
        assertFails(List.of("--zzzzzz"), "unknown flag: --zzzzzz");
        assertFails(List.of("--str=1", "--str=2"), "duplicate flag specified: --str");
        assertFails(List.of("--str"), "missing a value on flag: --str");
        assertFails(List.of("--mount"), "missing a value on flag: --mount");
        assertFails(List.of("--bool="), "missing a value on flag: --bool");
        assertFails(List.of("--bool=1"), "expecting boolean value for flag --bool, not: 1");
        assertFails(List.of("-x"), "arg should start with -- : -x");
    }

    private static void assertFails(List<String> args, String message) {
        BuilderFlags flags = new BuilderFlags(args);
        flags.addStrings("mount");
        flags.addString("str", "");
        flags.addBool("bool", false);
        assertThatThrownBy(flags::parse).isInstanceOf(DockerfileException.class).hasMessage(message);
    }
}
