package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --progress} values and the terminal check behind {@code auto}. */
class ProgressModeTest {
    @Test
    void explicitModesStandAndOthersAreRefusedByName() {
        for (String mode : new String[] {"tty", "plain", "rawjson", "quiet"}) {
            assertThat(BuildCommand.progressMode(mode)).isEqualTo(mode);
        }
        assertThatThrownBy(() -> BuildCommand.progressMode("fancy")).isInstanceOf(StagecraftException.class)
                .hasMessage("invalid --progress fancy: auto, tty, plain, rawjson or quiet");
    }

    @Test
    void withoutAUsableTermNothingIsInteractive() {
        assertThat(Tty.stderrIsInteractive(Map.of())).isFalse();
        assertThat(Tty.stderrIsInteractive(Map.of("TERM", "dumb"))).isFalse();
        assertThat(Tty.stderrIsInteractive(Map.of("TERM", " "))).isFalse();
    }

    @Test
    void theSizeFallsBackOnColumnsAndLinesThenEightyByTwentyFour() {
        // Under the test runner stderr is a pipe or a file: no device to ask.
        assertThat(Tty.stderrDevice()).isNull();
        assertThat(Tty.stderrSize(Map.of("COLUMNS", "132", "LINES", "50"))).isEqualTo(new Tty.Size(132, 50));
        assertThat(Tty.stderrSize(Map.of("COLUMNS", "wide", "LINES", "0"))).isEqualTo(new Tty.Size(80, 24));
    }

    @Test
    void aFileIsNoTerminal() {
        // fd 0 of the forked test JVM is a pipe from the runner
        assertThat(Tty.device(0)).isNull();
        assertThat(Tty.device(999)).isNull();
    }
}
