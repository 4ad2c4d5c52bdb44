package dev.stagecraft.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Go's {@code time.ParseDuration}, as {@code prune --filter until=} takes it. */
class GoDurationsTest {
    @Test
    void parsesSingleAndCompoundUnits() {
        assertThat(GoDurations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(GoDurations.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDurations.parse("2h45m30.5s")).isEqualTo(Duration.ofSeconds(2 * 3600 + 45 * 60 + 30, 500_000_000));
        assertThat(GoDurations.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(GoDurations.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDurations.parse("10µs")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDurations.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(GoDurations.parse(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDurations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDurations.parse("-1m")).isEqualTo(Duration.ofMinutes(-1));
        assertThat(GoDurations.parse("+1m")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesWhatGoRefusesWithGosWords() {
        assertThatThrownBy(() -> GoDurations.parse("24")).hasMessage("time: missing unit in duration \"24\"");
        assertThatThrownBy(() -> GoDurations.parse("1d")).hasMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThatThrownBy(() -> GoDurations.parse("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> GoDurations.parse("h")).hasMessage("time: invalid duration \"h\"");
        assertThatThrownBy(() -> GoDurations.parse(".h")).hasMessage("time: invalid duration \".h\"");
        assertThatThrownBy(() -> GoDurations.parse("-")).hasMessage("time: invalid duration \"-\"");
        assertThatThrownBy(() -> GoDurations.parse("99999999999h")).hasMessage("time: invalid duration \"99999999999h\"");
    }

    @Property
    void anyTextParsesOrIsRefusedWithIllegalArgument(@ForAll String text) {
        try {
            GoDurations.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("time: ");
        }
    }
}
