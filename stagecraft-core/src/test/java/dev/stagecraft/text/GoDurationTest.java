package dev.stagecraft.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoSyntax() {
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("-0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
        assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse(".5ms")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(GoDuration.parse("3.s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("10\u00b5s")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(GoDuration.parse("+2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(GoDuration.parse("-2m")).isEqualTo(Duration.ofMinutes(-2));
        assertThat(GoDuration.parse("2562047h47m16.854775807s")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> GoDuration.parse("s")).hasMessage("time: invalid duration \"s\"");
        assertThatThrownBy(() -> GoDuration.parse(".s")).hasMessage("time: invalid duration \".s\"");
        assertThatThrownBy(() -> GoDuration.parse("5")).hasMessage("time: missing unit in duration \"5\"");
        assertThatThrownBy(() -> GoDuration.parse("5x")).hasMessage("time: unknown unit \"x\" in duration \"5x\"");
        assertThatThrownBy(() -> GoDuration.parse("9999999999h"))
                .hasMessage("time: invalid duration \"9999999999h\"");
    }

    @Test
    void parsesWhatPruneFiltersUse() {
        assertThat(GoDuration.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(GoDuration.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> GoDuration.parse("1d")).hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    }

    @Property
    void anyTextParsesOrIsRefusedWithGosWords(@ForAll String text) {
        try {
            GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("time: ");
        }
    }
}
