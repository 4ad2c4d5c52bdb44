package dev.stagecraft.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flags and the per-instruction argument shapes. */
class ArgumentParsersTest {

    private static Node only(String dockerfile) {
        return DockerfileParser.parse(dockerfile).instructions().get(0);
    }

    private static String dump(String dockerfile) {
        return AstDump.dump(DockerfileParser.parse(dockerfile));
    }

    @Test
    void envLegacyFormTakesTheRestOfTheLineVerbatim() {
        assertThat(only("ENV A b  \"c d\" \\e\n").args()).containsExactly("A", "b  \"c d\" \\e", "");
    }

    @Test
    void envKeyValueFormKeepsQuotesAndEscapes() {
        Node env = only("ENV a=\"x y\" b=c\\ d e= f='g h'=i\n");

        assertThat(env.args()).containsExactly("a", "\"x y\"", "=", "b", "c\\ d", "=", "e", "", "=", "f",
                "'g h'=i", "=");
    }

    @Test
    void envWordWithoutEqualsIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nENV a=1 \\\n  b\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Syntax error - can't find = in \"b\". Must be of the form: name=value")
                .extracting(e -> ((DockerfileException) e).location())
                .isEqualTo(Optional.of(new SourceRange(2, 3)));
    }

    @Test
    void nameWithoutValueIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("LABEL foo\n")).hasMessage("LABEL must have two arguments");
        assertThatThrownBy(() -> DockerfileParser.parse("env PATH\n")).hasMessage("ENV must have two arguments");
    }

    @Test
    void envWithoutArgumentsParses() {
        assertThat(only("ENV\n").args()).isEmpty();
    }

    @Test
    void argSplitsShellWordsKeepingQuotes() {
        assertThat(only("ARG a b=c \"d=e f\" g=\"h i\" 'j k'\n").args())
                .containsExactly("a", "b=c", "\"d=e f\"", "g=\"h i\"", "'j k'");
    }

    @Test
    void argWordsHonourTheFileEscapeCharacter() {
        assertThat(DockerfileParser.parse("# escape=`\nARG a=b`\" c\\ d\n").instructions().get(0).args())
                .containsExactly("a=b`\"", "c\\", "d");
    }

    @Test
    void healthcheckTypeWordThenCommand() {
        Node shell = only("HEALTHCHECK --interval=5s CMD  curl -f x\n");
        Node json = only("HEALTHCHECK CMD [\"curl\", \"-f\"]\n");

        assertThat(shell.flags()).containsExactly("--interval=5s");
        assertThat(shell.args()).containsExactly("CMD", "curl -f x");
        assertThat(shell.json()).isFalse();
        assertThat(json.args()).containsExactly("CMD", "curl", "-f");
        assertThat(json.json()).isTrue();
        assertThat(only("HEALTHCHECK NONE\n").args()).containsExactly("NONE");
    }

    @Test
    void jsonFormGivesOneArgumentPerElement() {
        Node cmd = only("CMD [\"a\", \"b c\", \"\\u00e9\\/\"]\n");

        assertThat(cmd.args()).containsExactly("a", "b c", "é/");
        assertThat(cmd.json()).isTrue();
        assertThat(only("ENTRYPOINT []\n").args()).isEmpty();
        assertThat(only("ENTRYPOINT []\n").json()).isTrue();
    }

    @Test
    void invalidJsonFallsBackToShellForm() {
        assertThat(only("CMD ['a', 'b']\n").args()).containsExactly("['a', 'b']");
        assertThat(only("CMD [\"a\"] x\n").args()).containsExactly("[\"a\"] x");
        assertThat(only("CMD [\"a\"\n").args()).containsExactly("[\"a\"");
        assertThat(only("CMD [\"a\",]\n").json()).isFalse();
        assertThat(only("COPY [\"a b\" c\n").args()).containsExactly("[\"a", "b\"", "c");
    }

    @Test
    void jsonArrayOfNonStringsIsAnError() {
        for (String array : new String[] {"[\"a\",42]", "[\"a\",{}]", "[[\"c\"]]", "[true]", "[null]"}) {
            assertThatThrownBy(() -> DockerfileParser.parse("COPY " + array + "\n")).as(array)
                    .isInstanceOf(DockerfileException.class)
                    .hasMessage("when using JSON array syntax, arrays must be comprised of strings only");
        }
        assertThatThrownBy(() -> DockerfileParser.parse("RUN [1]\n"))
                .hasMessage("when using JSON array syntax, arrays must be comprised of strings only");
    }

    @Test
    void copyShellFormSplitsOnBlanksIgnoringQuotes() {
        Node copy = only("COPY \"a b\"\t c\n");

        assertThat(copy.args()).containsExactly("\"a", "b\"", "c");
        assertThat(copy.json()).isFalse();
    }

    @Test
    void fromAndExposeSplitOnBlanks() {
        assertThat(only("FROM  img:1 \t AS  build\n").args()).containsExactly("img:1", "AS", "build");
        assertThat(only("EXPOSE 80/tcp\t443\n").args()).containsExactly("80/tcp", "443");
    }

    @Test
    void restOfLineInstructions() {
        assertThat(dump("USER a b\nWORKDIR /x y\nSTOPSIGNAL  SIGKILL \nMAINTAINER Me <me@x>\n"))
                .isEqualTo("(user \"a b\")\n(workdir \"/x y\")\n(stopsignal \"SIGKILL\")\n(maintainer \"Me <me@x>\")");
    }

    @Test
    void flagsHaveQuotesRemovedAndBackslashEscapesProcessed() {
        Node run = only("RUN --mount=\"type=cache,target=/x y\" --a=b\\ c --e='f\\'g' echo --not-a-flag\n");

        assertThat(run.flags()).containsExactly("--mount=type=cache,target=/x y", "--a=b c", "--e=f'g");
        assertThat(run.args()).containsExactly("echo --not-a-flag");
    }

    @Test
    void doubleDashEndsFlags() {
        Node copy = only("COPY --chown=1 -- --weird /dst\n");

        assertThat(copy.flags()).containsExactly("--chown=1");
        assertThat(copy.args()).containsExactly("--weird", "/dst");
        assertThat(only("COPY -- a b\n").flags()).isEmpty();
    }

    @Test
    void flagsUseBackslashEvenWithBacktickEscape() {
        Node copy = DockerfileParser.parse("# escape=`\nCOPY --from=a\\\"b --x=`y c d\n").instructions().get(0);

        assertThat(copy.flags()).containsExactly("--from=a\"b", "--x=`y");
    }

    @Test
    void flagsAreExtractedForEveryInstruction() {
        assertThat(dump("FROM --platform=linux/arm64 img\nARG --x=1 V\n"))
                .isEqualTo("(from [\"--platform=linux/arm64\"] \"img\")\n(arg [\"--x=1\"] \"V\")");
    }

    @Test
    void unknownInstructionKeepsItsSpellingAndHasOneEmptyArgument() {
        Node node = only("FROMM alpine\n");

        assertThat(node.keyword()).isEqualTo("FROMM");
        assertThat(node.command()).isEqualTo("fromm");
        assertThat(node.args()).containsExactly("");
        assertThat(node.original()).isEqualTo("FROMM alpine");
    }

    @Test
    void keywordIsCaseInsensitiveButKeptAsWritten() {
        Node node = only("rUn\techo\n");

        assertThat(node.keyword()).isEqualTo("rUn");
        assertThat(node.args()).containsExactly("echo");
    }

    @Test
    void onbuildParsesItsTriggerWithFlags() {
        Node onbuild = only("# doc\nONBUILD COPY --from=x a b\n");

        assertThat(onbuild.args()).isEmpty();
        assertThat(onbuild.prevComments()).containsExactly("doc");
        Node trigger = onbuild.subInstruction();
        assertThat(trigger.keyword()).isEqualTo("COPY");
        assertThat(trigger.flags()).containsExactly("--from=x");
        assertThat(trigger.args()).containsExactly("a", "b");
        assertThat(trigger.original()).isEqualTo("COPY --from=x a b");
        assertThat(trigger.prevComments()).isEmpty();
        assertThat(trigger.location()).isEqualTo(SourceRange.line(2));
        assertThat(AstDump.dump(onbuild)).isEqualTo("onbuild (copy [\"--from=x\"] \"a\" \"b\")");
    }

    @Test
    void onbuildWithoutTrigger() {
        Node onbuild = only("ONBUILD\n");

        assertThat(onbuild.subInstruction()).isNull();
        assertThat(AstDump.dump(onbuild)).isEqualTo("onbuild");
    }

    @Test
    void onbuildTriggerErrorsPropagate() {
        assertThatThrownBy(() -> DockerfileParser.parse("ONBUILD ENV X\n")).hasMessage("ENV must have two arguments");
    }

    @Test
    void lineOfOnlyAContinuationAtEndOfFileIsAnEmptyInstruction() {
        ParseResult result = DockerfileParser.parse("FROM a\n\\\n");

        assertThat(result.instructions()).hasSize(2);
        assertThat(result.instructions().get(1).keyword()).isEmpty();
        assertThat(AstDump.dump(result)).isEqualTo("(from \"a\")\n(\"\")");
    }
}
