package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.copies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.GitSourceOp;
import dev.stagecraft.graph.HttpSourceOp;
import dev.stagecraft.graph.Op;
import dev.stagecraft.graph.Vertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Git and HTTP sources of ADD and COPY as BuildKit's {@code dispatchCopy} classifies them with
 * {@code ParseGitRef} (reference §3.2 "ADD only" and "Checksum errors").
 */
class GitSourcesTest {
    private static final String SHA256 = "sha256:" + "a".repeat(64);

    /** The op the single copy of the last instruction reads from. */
    private static Op sourceOp(String instruction) {
        Vertex v = convert("FROM alpine:3.19\n" + instruction + "\n").targetStage().result();
        FileAction.Copy c = copies(v).get(0);
        return v.inputs().get(c.input()).op();
    }

    private static void assertError(String instruction, String message) {
        Throwable t = catchThrowable(() -> convert("FROM alpine:3.19\nWORKDIR /w\n" + instruction + "\n"));
        assertThat(t).isInstanceOf(DockerfileException.class).hasMessage(message);
        assertThat(((DockerfileException) t).location()).map(SourceRange::startLine).contains(3);
    }

    @Test
    void urlOptionsFlowIntoTheCheckout() {
        assertThat(sourceOp("ADD https://x.org/r.git?tag=v1&subdir=sub&keep-git-dir=true&checksum=abc /d"))
                .isEqualTo(new GitSourceOp("https://x.org/r.git", "refs/tags/v1", "sub", true, "abc"));
        assertThat(sourceOp("ADD git@x.org:r.git?branch=dev#:docs /d"))
                .isEqualTo(new GitSourceOp("git@x.org:r.git", "refs/heads/dev", "docs", false, null));
        // A checksum alone is also the ref to fetch.
        assertThat(sourceOp("ADD https://x.org/r.git?commit=abc /d"))
                .isEqualTo(new GitSourceOp("https://x.org/r.git", "abc", null, false, "abc"));
    }

    @Test
    void flagsThatAgreeWithTheUrlAreAccepted() {
        assertThat(sourceOp("ADD --keep-git-dir=true --checksum=abc https://x.org/r.git?keep-git-dir&checksum=abc /d"))
                .isEqualTo(new GitSourceOp("https://x.org/r.git", "abc", null, true, "abc"));
        assertThat(sourceOp("ADD --checksum=abc ssh://git@x.org/r.git#main /d"))
                .isEqualTo(new GitSourceOp("ssh://git@x.org/r.git", "main", null, false, "abc"));
        // The URL's keep-git-dir=false wins over no flag at all, and an unset flag is no conflict.
        assertThat(sourceOp("ADD https://x.org/r.git?keep-git-dir=false /d"))
                .isEqualTo(new GitSourceOp("https://x.org/r.git", null, null, false, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ADD --keep-git-dir=false https://x.org/r.git?keep-git-dir=true /d|inconsistent keep-git-dir configuration",
        "ADD --keep-git-dir https://x.org/r.git?keep-git-dir=0 /d|inconsistent keep-git-dir configuration",
        "ADD --checksum=aaa https://x.org/r.git?checksum=bbb /d|checksum mismatch \"aaa\" != \"bbb\"",
        "ADD --checksum=aaa git@x.org:r.git?commit=bbb /d|checksum mismatch \"aaa\" != \"bbb\"",
        "ADD https://x.org/r.git?bad=1 /d|unexpected query \"bad\"",
        "ADD https://x.org/r.git?ref=a#b /d|ref conflicts: \"b\" vs \"a\"",
        "ADD https://x.org/r.git?keep-git-dir=yes /d|invalid keep-git-dir value: \"yes\"",
        "COPY https://x.org/r.git /d|source can't be a git ref for COPY",
        "COPY git@github.com:moby/buildkit.git /d|source can't be a git ref for COPY",
        "COPY git://x.org/r /d|source can't be a git ref for COPY",
        "COPY https://x.org/f.tar /d|source can't be a URL for COPY",
        "COPY github.com/moby/buildkit?x=1 /d|unexpected query \"x\""})
    void gitSourceErrors(String instruction, String message) {
        assertError(instruction, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sha256:abc|invalid checksum digest length",
        "sha512:" + "0000|invalid checksum digest length",
        "md5:d41d8cd98f00b204e9800998ecf8427e|unsupported digest algorithm",
        "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709|unsupported digest algorithm",
        "SHA256:abc|invalid checksum digest format",
        "abc|invalid checksum digest format",
        "sha256:|invalid checksum digest format",
        ":abc|invalid checksum digest format",
        "md5:a/b|invalid checksum digest format"})
    void httpChecksumMustBeADigest(String checksum, String message) {
        assertError("ADD --checksum=" + checksum + " https://x.org/f.tar /d", message);
    }

    @Test
    void httpChecksumHexMustBeLowerCase() {
        assertError("ADD --checksum=sha256:" + "A".repeat(64) + " https://x.org/f /d", "invalid checksum digest format");
    }

    @Test
    void validHttpDigestsOfEachAlgorithm() {
        assertThat(sourceOp("ADD --checksum=" + SHA256 + " https://x.org/f.tar /d"))
                .isEqualTo(new HttpSourceOp("https://x.org/f.tar", "f.tar", SHA256));
        String sha384 = "sha384:" + "b".repeat(96);
        assertThat(((HttpSourceOp) sourceOp("ADD --checksum=" + sha384 + " https://x.org/f /d")).checksum())
                .isEqualTo(sha384);
        String sha512 = "sha512:" + "c".repeat(128);
        assertThat(((HttpSourceOp) sourceOp("ADD --checksum=" + sha512 + " https://x.org/f /d")).checksum())
                .isEqualTo(sha512);
    }

    @Test
    void aGitUrlIsNeverAnHttpDownload() {
        assertThat(sourceOp("ADD https://x.org/r.git?ref=main /d")).isInstanceOf(GitSourceOp.class);
        assertThat(sourceOp("ADD http://x.org/r.git#main /d")).isInstanceOf(GitSourceOp.class);
        // ".git" only in the query or past the path does not make a repository.
        assertThat(sourceOp("ADD https://x.org/f?name=r.git /d"))
                .isEqualTo(new HttpSourceOp("https://x.org/f?name=r.git", "f", null));
        assertThat(sourceOp("ADD https://x.org/r.git/ /d")).isInstanceOf(HttpSourceOp.class);
        assertThat(sourceOp("ADD https://x.org/r.git.bak /d")).isInstanceOf(HttpSourceOp.class);
    }

    @Test
    void githubShorthandIsALocalPath() {
        FileAction.Copy copy = copies(convert("FROM alpine:3.19\nCOPY github.com/moby/buildkit /d\n").targetStage()
                .result()).get(0);
        assertThat(copy.source()).isEqualTo("/github.com/moby/buildkit");
        assertThat(sourceOp("ADD github.com/moby/buildkit#main /d")).isEqualTo(new ContextSourceOp("context"));
        // BuildKit's checksum check counts the shorthand as git, so a checksum on it is no error either.
        assertThat(sourceOp("ADD --checksum=abc github.com/moby/buildkit /d")).isEqualTo(new ContextSourceOp("context"));
    }

    @Test
    void checksumOnAGitUrlWithBadOptionsReportsTheOptions() {
        // The bad query makes it "no git source", so the HTTP(S) check passes and the copy reports the query.
        assertError("ADD --checksum=abc https://x.org/r.git?nope=1 /d", "unexpected query \"nope\"");
        assertError("ADD --checksum=abc git@x.org:r.git?nope=1 a /d", "checksum can't be specified for multiple sources");
        assertError("ADD --checksum=abc ./r.git /d", "checksum requires HTTP(S) or Git sources");
    }

    @org.junit.jupiter.api.Test
    void submodulesFalseInTheUrlSkipsThem() {
        StagePlan s = convert("FROM alpine:3.19\nADD https://h.org/r.git?submodules=false /d\n").targetStage();
        FileOp add = (FileOp) s.result().op();
        FileAction.Copy copy = (FileAction.Copy) add.actions().get(0);
        assertThat(s.result().inputs().get(copy.input()).op())
                .isEqualTo(new GitSourceOp("https://h.org/r.git", null, null, false, null, true));
    }
}
