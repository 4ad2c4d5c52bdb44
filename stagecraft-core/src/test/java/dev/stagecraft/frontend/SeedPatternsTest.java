package dev.stagecraft.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedPatternsTest {
    static FrontendResult convert(String dockerfile, FrontendOptions options) {
        return DockerfileFrontend.convert(dockerfile.getBytes(StandardCharsets.UTF_8), options, TestImages.resolver());
    }

    static FrontendResult convert(String dockerfile) {
        return convert(dockerfile, FrontendOptions.defaults());
    }

    @Test
    void smoke() {
        FrontendResult r = convert("""
                FROM golang:1.22 AS build
                WORKDIR /src
                COPY . .
                RUN go build -o /out/app ./cmd/app
                FROM alpine:3.19
                COPY --from=build /out/app /usr/local/bin/app
                ENTRYPOINT ["app"]
                """);
        r.stages().forEach(s -> {
            System.out.println(s.displayName() + " " + s.base());
            s.steps().forEach(st -> System.out.println("   " + st.text()));
            System.out.println(s.image().toPrettyJson());
        });
        assertThat(r.stages()).hasSize(2);
    }
}
