package dev.stagecraft.dockerfile.instruction;

import static dev.stagecraft.dockerfile.instruction.Dockerfiles.assertParseError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.dockerfile.DockerfileException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error the instruction layer raises, with BuildKit's full text and the line number. */
class InstructionErrorsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                // FROM
                error("FROM a b", 1, "FROM requires either one or three arguments"),
                error("FROM a AS b c", 1, "FROM requires either one or three arguments"),
                error("FROM a AS 1st", 1,
                        "invalid name for build stage: \"1st\", name can't start with a number or contain symbols"),
                error("FROM a AS Bad$Name", 1, "invalid name for build stage: \"Bad$Name\", "
                        + "name can't start with a number or contain symbols"),
                error("FROM --plaform=linux/amd64 alpine", 1, "unknown flag: --plaform (did you mean platform?)"),
                error("FROM --platform alpine", 1, "missing a value on flag: --platform"),
                // unknown instructions, suggestions follow the input's case
                error("FROM a\nRUNN x", 2, "unknown instruction: RUNN (did you mean RUN?)"),
                error("FROM a\nrunn x", 2, "unknown instruction: runn (did you mean run?)"),
                error("FROM a\nFOO x", 2, "unknown instruction: FOO (did you mean FROM?)"),
                error("FROM a\nFOOBAR x", 2, "unknown instruction: FOOBAR"),
                // flag rules
                error("FROM a\nCOPY --from=a --from=b x y", 2, "duplicate flag specified: --from"),
                error("FROM a\nCOPY --chown x y", 2, "missing a value on flag: --chown"),
                error("FROM a\nCOPY --link= x y", 2, "missing a value on flag: --link"),
                error("FROM a\nCOPY --link=yes x y", 2, "expecting boolean value for flag --link, not: yes"),
                error("FROM a\nCOPY --form=b x y", 2, "unknown flag: --form (did you mean from?)"),
                error("FROM a\nRUN --mont=type=cache x", 2, "unknown flag: --mont (did you mean mount?)"),
                error("FROM a\nCMD --x echo", 2, "unknown flag: --x"),
                error("FROM a\nENV --x a=b", 2, "unknown flag: --x"),
                error("FROM a\nONBUILD --x RUN y", 2, "unknown flag: --x"),
                error("FROM a\nADD --keep-git-dir=maybe x y", 2,
                        "expecting boolean value for flag --keep-git-dir, not: maybe"),
                // argument counts
                error("FROM a\nMAINTAINER", 2, "MAINTAINER requires exactly one argument"),
                error("FROM a\nWORKDIR", 2, "WORKDIR requires exactly one argument"),
                error("FROM a\nUSER", 2, "USER requires exactly one argument"),
                error("FROM a\nSTOPSIGNAL", 2, "STOPSIGNAL requires exactly one argument"),
                error("FROM a\nENV", 2, "ENV requires at least one argument"),
                error("FROM a\nLABEL", 2, "LABEL requires at least one argument"),
                error("FROM a\nONBUILD", 2, "ONBUILD requires at least one argument"),
                error("FROM a\nHEALTHCHECK", 2, "HEALTHCHECK requires at least one argument"),
                error("FROM a\nEXPOSE", 2, "EXPOSE requires at least one argument"),
                error("FROM a\nVOLUME", 2, "VOLUME requires at least one argument"),
                error("ARG", 1, "ARG requires at least one argument"),
                error("FROM a\nSHELL", 2, "SHELL requires at least one argument"),
                error("FROM a\nSHELL []", 2, "SHELL requires at least one argument"),
                error("FROM a\nCOPY x", 2, "COPY requires at least two arguments, but only one was provided. "
                        + "Destination could not be determined"),
                error("FROM a\nADD x", 2, "ADD requires at least two arguments, but only one was provided. "
                        + "Destination could not be determined"),
                // blank names
                error("FROM a\nENV =b", 2, "ENV names can not be blank"),
                error("FROM a\nLABEL =b", 2, "LABEL names can not be blank"),
                error("FROM a\nARG =b", 2, "ARG names can not be blank"),
                // SHELL, VOLUME
                error("FROM a\nSHELL /bin/bash -c", 2, "SHELL requires the arguments to be in JSON form"),
                error("FROM a\nVOLUME [\"/a\", \" \"]", 2, "VOLUME specified can not be an empty string"),
                // ONBUILD
                error("FROM a\nONBUILD ONBUILD RUN x", 2, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                error("FROM a\nONBUILD from b", 2, "FROM isn't allowed as an ONBUILD trigger"),
                error("FROM a\nONBUILD MAINTAINER me", 2, "MAINTAINER isn't allowed as an ONBUILD trigger"),
                // HEALTHCHECK
                error("FROM a\nHEALTHCHECK NONE x", 2, "HEALTHCHECK NONE takes no arguments"),
                error("FROM a\nHEALTHCHECK CMD", 2, "Missing command after HEALTHCHECK CMD"),
                error("FROM a\nHEALTHCHECK foo x", 2, "Unknown type \"FOO\" in HEALTHCHECK (try CMD)"),
                error("FROM a\nHEALTHCHECK --interval=1us CMD x", 2, "Interval \"interval\" cannot be less than 1ms"),
                error("FROM a\nHEALTHCHECK --timeout=-1s CMD x", 2, "Interval \"timeout\" cannot be less than 1ms"),
                error("FROM a\nHEALTHCHECK --start-period=10 CMD x", 2,
                        "time: missing unit in duration \"10\""),
                error("FROM a\nHEALTHCHECK --start-interval=1d CMD x", 2,
                        "time: unknown unit \"d\" in duration \"1d\""),
                error("FROM a\nHEALTHCHECK --interval=x CMD x", 2, "time: invalid duration \"x\""),
                error("FROM a\nHEALTHCHECK --retries=-1 CMD x", 2, "--retries cannot be negative (-1)"),
                error("FROM a\nHEALTHCHECK --retries=x CMD x", 2,
                        "strconv.ParseInt: parsing \"x\": invalid syntax"),
                error("FROM a\nHEALTHCHECK --retries=99999999999 CMD x", 2,
                        "strconv.ParseInt: parsing \"99999999999\": value out of range"),
                // RUN
                error("FROM a\nRUN --network=bridge x", 2, "invalid network mode \"bridge\""),
                error("FROM a\nRUN --security=privileged x", 2, "security \"privileged\" is not valid"),
                error("FROM a\nRUN --mount=from=$STAGE,target=/x x", 2,
                        "'from' doesn't support variable expansion, define alias stage instead"),
                error("FROM a\nRUN --mount=type=bind,src=a\\\"b x", 2,
                        "failed to parse csv mounts: parse error on line 1, column 16: "
                                + "bare \" in non-quoted-field"));
    }

    private static Arguments error(String dockerfile, int line, String reason) {
        return Arguments.of(reason, dockerfile, line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsBuildKitsMessage(String reason, String dockerfile, int line) {
        assertParseError(dockerfile, line, reason);
    }

    @Test
    void instructionBeforeFromHasOnlyALocation() {
        DockerfileException e = Dockerfiles.error("ARG x\n\nRUN echo\nFROM a");
        assertThat(e.getMessage()).isEqualTo("no build stage in current context");
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.startLine()).isEqualTo(3));
    }

    @Test
    void errorsInsideTheInstructionComeBeforeTheMissingStage() {
        assertParseError("COPY x", 1, "COPY requires at least two arguments, but only one was provided. "
                + "Destination could not be determined");
    }

    @Test
    void theFirstBadInstructionWins() {
        assertParseError("FROM a\n\nUSER\nFROM b c\n", 3, "USER requires exactly one argument");
    }

    @Test
    void lineNumberIsWhereAContinuedInstructionStarts() {
        assertParseError("FROM a\nRUN --network=x \\\n  echo \\\n  hi\n", 2, "invalid network mode \"x\"");
    }
}
