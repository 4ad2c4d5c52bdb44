package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.DEFAULT_PATH;
import static dev.stagecraft.frontend.Fixtures.config;
import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.image.ContainerConfig;
import dev.stagecraft.image.Healthcheck;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.reference.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The effect of each instruction on the image config (reference §7.1, §7.2). */
class ImageConfigTest {

    @Test
    void envReplacesInPlaceOverTheBaseEnvAndAppendsNewKeys() {
        ContainerConfig c = config(convert("""
                FROM golang:1.22
                ENV GOPATH=/src A=1
                ENV PATH=/x:$PATH B=$A
                """));
        // The second ENV sees A from the first; B sees the value before its own line.
        assertThat(c.env()).containsExactly("PATH=/x:/go/bin:/usr/local/go/bin:/usr/bin:/bin", "GOPATH=/src",
                "A=1", "B=1");
    }

    @Test
    void envInOneInstructionUsesTheValuesFromBeforeIt() {
        ContainerConfig c = config(convert("FROM scratch\nENV abc=hello\nENV abc=bye def=$abc\n"));
        assertThat(c.env()).containsExactly(DEFAULT_PATH, "abc=bye", "def=hello");
    }

    @Test
    void labelsMergeWithTheBaseAndLaterValuesWin() {
        ContainerConfig c = config(convert("""
                FROM example/labels:1
                LABEL b=2 c="three words"
                LABEL a=3
                """));
        assertThat(c.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "3", "b", "2", "c", "three words"));
    }

    @Test
    void maintainerSetsTheAuthor() {
        ImageConfig img = image(convert("FROM scratch\nMAINTAINER Jane Doe <jane@example.com>\n"));
        assertThat(img.author()).isEqualTo("Jane Doe <jane@example.com>");
    }

    @Test
    void userIsExpandedAndSetsConfigAndRunUser() {
        FrontendResult r = convert("FROM alpine:3.19\nARG NAME=app\nUSER ${NAME}:staff\nRUN id\n");
        assertThat(config(r).user()).isEqualTo("app:staff");
        assertThat(Fixtures.lastRun(r).user()).isEqualTo("app:staff");
    }

    @Test
    void baseImageUserAndWorkdirCarryOverToRun() {
        FrontendResult r = convert("FROM example/labels:1\nRUN pwd\n");
        assertThat(Fixtures.lastRun(r).user()).isEqualTo("nobody");
        assertThat(Fixtures.lastRun(r).cwd()).isEqualTo("/srv");
        assertThat(config(r).workingDir()).isEqualTo("/srv");
    }

    @Test
    void workdirIsNormalisedAndRelativePathsJoinThePreviousOne() {
        FrontendResult r = convert("""
                FROM scratch
                WORKDIR a
                WORKDIR b/../c/
                WORKDIR /x/./y//z/..
                WORKDIR ../w
                """);
        assertThat(config(r).workingDir()).isEqualTo("/x/w");
        List<PlannedStep> workdirs = Fixtures.steps(r.targetStage(), "WORKDIR");
        assertThat(workdirs).extracting(s -> ((FileAction.Mkdir) ((FileOp) s.vertex().op()).actions().get(0)).path())
                .containsExactly("/a", "/a/c", "/x/y", "/x/w");
    }

    @Test
    void relativeWorkdirJoinsTheBaseImageWorkdir() {
        FrontendResult r = convert("FROM golang:1.22\nWORKDIR src/app\nRUN pwd\n");
        assertThat(config(r).workingDir()).isEqualTo("/go/src/app");
        assertThat(Fixtures.lastRun(r).cwd()).isEqualTo("/go/src/app");
    }

    @Test
    void workdirRootCreatesNoVertexAndOthersMkdirOwnedByUser() {
        FrontendResult r = convert("""
                FROM alpine:3.19
                WORKDIR /
                USER app
                WORKDIR /data
                """);
        List<PlannedStep> workdirs = Fixtures.steps(r.targetStage(), "WORKDIR");
        assertThat(workdirs.get(0).vertex()).isNull();
        FileOp mkdir = (FileOp) workdirs.get(1).vertex().op();
        assertThat(mkdir.actions()).containsExactly(new FileAction.Mkdir("/data", 0755, true, "app"));
        assertThat(mkdir.base()).isZero();
        assertThat(config(r).workingDir()).isEqualTo("/data");
    }

    @Test
    void workdirMkdirWithoutUserHasNoOwner() {
        FrontendResult r = convert("FROM alpine:3.19\nWORKDIR /data\n");
        FileOp mkdir = (FileOp) r.targetStage().result().op();
        assertThat(mkdir.actions()).containsExactly(new FileAction.Mkdir("/data", 0755, true, null));
    }

    @Test
    void cmdShellFormUsesTheDefaultShellWithoutWritingIt() {
        ContainerConfig c = config(convert("FROM scratch\nCMD echo \"hi there\"\n"));
        assertThat(c.cmd()).containsExactly("/bin/sh", "-c", "echo \"hi there\"");
        assertThat(c.argsEscaped()).isTrue();
        assertThat(c.shell()).isNull();
    }

    @Test
    void cmdAndEntrypointShellFormUseShell() {
        ContainerConfig c = config(convert("""
                FROM scratch
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                ENTRYPOINT exec app
                CMD run --fast
                """));
        assertThat(c.entrypoint()).containsExactly("/bin/bash", "-o", "pipefail", "-c", "exec app");
        assertThat(c.cmd()).containsExactly("/bin/bash", "-o", "pipefail", "-c", "run --fast");
        assertThat(c.shell()).containsExactly("/bin/bash", "-o", "pipefail", "-c");
    }

    @Test
    void execFormIsKeptVerbatimAndNotExpanded() {
        ContainerConfig c = config(convert("FROM scratch\nENV X=1\nCMD [\"echo\", \"$X\"]\nENTRYPOINT [\"/init\"]\n"));
        assertThat(c.entrypoint()).containsExactly("/init");
        // CMD came earlier in this stage, so ENTRYPOINT keeps it.
        assertThat(c.cmd()).containsExactly("echo", "$X");
    }

    @Test
    void windowsImagesDefaultToCmdShell() {
        ContainerConfig c = config(convert("FROM example/windows:1\nCMD dir\n"));
        assertThat(c.cmd()).containsExactly("cmd", "/S", "/C", "dir");
        // The stage runs as the implicit linux target, so PATH is added as for any Linux stage.
        assertThat(c.env()).containsExactly(DEFAULT_PATH);
        // Built for Windows, PATH is left to the OS.
        ContainerConfig win = config(convert("FROM example/windows:1\nCMD dir\n",
                Fixtures.options().withTargetPlatform(Platform.of("windows", "amd64"))));
        assertThat(win.env()).isNullOrEmpty();
    }

    @Test
    void entrypointClearsAnInheritedCmd() {
        assertThat(config(convert("FROM alpine:3.19\nENTRYPOINT [\"/app\"]\n")).cmd()).isNull();
        ContainerConfig fromStage = config(convert("""
                FROM alpine:3.19 AS base
                CMD ["serve"]
                FROM base
                ENTRYPOINT ["/app"]
                """));
        assertThat(fromStage.cmd()).isNull();
        assertThat(fromStage.entrypoint()).containsExactly("/app");
    }

    @Test
    void entrypointKeepsACmdSetEarlierInTheSameStage() {
        ContainerConfig c = config(convert("FROM alpine:3.19\nCMD [\"serve\"]\nENTRYPOINT [\"/app\"]\n"));
        assertThat(c.cmd()).containsExactly("serve");
    }

    @Test
    void exposeExpandsRangesLowerCasesProtocolsAndSplitsVariables() {
        ContainerConfig c = config(convert("""
                FROM example/labels:1
                ARG PORTS="80 443"
                EXPOSE $PORTS 8000-8002/UDP
                """));
        assertThat(c.exposedPorts()).containsOnlyKeys("22/tcp", "80/tcp", "443/tcp", "8000/udp", "8001/udp",
                "8002/udp");
    }

    @Test
    void volumesAreAddedWithoutSplittingVariables() {
        ContainerConfig c = config(convert("FROM scratch\nENV D=\"/a b\"\nVOLUME /data $D\nVOLUME [\"/logs\"]\n"));
        assertThat(c.volumes()).containsOnlyKeys("/data", "/a b", "/logs");
    }

    @Test
    void stopSignalIsExpandedAndKeptAsWritten() {
        assertThat(config(convert("FROM scratch\nARG SIG=SIGINT\nSTOPSIGNAL $SIG\n")).stopSignal()).isEqualTo("SIGINT");
        assertThat(config(convert("FROM scratch\nSTOPSIGNAL 9\n")).stopSignal()).isEqualTo("9");
    }

    @Test
    void healthcheckDurationsAreNanoseconds() {
        ContainerConfig c = config(convert("""
                FROM scratch
                HEALTHCHECK --interval=5s --timeout=1m30s --start-period=100ms --retries=3 CMD curl -f http://x/
                """));
        assertThat(c.healthcheck()).isEqualTo(new Healthcheck(List.of("CMD-SHELL", "curl -f http://x/"),
                5_000_000_000L, 90_000_000_000L, 100_000_000L, 0, 3));
        assertThat(config(convert("FROM scratch\nHEALTHCHECK CMD [\"/check\", \"-v\"]\n")).healthcheck().test())
                .containsExactly("CMD", "/check", "-v");
        assertThat(config(convert("FROM alpine:3.19\nHEALTHCHECK NONE\n")).healthcheck().test())
                .containsExactly("NONE");
    }

    @Test
    void onbuildStoresTheTextAfterTheKeyword() {
        ContainerConfig c = config(convert("FROM scratch\nONBUILD RUN echo   $HOME\nonbuild  COPY . /src\n"));
        assertThat(c.onBuild()).containsExactly("RUN echo   $HOME", "COPY . /src");
    }

    @Test
    void scratchStartsWithWorkdirRootPathAndTheTargetPlatform() {
        ImageConfig img = image(convert("FROM scratch\n"));
        assertThat(img.os()).isEqualTo("linux");
        assertThat(img.architecture()).isEqualTo("amd64");
        assertThat(img.variant()).isNull();
        assertThat(img.config()).isEqualTo(new ContainerConfig(null, null, List.of(DEFAULT_PATH), null, null, null,
                "/", null, null, false, null, null, null));
        ImageConfig arm = image(convert("FROM scratch\n",
                Fixtures.options().withTargetPlatform(new Platform("linux", "arm", "v7", ""))));
        assertThat(arm.architecture()).isEqualTo("arm");
        assertThat(arm.variant()).isEqualTo("v7");
    }

    @Test
    void pathIsAppendedWhenTheBaseHasNone() {
        FrontendResult r = convert("FROM example/labels:1\nRUN env\n");
        assertThat(config(r).env()).containsExactly("FOO=1", DEFAULT_PATH);
        assertThat(Fixtures.lastRun(r).env()).containsExactly("FOO=1", DEFAULT_PATH);
    }

    @Test
    void imageWithoutLayersIsTreatedAsScratchButKeepsItsConfig() {
        StagePlan s = convert("FROM example/empty:1\nRUN true\n").targetStage();
        assertThat(s.steps()).extracting(PlannedStep::keyword).containsExactly("RUN");
        assertThat(Fixtures.run(s, 0).mounts().get(0).input()).isEqualTo(-1);
    }

    @Test
    void implicitTargetKeepsTheBasePlatformFieldsNormalised() {
        ImageConfig img = image(convert("FROM example/arm:1\nRUN true\n"));
        assertThat(img.architecture()).isEqualTo("arm64");
        // finalizeResultImage applies platforms.Normalize: arm64's only variant, v8, is dropped.
        assertThat(img.variant()).isNull();
    }

    @Test
    void explicitTargetPlatformOverridesOsAndArch() {
        ImageConfig img = image(convert("FROM alpine:3.19\n", Fixtures.options().withTargetPlatform(Fixtures.ARM64)));
        assertThat(img.os()).isEqualTo("linux");
        assertThat(img.architecture()).isEqualTo("arm64");
        // Same os/arch as the base and no variant asked for: the base's variant stays, then
        // normalisation drops arm64's v8.
        ImageConfig same = image(convert("FROM example/arm:1\n", Fixtures.options().withTargetPlatform(Fixtures.ARM64)));
        assertThat(same.architecture()).isEqualTo("arm64");
        assertThat(same.variant()).isNull();
        ImageConfig other = image(convert("FROM example/arm:1\n", Fixtures.options().withTargetPlatform(Fixtures.AMD64)));
        assertThat(other.architecture()).isEqualTo("amd64");
        assertThat(other.variant()).isNull();
    }

    @Test
    void childStageStartsFromTheParentConfig() {
        FrontendResult r = convert("""
                FROM example/labels:1 AS base
                ENV A=1
                LABEL x=y
                ONBUILD RUN echo hi
                FROM base
                LABEL z=w
                """);
        ContainerConfig c = config(r);
        assertThat(c.env()).containsExactly("FOO=1", DEFAULT_PATH, "A=1");
        assertThat(c.labels()).containsOnlyKeys("a", "b", "x", "z");
        assertThat(c.onBuild()).isNull();
        assertThat(c.cmd()).containsExactly("base-cmd");
    }
}
