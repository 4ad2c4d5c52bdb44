package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.digests;
import static dev.stagecraft.frontend.Fixtures.withArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What changes a vertex definition and what does not (reference §8). */
class DefinitionDigestTest {
    private static final String BASE = """
            FROM golang:1.22 AS build
            WORKDIR /src
            COPY . .
            RUN go build -o /out/app
            FROM alpine:3.19
            RUN apk add ca-certificates
            ARG VERSION=1
            RUN echo $VERSION > /version
            COPY --from=build /out/app /app
            """;

    @Test
    void identicalDockerfilesGiveIdenticalDigests() {
        assertThat(digests(convert(BASE))).isEqualTo(digests(convert(BASE))).hasSize(8);
    }

    @Test
    void metadataInstructionsCommentsAndStageNamesDoNotChangeAnyVertex() {
        String decorated = """
                # syntax notes
                FROM golang:1.22 AS builder
                LABEL stage=build
                WORKDIR /src
                EXPOSE 8080
                COPY . .
                RUN go build -o /out/app
                FROM alpine:3.19
                MAINTAINER someone
                RUN apk add ca-certificates
                ARG VERSION=1
                HEALTHCHECK CMD true
                RUN echo $VERSION > /version
                STOPSIGNAL SIGINT
                VOLUME /data
                COPY --from=builder /out/app /app
                CMD ["/app"]
                ENTRYPOINT ["/init"]
                ONBUILD RUN never
                """;
        assertThat(digests(convert(decorated))).isEqualTo(digests(convert(BASE)));
    }

    @Test
    void anArgValueChangesOnlyTheRunsAfterItAndWhatBuildsOnThem() {
        List<String> one = digests(convert(BASE));
        List<String> two = digests(convert(BASE, withArgs(Map.of("VERSION", "2"))));
        // build stage (FROM, WORKDIR, COPY, RUN) and the final FROM and first RUN are unchanged.
        assertThat(two.subList(0, 6)).isEqualTo(one.subList(0, 6));
        assertThat(two.get(6)).isNotEqualTo(one.get(6));
        // The final COPY sits on the changed RUN, so it changes too.
        assertThat(two.get(7)).isNotEqualTo(one.get(7));
    }

    @Test
    void anArgChangesLaterRunsEvenWhenTheCommandDoesNotUseIt() {
        String df = "FROM alpine:3.19\nARG V=1\nRUN true\n";
        assertThat(convert(df).targetStage().result().digest())
                .isNotEqualTo(convert(df, withArgs(Map.of("V", "2"))).targetStage().result().digest());
    }

    @Test
    void undeclaredBuildArgsChangeNothing() {
        assertThat(digests(convert(BASE, withArgs(Map.of("OTHER", "x"))))).isEqualTo(digests(convert(BASE)));
    }

    @Test
    void proxyArgsChangeNothing() {
        assertThat(digests(convert(BASE, withArgs(Map.of("HTTP_PROXY", "http://p:3128", "no_proxy", "x")))))
                .isEqualTo(digests(convert(BASE)));
    }

    @Test
    void userAndEnvDoChangeLaterRuns() {
        String df = "FROM alpine:3.19\nRUN true\n";
        String withUser = "FROM alpine:3.19\nUSER app\nRUN true\n";
        String withEnv = "FROM alpine:3.19\nENV A=1\nRUN true\n";
        String base = convert(df).targetStage().result().digest();
        assertThat(convert(withUser).targetStage().result().digest()).isNotEqualTo(base);
        assertThat(convert(withEnv).targetStage().result().digest()).isNotEqualTo(base);
    }
}
