package dev.stagecraft.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GitRef} against BuildKit's {@code TestParseGitRef} table (dfgitutil/git_ref_test.go): the
 * same inputs and expected fields, plus the query keys that table does not cover.
 */
class GitRefTest {

    private static GitRef ref(String remote, String shortName, String ref, String subDir) {
        return new GitRef(remote, shortName, ref, "", subDir, false, false, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/", "https://example.com/foo", "https://example.com/foo.git/",
        "https://example.com/foo.git.bar", "custom.xyz/moby/buildkit.git", "https://github.com/moby/buildkit",
        "http://github.com/docker/docker.git:#branch", "./.git", ".git", "../x@host:repo.git",
        "ftp://example.com/foo.git", "github.com:moby/buildkit.git", "git@helloworld.net/foo/bar.git", ""})
    void upstreamNonGitRefs(String s) {
        assertThat(GitRef.parse(s)).isNull();
    }

    @Test
    void upstreamHttpsRefs() {
        assertThat(GitRef.parse("https://example.com/foo.git")).isEqualTo(ref("https://example.com/foo.git", "foo",
                "", ""));
        assertThat(GitRef.parse("https://example.com/foo.git#deadbeef"))
                .isEqualTo(ref("https://example.com/foo.git", "foo", "deadbeef", ""));
        assertThat(GitRef.parse("https://example.com/foo.git#release/1.2"))
                .isEqualTo(ref("https://example.com/foo.git", "foo", "release/1.2", ""));
        assertThat(GitRef.parse("https://github.com/moby/buildkit.git"))
                .isEqualTo(ref("https://github.com/moby/buildkit.git", "buildkit", "", ""));
        assertThat(GitRef.parse("https://foo:bar@github.com/moby/buildkit.git"))
                .isEqualTo(ref("https://foo:bar@github.com/moby/buildkit.git", "buildkit", "", ""));
        assertThat(GitRef.parse("https://github.com/foo/bar.git#baz/qux:quux/quuz"))
                .isEqualTo(ref("https://github.com/foo/bar.git", "bar", "baz/qux", "quux/quuz"));
        assertThat(GitRef.parse("https://github.com/docker/docker.git#:myfolder"))
                .isEqualTo(ref("https://github.com/docker/docker.git", "docker", "", "myfolder"));
    }

    @Test
    void upstreamGitProtocolIsUnencrypted() {
        assertThat(GitRef.parse("git://example.com/foo"))
                .isEqualTo(new GitRef("git://example.com/foo", "foo", "", "", "", false, true, null, null));
    }

    @Test
    void upstreamGithubShorthandIsIndistinguishableFromLocal() {
        assertThat(GitRef.parse("github.com/moby/buildkit")).isEqualTo(
                new GitRef("github.com/moby/buildkit", "buildkit", "", "", "", true, false, null, null));
        assertThat(GitRef.parse("github.com/moby/buildkit#master")).isEqualTo(
                new GitRef("github.com/moby/buildkit", "buildkit", "master", "", "", true, false, null, null));
        assertThat(GitRef.parse("github.com/moby/buildkit?tag=v1.0.0")).isEqualTo(new GitRef(
                "github.com/moby/buildkit", "buildkit", "refs/tags/v1.0.0", "", "", true, false, null, null));
    }

    @Test
    void upstreamScpLikeRefs() {
        assertThat(GitRef.parse("git@github.com:moby/buildkit"))
                .isEqualTo(ref("git@github.com:moby/buildkit", "buildkit", "", ""));
        assertThat(GitRef.parse("git@github.com:moby/buildkit.git"))
                .isEqualTo(ref("git@github.com:moby/buildkit.git", "buildkit", "", ""));
        assertThat(GitRef.parse("git@bitbucket.org:atlassianlabs/atlassian-docker.git"))
                .isEqualTo(ref("git@bitbucket.org:atlassianlabs/atlassian-docker.git", "atlassian-docker", "", ""));
        assertThat(GitRef.parse("git@github.com:moby/buildkit.git?subdir=/subdir#v1.0.0"))
                .isEqualTo(ref("git@github.com:moby/buildkit.git", "buildkit", "v1.0.0", "/subdir"));
    }

    @Test
    void upstreamQueryForms() {
        assertThat(GitRef.parse("https://github.com/docker/docker.git?ref=v1.0.0&subdir=/subdir"))
                .isEqualTo(ref("https://github.com/docker/docker.git", "docker", "v1.0.0", "/subdir"));
        assertThat(GitRef.parse("https://github.com/moby/buildkit.git?subdir=/subdir#v1.0.0"))
                .isEqualTo(ref("https://github.com/moby/buildkit.git", "buildkit", "v1.0.0", "/subdir"));
        assertThat(GitRef.parse("https://github.com/moby/buildkit.git?tag=v1.0.0"))
                .isEqualTo(ref("https://github.com/moby/buildkit.git", "buildkit", "refs/tags/v1.0.0", ""));
        assertThat(GitRef.parse("https://github.com/moby/buildkit.git?branch=v1.0"))
                .isEqualTo(ref("https://github.com/moby/buildkit.git", "buildkit", "refs/heads/v1.0", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://github.com/moby/buildkit.git?ref=v1.0.0#v1.2.3|ref conflicts: \"v1.2.3\" vs \"v1.0.0\"",
        "https://github.com/moby/buildkit.git?ref=v1.0.0&tag=v1.2.3|ref conflicts: \"v1.0.0\" vs \"refs/tags/v1.2.3\"",
        "https://github.com/moby/buildkit.git?tag=v1.0.0&branch=v1.0|branch conflicts with tag",
        "https://github.com/moby/buildkit.git?invalid=123|unexpected query \"invalid\"",
        "https://x.org/r.git?subdir=b#main:a|subdir conflicts: \"a\" vs \"b\"",
        "https://x.org/r.git?ref=a&ref=b|query \"ref\" has multiple values",
        "https://x.org/r.git?ref=|query \"ref\" has no value",
        "https://x.org/r.git?tag|query \"tag\" has no value",
        "https://x.org/r.git?keep-git-dir=maybe|invalid keep-git-dir value: \"maybe\"",
        "https://x.org/r.git?submodules=no|invalid submodules value: \"no\"",
        "git@x.org:r.git?branch=a&ref=b|ref conflicts: \"b\" vs \"refs/heads/a\"",
        "github.com/moby/buildkit?x=1|unexpected query \"x\""})
    void badQueriesOfGitRefsAreErrors(String s, String message) {
        assertThatThrownBy(() -> GitRef.parse(s)).isInstanceOf(GitRef.InvalidGitRefException.class)
                .hasMessage(message);
    }

    @Test
    void fragmentMarksTheQueryOnlyBeforeIt() {
        // "?x" after the fragment start belongs to the fragment, so the ref is "main?x".
        assertThat(GitRef.parse("https://x.org/r.git#main?x").ref()).isEqualTo("main?x");
    }

    @Test
    void keepGitDirAndSubmodulesAcceptGoBooleansAndBareKeys() {
        GitRef bare = GitRef.parse("https://x.org/r.git?keep-git-dir&submodules");
        assertThat(bare.keepGitDir()).isTrue();
        assertThat(bare.submodules()).isTrue();
        GitRef off = GitRef.parse("https://x.org/r.git?keep-git-dir=0&submodules=False");
        assertThat(off.keepGitDir()).isFalse();
        assertThat(off.submodules()).isFalse();
        assertThat(GitRef.parse("https://x.org/r.git?keep-git-dir=T").keepGitDir()).isTrue();
        assertThat(GitRef.parse("https://x.org/r.git").keepGitDir()).isNull();
    }

    @Test
    void checksumAndCommitBecomeTheRefWhenThereIsNone() {
        GitRef c = GitRef.parse("https://x.org/r.git?checksum=abc123");
        assertThat(c.checksum()).isEqualTo("abc123");
        assertThat(c.ref()).isEqualTo("abc123");
        GitRef withRef = GitRef.parse("https://x.org/r.git?commit=abc123#main");
        assertThat(withRef.checksum()).isEqualTo("abc123");
        assertThat(withRef.ref()).isEqualTo("main");
    }

    @Test
    void tagAndBranchKeepAnExplicitRefsPrefix() {
        assertThat(GitRef.parse("https://x.org/r.git?tag=refs/tags/v1").ref()).isEqualTo("refs/tags/v1");
        assertThat(GitRef.parse("https://x.org/r.git?branch=refs/heads/b&ref=refs/heads/b").ref())
                .isEqualTo("refs/heads/b");
    }

    @Test
    void httpPathIsJudgedDecodedAndWithoutQueryOrFragment() {
        assertThat(GitRef.parse("https://x.org/r.git?ref=main#:sub")).isEqualTo(ref("https://x.org/r.git", "r",
                "main", "sub"));
        assertThat(GitRef.parse("https://x.org/r%2Egit")).isNotNull();
        assertThat(GitRef.parse("https://x.org/r.gi%zz")).isNull();
        assertThat(GitRef.parse("https://x.org:port/r.git")).isNull();
        assertThat(GitRef.parse("HTTPS://x.org/r.git").remote()).isEqualTo("https://x.org/r.git");
    }

    @Test
    void sshAndScpForms() {
        assertThat(GitRef.parse("ssh://git@x.org:2222/r.git#v1")).isEqualTo(ref("ssh://git@x.org:2222/r.git", "r",
                "v1", ""));
        assertThat(GitRef.parse("ssh://x.org/r")).isNotNull();
        // A query the SCP parser cannot decode makes the string no git URL at all.
        assertThat(GitRef.parse("git@x.org:r.git?a=%zz")).isNull();
        assertThat(GitRef.parse("git@x.org:r.git?a=1;b=2")).isNull();
    }
}
