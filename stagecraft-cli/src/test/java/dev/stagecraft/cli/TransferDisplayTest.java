package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.api.TransferProgress.Event;
import dev.stagecraft.api.TransferProgress.Status;
import dev.stagecraft.cli.TransferDisplay.Direction;
import dev.stagecraft.cli.TransferDisplay.Screen;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress lines as a pure function of the events, no terminal needed. */
class TransferDisplayTest {
    private static final String A = "sha256:a1b2c3d4e5f6" + "0".repeat(52);
    private static final String B = "sha256:b1b2c3d4e5f6" + "1".repeat(52);
    private static final String CONFIG = "sha256:c0c0c0c0c0c0" + "2".repeat(52);

    private static Event layer(String digest, Status status, long current, long total) {
        return new Event(digest, true, status, current, total, "");
    }

    @Test
    void aPullShowsOneLinePerLayerInOrderOfFirstAppearance() {
        List<String> lines = Screen.render(Direction.PULL, List.of(
                layer(A, Status.WAITING, 0, 45_600_000),
                layer(B, Status.WAITING, 0, 1_000),
                new Event(CONFIG, false, Status.WAITING, 0, 500, ""),
                layer(A, Status.DOWNLOADING, 12_300_000, 45_600_000)));
        assertThat(lines).containsExactly(
                "a1b2c3d4e5f6: Downloading [=============>                                    ] 12.3MB/45.6MB",
                "b1b2c3d4e5f6: Pulling fs layer");
    }

    @Test
    void aFinishedPullSaysPullCompleteOrAlreadyExists() {
        List<String> lines = Screen.render(Direction.PULL, List.of(
                layer(A, Status.WAITING, 0, 2_000),
                layer(B, Status.ALREADY_EXISTS, 0, 1_000),
                layer(A, Status.DOWNLOADING, 2_000, 2_000),
                layer(A, Status.VERIFYING, 2_000, 2_000),
                layer(A, Status.DONE, 2_000, 2_000)));
        assertThat(lines).containsExactly("a1b2c3d4e5f6: Pull complete", "b1b2c3d4e5f6: Already exists");
    }

    @Test
    void aPushSaysPushedLayerAlreadyExistsOrMountedFrom() {
        List<String> lines = Screen.render(Direction.PUSH, List.of(
                layer(A, Status.WAITING, 0, 2_000),
                layer(B, Status.WAITING, 0, 1_000),
                layer(A, Status.UPLOADING, 1_000, 2_000),
                layer(B, Status.ALREADY_EXISTS, 0, 1_000)));
        assertThat(lines).containsExactly(
                "a1b2c3d4e5f6: Pushing [=========================>                        ] 1kB/2kB",
                "b1b2c3d4e5f6: Layer already exists");
        String c = "sha256:0123456789ab" + "3".repeat(52);
        assertThat(Screen.render(Direction.PUSH, List.of(layer(A, Status.UPLOADING, 2_000, 2_000),
                layer(A, Status.PUSHED, 2_000, 2_000), new Event(c, true, Status.MOUNTED, 0, 9, "library/x"))))
                .containsExactly("a1b2c3d4e5f6: Pushed", "0123456789ab: Mounted from library/x");
    }

    @Test
    void theBarIsFiftyWideAndClampsWhatDoesNotFit() {
        assertThat(Screen.bar(0, 100)).isEqualTo("[>" + " ".repeat(49) + "] 0B/100B");
        assertThat(Screen.bar(100, 100)).isEqualTo("[" + "=".repeat(50) + "] 100B/100B");
        assertThat(Screen.bar(150, 100)).isEqualTo("[" + "=".repeat(50) + "] 100B/100B");
        assertThat(Screen.bar(1_234, -1)).isEqualTo("1.23kB");
    }

    @Test
    void repeatedEventsChangeNothing() {
        Screen screen = new Screen(Direction.PULL);
        assertThat(screen.apply(layer(A, Status.WAITING, 0, 10))).isTrue();
        assertThat(screen.apply(layer(A, Status.WAITING, 0, 10))).isFalse();
        assertThat(screen.apply(new Event(CONFIG, false, Status.DONE, 5, 5, ""))).isFalse();
    }

    @Test
    void theDisplayRedrawsItsLinesInPlaceAtMostTenTimesASecond() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        TransferDisplay display = new TransferDisplay(new PrintWriter(text), Direction.PULL, clock::get);
        display.onEvent(layer(A, Status.WAITING, 0, 10));
        assertThat(text.toString()).isEqualTo("\r\u001b[2Ka1b2c3d4e5f6: Pulling fs layer\n");
        // Within 100 ms of the last drawing: nothing is drawn.
        clock.set(99_000_000L);
        display.onEvent(layer(B, Status.WAITING, 0, 10));
        display.onEvent(layer(A, Status.DONE, 10, 10));
        assertThat(text.toString()).isEqualTo("\r\u001b[2Ka1b2c3d4e5f6: Pulling fs layer\n");
        clock.set(100_000_000L);
        display.onEvent(layer(B, Status.DONE, 10, 10));
        String second = "\u001b[1A\r\u001b[2Ka1b2c3d4e5f6: Pull complete\n\r\u001b[2Kb1b2c3d4e5f6: Pull complete\n";
        assertThat(text.toString()).isEqualTo("\r\u001b[2Ka1b2c3d4e5f6: Pulling fs layer\n" + second);
        // The final drawing moves up over both lines and rewrites them.
        display.finish();
        assertThat(text.toString()).endsWith(second + second.replace("[1A", "[2A"));
    }
}
