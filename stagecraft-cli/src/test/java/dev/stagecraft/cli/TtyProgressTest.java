package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link TtyProgress} fed with events on a hand-moved clock, its output replayed on {@link AnsiScreen}. */
class TtyProgressTest {
    private static final long MS = 1_000_000L;
    private static final BuildStep BASE = new BuildStep("sha256:a", "[base 1/2] COPY busybox /bin/busybox");
    private static final BuildStep INSTALL = new BuildStep("sha256:b", "[base 2/2] RUN busybox --install");
    private static final BuildStep MAKE = new BuildStep("sha256:c", "[build 1/1] RUN make");

    private final StringWriter text = new StringWriter();
    private final long[] now = {1_000 * MS};
    private TtyProgress progress(int width, int height) {
        return new TtyProgress(new PrintWriter(text), () -> now[0], width, height);
    }

    private void at(long millis) {
        now[0] = 1_000 * MS + millis * MS;
    }

    private static void log(TtyProgress p, BuildStep step, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.stepLog(step, 1, b, 0, b.length);
    }

    private List<String> screen() {
        return AnsiScreen.replay(text.toString());
    }

    @Test
    void aRunningStepShowsItsLastSixLinesDimmedUnderIt() {
        TtyProgress p = progress(80, 40);
        p.stepCached(BASE);
        at(200);
        p.stepStarted(MAKE);
        at(2_500);
        for (int i = 1; i <= 8; i++) {
            log(p, MAKE, "line " + i + "\n");
        }
        log(p, MAKE, "partial");
        at(3_600);
        p.stepLog(MAKE, 2, new byte[0], 0, 0);
        assertThat(screen()).containsExactly(
                "[+] Building 3.6s (1/2)",
                right("=> CACHED [base 1/2] COPY busybox /bin/busybox", "0.0s"),
                right("=> [build 1/1] RUN make", "3.4s"),
                " => # line 3", " => # line 4", " => # line 5", " => # line 6", " => # line 7", " => # line 8");
        assertThat(text.toString()).contains("\u001b[2m => # line 8\u001b[0m");
    }

    /** {@code text}, then {@code time} ending at column 79 of 80. */
    private static String right(String text, String time) {
        return text + " ".repeat(79 - text.length() - time.length()) + time;
    }

    @Test
    void theFinalScreenHasEveryStepWithItsTimeAndASummary() {
        TtyProgress p = progress(80, 40);
        p.stepCached(BASE);
        p.stepCached(INSTALL);
        at(150);
        p.stepStarted(MAKE);
        at(400);
        log(p, MAKE, "compiling\nlinking\n");
        at(1_450);
        p.stepCompleted(MAKE, Duration.ofMillis(1_300));
        p.warning("base image has no platform");
        at(1_500);
        p.finish(false);
        List<String> screen = screen();
        assertThat(screen).hasSize(6);
        assertThat(screen.get(0)).isEqualTo("[+] Building 1.5s (3/3) FINISHED");
        assertThat(screen.get(1)).startsWith("=> CACHED [base 1/2] COPY busybox /bin/busybox ").endsWith(" 0.0s");
        assertThat(screen.get(2)).startsWith("=> CACHED [base 2/2] RUN busybox --install ").endsWith(" 0.0s");
        // the output collapsed when the step ended
        assertThat(screen.get(3)).startsWith("=> [build 1/1] RUN make ").endsWith(" 1.3s").hasSize(79);
        assertThat(screen.get(4)).isEqualTo("WARNING: base image has no platform");
        assertThat(screen.get(5)).isEqualTo("built in 1.5s: 1 step run, 2 cached");
    }

    @Test
    void aFailedStepKeepsItsOutputAndOthersShowCanceled() {
        TtyProgress p = progress(60, 40);
        p.stepStarted(INSTALL);
        p.stepStarted(MAKE);
        log(p, MAKE, "make: *** [all] Error 2\n");
        at(700);
        p.stepFailed(MAKE, "process \"make\" did not complete successfully: exit code: 2", false);
        p.stepFailed(INSTALL, "cancelled", true);
        p.cacheMisses(List.of(new CacheMiss(MAKE, "cache miss: command changed")));
        p.finish(true);
        assertThat(screen()).containsExactly(
                "[+] Building 0.7s (0/2) FINISHED",
                "=> CANCELED [base 2/2] RUN busybox --install" + " ".repeat(59 - 44 - 4) + "0.7s",
                "=> ERROR [build 1/1] RUN make" + " ".repeat(59 - 29 - 4) + "0.7s",
                " => # make: *** [all] Error 2",
                "[build 1/1] RUN make : cache miss: command changed",
                "failed after 0.7s: 0 steps run, 0 cached");
    }

    @Test
    void longLinesAreCutToTheWidthAndControlCharactersDropped() {
        TtyProgress p = progress(30, 40);
        BuildStep longStep = new BuildStep("sha256:d", "[build 1/1] RUN echo " + "x".repeat(100));
        p.stepStarted(longStep);
        log(p, longStep, "\u001b[31mred\u001b[0m " + "y".repeat(100) + "\n");
        log(p, longStep, "10%\r50%\r100%\n");
        at(200);
        p.stepLog(longStep, 1, new byte[0], 0, 0);
        List<String> screen = screen();
        assertThat(screen).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(29));
        assertThat(screen.get(1)).startsWith("=> [build 1/1] RUN ").endsWith(" 0.2s");
        assertThat(screen.get(2)).startsWith(" => # [31mred[0m yyy").hasSize(29);
        assertThat(screen.get(3)).isEqualTo(" => # 100%");
    }

    @Test
    void eventsRedrawAtMostTenTimesASecond() {
        TtyProgress p = progress(80, 40);
        p.stepStarted(MAKE);
        for (int i = 0; i < 50; i++) {
            at(i * 10);
            log(p, MAKE, "line " + i + "\n");
        }
        // 0..490 ms: frames at 0, 100, 200, 300 and 400 ms
        assertThat(frames()).isEqualTo(5);
        assertThat(screen()).contains(" => # line 40").doesNotContain(" => # line 49");
        p.finish(false);
        assertThat(frames()).isEqualTo(6);
    }

    private int frames() {
        Matcher m = Pattern.compile("\\[\\+\\] Building").matcher(text.toString());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void whileRunningTheFrameFitsTheTerminalAndTheEndShowsEveryStep() {
        TtyProgress p = progress(80, 6);
        for (int i = 1; i <= 8; i++) {
            at(i * 200);
            p.stepCached(new BuildStep("sha256:" + i, "[s " + i + "/8] RUN step-" + i));
        }
        List<String> live = screen();
        assertThat(live).hasSize(5);
        assertThat(live.get(0)).startsWith("[+] Building 1.6s (8/8)");
        assertThat(live.get(4)).startsWith("=> CACHED [s 8/8] RUN step-8");
        p.finish(false);
        List<String> last = screen();
        assertThat(last).hasSize(10);
        for (int i = 1; i <= 8; i++) {
            assertThat(last.get(i)).startsWith("=> CACHED [s " + i + "/8] RUN step-" + i + " ");
        }
        assertThat(last.get(9)).isEqualTo("built in 1.6s: 0 steps run, 8 cached");
    }

    @Test
    void finishingBeforeAnyStepDrawsNothing() {
        TtyProgress p = progress(80, 24);
        p.finish(true);
        assertThat(text.toString()).isEmpty();
    }
}
