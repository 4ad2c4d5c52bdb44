package dev.stagecraft.dockerfile.instruction;

import static dev.stagecraft.dockerfile.instruction.Dockerfiles.parse;
import static dev.stagecraft.dockerfile.instruction.Dockerfiles.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.dockerfile.instruction.RunMount.MountType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed result of each instruction and flag. */
class InstructionParserTest {

    @Test
    void metaArgsAndStages() {
        Dockerfile df = parse("""
                # VERSION the version to build
                ARG VERSION=1.0 OTHER
                FROM --platform=$BUILDPLATFORM golang:${VERSION} As Build
                RUN make
                FROM scratch
                COPY --from=build /out /
                """);
        assertThat(df.metaArgs()).hasSize(1);
        ArgInstruction meta = df.metaArgs().get(0);
        assertThat(meta.args()).containsExactly(new ArgDeclaration("VERSION", "1.0"), new ArgDeclaration("OTHER", null));
        assertThat(meta.comment()).isEqualTo("the version to build");
        assertThat(df.stages()).hasSize(2);
        Stage build = df.stages().get(0);
        assertThat(build.index()).isZero();
        assertThat(build.name()).isEqualTo("build");
        assertThat(build.originalName()).isEqualTo("Build");
        assertThat(build.baseName()).isEqualTo("golang:${VERSION}");
        assertThat(build.platform()).isEqualTo("$BUILDPLATFORM");
        assertThat(build.original()).isEqualTo("FROM --platform=$BUILDPLATFORM golang:${VERSION} As Build");
        assertThat(build.location().startLine()).isEqualTo(3);
        assertThat(build.instructions()).hasSize(1);
        Stage last = df.stages().get(1);
        assertThat(last.name()).isNull();
        assertThat(last.displayName()).isEqualTo("stage-1");
        assertThat(last.platform()).isNull();
        assertThat(((CopyInstruction) last.instructions().get(0)).from()).isEqualTo("build");
    }

    @Test
    void noFromMeansNoStages() {
        Dockerfile df = parse("ARG A\nARG B=2\n");
        assertThat(df.stages()).isEmpty();
        assertThat(df.metaArgs()).hasSize(2);
    }

    @Test
    void stageDocComment() {
        Stage stage = parse("# base the common base image\n# other text\nFROM alpine AS base\n").stages().get(0);
        assertThat(stage.comment()).isEqualTo("the common base image");
        assertThat(parse("# nothing here\nFROM alpine AS base\n").stages().get(0).comment()).isEmpty();
    }

    @Test
    void envAndLabel() {
        EnvInstruction env = single("FROM a\nENV A=1 B=\"two words\"\n");
        assertThat(env.vars()).containsExactly(new KeyValue("A", "1", false),
                new KeyValue("B", "\"two words\"", false));
        EnvInstruction legacy = single("FROM a\nENV A one two\n");
        assertThat(legacy.vars()).containsExactly(new KeyValue("A", "one two", true));
        LabelInstruction label = single("FROM a\nLABEL a.b=c\n");
        assertThat(label.labels()).containsExactly(new KeyValue("a.b", "c", false));
        assertThat(label.keyword()).isEqualTo("LABEL");
        assertThat(label.original()).isEqualTo("LABEL a.b=c");
    }

    @Test
    void simpleOneArgumentInstructions() {
        assertThat(((MaintainerInstruction) single("FROM a\nMAINTAINER Jane Doe\n")).maintainer())
                .isEqualTo("Jane Doe");
        assertThat(((WorkdirInstruction) single("FROM a\nWORKDIR /app\n")).path()).isEqualTo("/app");
        assertThat(((UserInstruction) single("FROM a\nUSER app:app\n")).user()).isEqualTo("app:app");
        assertThat(((StopSignalInstruction) single("FROM a\nSTOPSIGNAL SIGKILL\n")).signal()).isEqualTo("SIGKILL");
    }

    @Test
    void argAndStopSignalIgnoreFlags() {
        ArgInstruction arg = single("FROM a\nARG --whatever=1 X=\"a b\"\n");
        assertThat(arg.args()).containsExactly(new ArgDeclaration("X", "\"a b\""));
        StopSignalInstruction stop = single("FROM a\nSTOPSIGNAL --nope TERM\n");
        assertThat(stop.signal()).isEqualTo("TERM");
    }

    @Test
    void exposeIsSortedAtParseTime() {
        ExposeInstruction expose = single("FROM a\nEXPOSE 8080 443/udp 80\n");
        assertThat(expose.ports()).containsExactly("443/udp", "80", "8080");
    }

    @Test
    void volumeShellAndJson() {
        assertThat(((VolumeInstruction) single("FROM a\nVOLUME /a /b\n")).volumes()).containsExactly("/a", "/b");
        assertThat(((VolumeInstruction) single("FROM a\nVOLUME [\" /c \"]\n")).volumes()).containsExactly("/c");
    }

    @Test
    void commandForms() {
        CmdInstruction shell = single("FROM a\nCMD echo hi\n");
        assertThat(shell.command()).isEqualTo(new CommandLine(List.of("echo hi"), true));
        CmdInstruction exec = single("FROM a\nCMD [\"echo\", \"hi\"]\n");
        assertThat(exec.command()).isEqualTo(new CommandLine(List.of("echo", "hi"), false));
        CmdInstruction emptyExec = single("FROM a\nCMD []\n");
        assertThat(emptyExec.command()).isEqualTo(new CommandLine(List.of(), false));
        RunInstruction emptyRun = single("FROM a\nRUN\n");
        assertThat(emptyRun.command()).isEqualTo(new CommandLine(List.of(""), true));
        EntrypointInstruction entry = single("FROM a\nENTRYPOINT [\"/bin/app\"]\n");
        assertThat(entry.command()).isEqualTo(new CommandLine(List.of("/bin/app"), false));
        ShellInstruction sh = single("FROM a\nSHELL [\"/bin/bash\", \"-c\"]\n");
        assertThat(sh.shell()).containsExactly("/bin/bash", "-c");
    }

    @Test
    void runFlags() {
        RunInstruction run = single("""
                FROM a
                RUN --mount=type=cache,target=/root/.cache --mount=from=build,src=/out,target=/in \\
                    --network=none --security=insecure make
                """);
        assertThat(run.command()).isEqualTo(new CommandLine(List.of("make"), true));
        assertThat(run.network()).isEqualTo("none");
        assertThat(run.security()).isEqualTo("insecure");
        assertThat(run.mountSpecs()).containsExactly("type=cache,target=/root/.cache", "from=build,src=/out,target=/in");
        // Parse time only reads "from"; everything else waits for expansion at dispatch.
        assertThat(run.mounts()).extracting(RunMount::type).containsExactly(MountType.BIND, MountType.BIND);
        assertThat(run.mounts()).extracting(RunMount::from).containsExactly(null, "build");
        RunInstruction plain = single("FROM a\nRUN [\"make\", \"all\"]\n");
        assertThat(plain.network()).isEqualTo("default");
        assertThat(plain.security()).isEqualTo("sandbox");
        assertThat(plain.mounts()).isEmpty();
        assertThat(plain.command().shellForm()).isFalse();
    }

    @Test
    void runMountFromMayEndWithADollar() {
        RunInstruction run = single("FROM a\nRUN --mount=from=stage$,target=/x true\n");
        assertThat(run.mounts().get(0).from()).isEqualTo("stage$");
    }

    @Test
    void copyFlags() {
        CopyInstruction copy = single("""
                FROM a
                COPY --from=build --chown=app:app --chmod=0755 --link --parents --exclude=*.md --exclude=.git \\
                    src/ other /dst/
                """);
        assertThat(copy.from()).isEqualTo("build");
        assertThat(copy.chown()).isEqualTo("app:app");
        assertThat(copy.chmod()).isEqualTo("0755");
        assertThat(copy.link()).isTrue();
        assertThat(copy.parents()).isTrue();
        assertThat(copy.excludes()).containsExactly("*.md", ".git");
        assertThat(copy.sourcePaths()).containsExactly("src/", "other");
        assertThat(copy.sourceContents()).isEmpty();
        assertThat(copy.destination()).isEqualTo("/dst/");

        CopyInstruction plain = single("FROM a\nCOPY [\"a b\", \"/c\"]\n");
        assertThat(plain.sourcePaths()).containsExactly("a b");
        assertThat(plain.from()).isNull();
        assertThat(plain.chown()).isNull();
        assertThat(plain.link()).isFalse();
        assertThat(plain.parents()).isFalse();
        assertThat(((CopyInstruction) single("FROM a\nCOPY --link=False x y\n")).link()).isFalse();
    }

    @Test
    void addFlags() {
        AddInstruction add = single("""
                FROM a
                ADD --chown=1 --chmod=u+x --link=true --keep-git-dir --checksum=sha256:abc --unpack=false \\
                    --exclude=x https://example.com/a.tar /opt/
                """);
        assertThat(add.chown()).isEqualTo("1");
        assertThat(add.chmod()).isEqualTo("u+x");
        assertThat(add.link()).isTrue();
        assertThat(add.keepGitDir()).isTrue();
        assertThat(add.checksum()).isEqualTo("sha256:abc");
        assertThat(add.unpack()).isFalse();
        assertThat(add.excludes()).containsExactly("x");
        assertThat(add.sourcePaths()).containsExactly("https://example.com/a.tar");
        AddInstruction plain = single("FROM a\nADD a b\n");
        assertThat(plain.keepGitDir()).isNull();
        assertThat(plain.unpack()).isNull();
        assertThat(plain.checksum()).isNull();
    }

    @Test
    void healthcheck() {
        HealthcheckInstruction shell = single("""
                FROM a
                HEALTHCHECK --interval=5s --timeout=1m30s --start-period=0s --start-interval=1.5ms --retries=3 \\
                  CMD curl -f http://localhost/
                """);
        HealthConfig h = shell.health();
        assertThat(h.test()).containsExactly("CMD-SHELL", "curl -f http://localhost/");
        assertThat(h.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(h.startPeriod()).isEqualTo(Duration.ZERO);
        assertThat(h.startInterval()).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(h.retries()).isEqualTo(3);

        HealthcheckInstruction exec = single("FROM a\nhealthcheck cmd [\"/bin/check\", \"-q\"]\n");
        assertThat(exec.health().test()).containsExactly("CMD", "/bin/check", "-q");
        assertThat(exec.health().interval()).isEqualTo(Duration.ZERO);
        assertThat(exec.health().retries()).isZero();

        HealthcheckInstruction none = single("FROM a\nHEALTHCHECK --ignored=1 none\n");
        assertThat(none.health().test()).containsExactly("NONE");
    }

    @Test
    void onbuildKeepsTheTriggerText() {
        OnbuildInstruction onbuild = single("FROM a\n  onbuild   RUN --mount=type=cache,target=/x echo hi\n");
        assertThat(onbuild.expression()).isEqualTo("RUN --mount=type=cache,target=/x echo hi");
        OnbuildInstruction unknownTrigger = single("FROM a\nONBUILD NOPE x\n");
        assertThat(unknownTrigger.expression()).isEqualTo("NOPE x");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        Dockerfile df = parse("from a as B\nrun echo\nCoPy x y\n");
        assertThat(df.stages().get(0).name()).isEqualTo("b");
        assertThat(df.stages().get(0).instructions()).extracting(Instruction::keyword).containsExactly("RUN", "COPY");
    }

    @Test
    void directivesAndWarningsPassThrough() {
        Dockerfile df = parse("# escape=`\nFROM a\nRUN echo `\n\n  hi\n");
        assertThat(df.directives().escape()).isEqualTo('`');
        assertThat(df.warnings()).extracting(w -> w.rule()).containsExactly("NoEmptyContinuation");
    }

    @Test
    void singleInstructionEntryPoint() {
        Instruction typed = InstructionParser.parseInstruction(
                dev.stagecraft.dockerfile.parser.DockerfileParser.parse("RUN echo hi").instructions().get(0));
        assertThat(typed).isInstanceOf(RunInstruction.class);
    }
}
