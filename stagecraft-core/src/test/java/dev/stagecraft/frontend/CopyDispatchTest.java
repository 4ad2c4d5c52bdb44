package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.copies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.GitSourceOp;
import dev.stagecraft.graph.HttpSourceOp;
import dev.stagecraft.graph.MergeOp;
import dev.stagecraft.graph.Vertex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY and ADD: paths, options, remote sources, heredocs, context paths (reference §3.2). */
class CopyDispatchTest {
    private static final String ZEROS = "0".repeat(64);

    private static FileAction.Copy onlyCopy(String dockerfile) {
        List<FileAction.Copy> c = copies(convert(dockerfile).targetStage().result());
        assertThat(c).hasSize(1);
        return c.get(0);
    }

    private static String dest(String dockerfileTail) {
        return onlyCopy("FROM alpine:3.19\nWORKDIR /app\n" + dockerfileTail).destination();
    }

    @Test
    void destinationIsNormalisedAndKeepsItsTrailingSlash() {
        assertThat(dest("COPY a .\n")).isEqualTo("/app/");
        assertThat(dest("COPY a dir/\n")).isEqualTo("/app/dir/");
        assertThat(dest("COPY a b\n")).isEqualTo("/app/b");
        assertThat(dest("COPY a /x/../y\n")).isEqualTo("/y");
        assertThat(dest("COPY a sub/.\n")).isEqualTo("/app/sub/.");
        assertThat(dest("COPY a ../up/\n")).isEqualTo("/up/");
        assertThat(dest("COPY a /\n")).isEqualTo("/");
        assertThat(dest("ENV D=out\nCOPY a $D/\n")).isEqualTo("/app/out/");
    }

    @Test
    void localSourcesAreAbsoluteWithBuildKitsCopyOptions() {
        FrontendResult r = convert("FROM alpine:3.19\nCOPY a/../b ./c* /d/\n");
        Vertex v = r.targetStage().result();
        List<FileAction.Copy> c = copies(v);
        assertThat(c).extracting(FileAction.Copy::source).containsExactly("/b", "/c*");
        FileAction.Copy first = c.get(0);
        assertThat(first).isEqualTo(new FileAction.Copy(first.input(), "/b", "/d/", null, null, true, true, true, true,
                true, false, List.of(), List.of(), List.of()));
        assertThat(v.inputs().get(first.input()).op()).isEqualTo(new ContextSourceOp("context"));
        assertThat(((FileOp) v.op()).base()).isZero();
    }

    @Test
    void chownAndChmodAreExpandedAndPassedOn() {
        FileAction.Copy c = onlyCopy("FROM alpine:3.19\nARG U=app\nCOPY --chown=$U:staff --chmod=u=rwX,go=rX a /b\n");
        assertThat(c.chown()).isEqualTo("app:staff");
        assertThat(c.chmod()).isEqualTo("u=rwX,go=rX");
    }

    @Test
    void linkCopiesOntoScratchAndMerges() {
        FrontendResult r = convert("FROM alpine:3.19\nCOPY --link a /b\n");
        StagePlan s = r.targetStage();
        Vertex merge = s.result();
        assertThat(merge.op()).isEqualTo(new MergeOp());
        assertThat(merge.inputs()).hasSize(2);
        assertThat(merge.inputs().get(0)).isSameAs(s.steps().get(0).vertex());
        Vertex files = merge.inputs().get(1);
        assertThat(((FileOp) files.op()).base()).isEqualTo(-1);
        assertThat(files.name()).isEqualTo("[2/2] COPY --link a /b");
        assertThat(merge.name()).isEqualTo("[2/2] LINK COPY --link a /b");
    }

    @Test
    void linkIsIgnoredWithChmod() {
        Vertex v = convert("FROM alpine:3.19\nCOPY --link --chmod=644 a /b\n").targetStage().result();
        assertThat(v.op()).isInstanceOf(FileOp.class);
        assertThat(((FileOp) v.op()).base()).isZero();
    }

    @Test
    void linkOnAnEmptyFilesystemNeedsNoMerge() {
        Vertex v = convert("FROM scratch\nCOPY --link a /b\n").targetStage().result();
        assertThat(v.op()).isInstanceOf(FileOp.class);
    }

    @Test
    void linkedCopyDoesNotDependOnEarlierLayers() {
        Vertex one = convert("FROM alpine:3.19\nRUN one\nCOPY --link a /b\n").targetStage().result();
        Vertex two = convert("FROM alpine:3.19\nRUN two\nCOPY --link a /b\n").targetStage().result();
        assertThat(one.inputs().get(1).digest()).isEqualTo(two.inputs().get(1).digest());
        assertThat(one.digest()).isNotEqualTo(two.digest());
    }

    @Test
    void parentsUsesIncludePatternsBelowThePivot() {
        FileAction.Copy pivot = onlyCopy("FROM alpine:3.19\nCOPY --parents a/./b/c.txt /dst/\n");
        assertThat(pivot.source()).isEqualTo("/a");
        assertThat(pivot.includePatterns()).containsExactly("b/c.txt");
        assertThat(pivot.requiredPaths()).containsExactly("/a/b/c.txt");
        FileAction.Copy whole = onlyCopy("FROM alpine:3.19\nCOPY --parents x/y.txt /dst/\n");
        assertThat(whole.source()).isEqualTo("/");
        assertThat(whole.includePatterns()).containsExactly("x/y.txt");
        assertThat(whole.requiredPaths()).containsExactly("/x/y.txt");
        FileAction.Copy wild = onlyCopy("FROM alpine:3.19\nCOPY --parents src/*.go /dst/\n");
        assertThat(wild.includePatterns()).containsExactly("src/*.go");
        assertThat(wild.requiredPaths()).isEmpty();
    }

    @Test
    void excludePatternsAreNotExpanded() {
        FileAction.Copy c = onlyCopy("FROM alpine:3.19\nARG X=y\nCOPY --exclude=*.md --exclude=$X a /b\n");
        assertThat(c.excludePatterns()).containsExactly("*.md", "$X");
    }

    @Test
    void addUrlDownloadsWithoutUnpacking() {
        Vertex v = convert("FROM alpine:3.19\nADD https://example.com/dl/file.tar.gz?x=1 /opt/\n").targetStage().result();
        FileAction.Copy c = copies(v).get(0);
        assertThat(v.inputs().get(c.input()).op())
                .isEqualTo(new HttpSourceOp("https://example.com/dl/file.tar.gz?x=1", "file.tar.gz", null));
        assertThat(c).isEqualTo(new FileAction.Copy(c.input(), "file.tar.gz", "/opt/", null, null, false, false,
                false, false, true, false, List.of(), List.of(), List.of()));
    }

    @Test
    void addUrlOptions() {
        FileAction.Copy unpacked = onlyCopy("FROM alpine:3.19\nADD --unpack=true https://e.com/a.tgz /opt/\n");
        assertThat(unpacked.attemptUnpack()).isTrue();
        Vertex v = convert("FROM alpine:3.19\nADD --checksum=sha256:" + ZEROS + " https://e.com/ /f\n")
                .targetStage().result();
        assertThat(v.inputs().get(copies(v).get(0).input()).op())
                .isEqualTo(new HttpSourceOp("https://e.com/", "__unnamed__", "sha256:" + ZEROS));
        assertThat(onlyCopy("FROM alpine:3.19\nADD https://e.com /f\n").source()).isEqualTo("__unnamed__");
    }

    @Test
    void addGitChecksOutTheRepository() {
        Vertex v = convert("FROM alpine:3.19\nADD https://github.com/moby/buildkit.git#v0.10.1:docs /docs\n")
                .targetStage().result();
        FileAction.Copy c = copies(v).get(0);
        assertThat(v.inputs().get(c.input()).op()).isEqualTo(
                new GitSourceOp("https://github.com/moby/buildkit.git", "v0.10.1", "docs", false, null));
        assertThat(c.source()).isEqualTo("/");
        assertThat(c.destination()).isEqualTo("/docs");
        assertThat(c.attemptUnpack()).isFalse();
        Vertex keep = convert("FROM alpine:3.19\nADD --keep-git-dir https://github.com/moby/buildkit.git /src\n")
                .targetStage().result();
        assertThat(((GitSourceOp) keep.inputs().get(copies(keep).get(0).input()).op()).keepGitDir()).isTrue();
    }

    @Test
    void addUnpacksLocalArchivesByDefaultAndCopyNever() {
        assertThat(onlyCopy("FROM alpine:3.19\nADD a.tar /x/\n").attemptUnpack()).isTrue();
        assertThat(onlyCopy("FROM alpine:3.19\nADD --unpack=false a.tar /x/\n").attemptUnpack()).isFalse();
        assertThat(onlyCopy("FROM alpine:3.19\nCOPY a.tar /x/\n").attemptUnpack()).isFalse();
    }

    @Test
    void heredocExpandsOnlyWithAnUnquotedDelimiter() {
        String body = "name=$NAME \"$NAME\" '$NAME'\nEOF\n";
        assertThat(heredocFile("COPY <<EOF /etc/conf\n" + body)).isEqualTo("name=web \"web\" 'web'\n");
        assertThat(heredocFile("COPY <<\"EOF\" /etc/conf\n" + body)).isEqualTo("name=$NAME \"$NAME\" '$NAME'\n");
        assertThat(heredocFile("COPY <<'EOF' /etc/conf\n" + body)).isEqualTo("name=$NAME \"$NAME\" '$NAME'\n");
    }

    private static String heredocFile(String copy) {
        Vertex v = convert("FROM alpine:3.19\nENV NAME=web\n" + copy).targetStage().result();
        FileAction.Copy c = copies(v).get(0);
        assertThat(c.source()).isEqualTo("EOF");
        assertThat(c.destination()).isEqualTo("/etc/conf");
        FileOp doc = (FileOp) v.inputs().get(c.input()).op();
        FileAction.Mkfile file = (FileAction.Mkfile) doc.actions().get(0);
        assertThat(file.path()).isEqualTo("EOF");
        assertThat(file.mode()).isEqualTo(0644);
        return file.content();
    }

    @Test
    void heredocCopyKeepsChownAndChmod() {
        FileAction.Copy c = onlyCopy("FROM alpine:3.19\nCOPY --chown=1:1 --chmod=600 <<EOF /k\nx\nEOF\n");
        assertThat(c.chown()).isEqualTo("1:1");
        assertThat(c.chmod()).isEqualTo("600");
    }

    @Test
    void copyFromStageIndex() {
        FrontendResult r = convert("FROM alpine:3.19\nRUN make\nFROM alpine:3.19\nCOPY --from=0 /out /out\n");
        Vertex v = r.targetStage().result();
        assertThat(v.inputs().get(copies(v).get(0).input())).isSameAs(r.stages().get(0).result());
    }

    @Test
    void contextPathsListWhatReachableStagesRead() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS build
                COPY src/ /src/
                FROM alpine:3.19 AS unused
                COPY everything/ /
                FROM alpine:3.19
                COPY b a/./x /x/
                ADD https://e.com/f /y
                ADD pkg.tar /p/
                RUN --mount=source=go.mod,target=/go.mod x
                COPY --from=build /o /o
                """);
        assertThat(r.contextPaths()).containsExactly("a/x", "b", "go.mod", "pkg.tar", "src");
        assertThat(convert("FROM alpine:3.19\nRUN x\n").contextPaths()).isEmpty();
        assertThat(convert("FROM alpine:3.19\nCOPY . /app\n").contextPaths()).containsExactly("/");
    }
}
