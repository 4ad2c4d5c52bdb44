package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.image;
import static dev.stagecraft.frontend.Fixtures.ownEmptyFlags;
import static dev.stagecraft.frontend.Fixtures.ownHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.image.History;
import dev.stagecraft.image.ImageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** History entries: created_by text and empty_layer flag per instruction (reference §7.3). */
class HistoryTest {

    @Test
    void everyInstructionWritesItsEntry() {
        ImageConfig img = image(convert("""
                FROM alpine:3.19
                ARG A=1 B
                ENV E=x F="y z"
                LABEL l=v
                USER app
                WORKDIR /w
                WORKDIR /
                EXPOSE 80 53/udp
                VOLUME /v1 /v2
                STOPSIGNAL SIGTERM
                SHELL ["/bin/bash", "-c"]
                HEALTHCHECK --interval=5s CMD curl x
                MAINTAINER me
                ONBUILD RUN x
                CMD echo "hi"
                ENTRYPOINT ["/init"]
                RUN echo $A
                COPY --chown=1:2 a /b
                ADD --chmod=755 https://example.com/f.tgz /opt/
                """));
        assertThat(ownHistory(img)).containsExactly(
                "ARG A=1 B",
                "ENV E=x F=y z",
                "LABEL l=v",
                "USER app",
                "WORKDIR /w",
                "WORKDIR /",
                // The parser sorts the raw words (instructions.parseExpose), so 53/udp comes first.
                "EXPOSE [53/udp 80/tcp]",
                "VOLUME [/v1 /v2]",
                "STOPSIGNAL SIGTERM",
                "SHELL [/bin/bash -c]",
                "HEALTHCHECK {Test:[CMD-SHELL curl x] Interval:5s Timeout:0s StartPeriod:0s StartInterval:0s Retries:0}",
                "MAINTAINER me",
                "CMD [\"/bin/bash\" \"-c\" \"echo \\\"hi\\\"\"]",
                "ENTRYPOINT [\"/init\"]",
                "RUN |2 A=1 B= /bin/bash -c echo $A # buildkit",
                "COPY --chown=1:2 a /b # buildkit",
                "ADD --chmod=755 https://example.com/f.tgz /opt/ # buildkit");
        assertThat(ownEmptyFlags(img)).containsExactly(true, true, true, true, false, true, true, true, true, true,
                true, true, true, true, false, false, false);
    }

    @Test
    void baseHistoryComesFirstUnchanged() {
        ImageConfig img = image(convert("FROM alpine:3.19\nENV A=1\n"));
        assertThat(img.history()).containsExactly(
                new History("2024-01-01T00:00:00Z", "ADD rootfs.tar /", null, null, false),
                new History(null, "ENV A=1", null, "buildkit.dockerfile.v0", true));
        assertThat(img.created()).isNull();
    }

    @Test
    void healthcheckNoneAndLongDurations() {
        assertThat(ownHistory(image(convert("FROM scratch\nHEALTHCHECK NONE\n")))).containsExactly(
                "HEALTHCHECK {Test:[NONE] Interval:0s Timeout:0s StartPeriod:0s StartInterval:0s Retries:0}");
        assertThat(ownHistory(image(convert(
                "FROM scratch\nHEALTHCHECK --interval=1h30m --timeout=1.5s --start-interval=250ms --retries=2 "
                        + "CMD [\"/hc\", \"a b\"]\n")))).containsExactly(
                "HEALTHCHECK {Test:[CMD /hc a b] Interval:1h30m0s Timeout:1.5s StartPeriod:0s StartInterval:250ms"
                        + " Retries:2}");
    }

    @Test
    void workdirEntryUsesTheNormalisedExpandedPath() {
        ImageConfig img = image(convert("FROM scratch\nENV P=/p\nWORKDIR $P/q/../r\nWORKDIR s\n"));
        assertThat(ownHistory(img)).containsExactly("ENV P=/p", "WORKDIR /p/r", "WORKDIR /p/r/s");
        assertThat(ownEmptyFlags(img)).containsExactly(true, false, false);
    }

    @Test
    void runPrefixListsDeclaredArgsWithCurrentValues() {
        ImageConfig img = image(convert("""
                FROM alpine:3.19
                ARG V=1
                RUN a
                ARG V=2
                RUN b
                ENV V=9
                RUN c
                RUN ["echo", "a b"]
                """));
        assertThat(ownHistory(img)).containsExactly("ARG V=1", "RUN |1 V=1 /bin/sh -c a # buildkit", "ARG V=2",
                "RUN |1 V=2 /bin/sh -c b # buildkit", "ENV V=9", "RUN |1 V=9 /bin/sh -c c # buildkit",
                "RUN |1 V=9 echo a b # buildkit");
    }

    @Test
    void runPrefixIncludesArgsInheritedFromTheParentStage() {
        FrontendResult r = convert("""
                ARG G=global
                FROM alpine:3.19 AS base
                ARG V=1
                FROM base
                ARG W=2
                ARG G
                ARG V=3
                RUN x
                """);
        List<String> h = ownHistory(image(r));
        assertThat(h.get(h.size() - 1)).isEqualTo("RUN |3 V=3 W=2 G=global /bin/sh -c x # buildkit");
    }

    @Test
    void runPrefixUsesBuildArgValues() {
        ImageConfig img = image(convert("FROM alpine:3.19\nARG V=1\nRUN x\n", Fixtures.withArgs(Map.of("V", "b v"))));
        assertThat(ownHistory(img)).containsExactly("ARG V=b v", "RUN |1 V=b v /bin/sh -c x # buildkit");
    }

    @Test
    void runWithoutArgsHasNoPrefix() {
        ImageConfig img = image(convert("ARG G=1\nFROM alpine:3.19\nRUN echo $G\n"));
        assertThat(ownHistory(img)).containsExactly("RUN /bin/sh -c echo $G # buildkit");
    }

    @Test
    void copyShowsParentsChownChmodButNotFromLinkOrExclude() {
        ImageConfig img = image(convert("""
                FROM alpine:3.19 AS build
                FROM alpine:3.19
                ARG U=app
                ENV D=/dst
                COPY --from=build --link --chmod=644 --exclude=*.md a b /d/
                COPY --parents --chown=u:g x/./y /d/
                COPY --link a /l
                COPY --chown=$U a $D
                ADD --link --exclude=x --keep-git-dir https://github.com/a/b.git /src
                ADD --checksum=sha256:%s https://example.com/f /f
                """.formatted("0".repeat(64))));
        assertThat(ownHistory(img)).containsExactly(
                "ARG U=app",
                "ENV D=/dst",
                "COPY --chmod=644 a b /d/ # buildkit",
                "COPY --parents --chown=u:g x/./y /d/ # buildkit",
                "COPY a /l # buildkit",
                "COPY --chown=app a /dst # buildkit",
                "ADD https://github.com/a/b.git /src # buildkit",
                "ADD https://example.com/f /f # buildkit");
        assertThat(ownEmptyFlags(img)).containsExactly(true, true, false, false, false, false, false, false);
    }

    @Test
    void heredocSourcesAreShownByName() {
        ImageConfig img = image(convert("""
                FROM alpine:3.19
                COPY <<EOF <<-"EOT" /dst/
                one
                EOF
                \ttwo
                \tEOT
                COPY a <<EOF /d/
                x
                EOF
                """));
        assertThat(ownHistory(img)).containsExactly("COPY <<EOF <<EOT /dst/ # buildkit",
                "COPY a <<EOF /d/ # buildkit");
    }

    @Test
    void onbuildWritesNoEntry() {
        assertThat(ownHistory(image(convert("FROM scratch\nONBUILD RUN x\n")))).isEmpty();
    }

    @Test
    void triggersRecordWhatTheyRan() {
        ImageConfig img = image(convert("FROM example/onbuild:1\nRUN own\n"));
        assertThat(ownHistory(img)).containsExactly("COPY . /app/src # buildkit",
                "RUN /bin/sh -c make -C /app/src # buildkit", "RUN /bin/sh -c own # buildkit");
    }
}
