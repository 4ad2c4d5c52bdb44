package dev.stagecraft.dockerfile.instruction;

import java.util.List;

/** The Dockerfile instruction keywords, upper-case, in alphabetical order. */
final class Keywords {
    static final List<String> ALL = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");

    private Keywords() {
    }
}
