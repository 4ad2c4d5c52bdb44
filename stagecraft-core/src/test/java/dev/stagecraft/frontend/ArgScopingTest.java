package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.DEFAULT_PATH;
import static dev.stagecraft.frontend.Fixtures.config;
import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.image;
import static dev.stagecraft.frontend.Fixtures.lastRun;
import static dev.stagecraft.frontend.Fixtures.ownHistory;
import static dev.stagecraft.frontend.Fixtures.withArgs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.graph.ExecOp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ARG scoping: global vs stage, precedence, ENV interplay, proxies (reference §5). */
class ArgScopingTest {

    @Test
    void globalArgsAreVisibleOnlyInFrom() {
        FrontendResult r = convert("""
                ARG TAG=3.19
                ARG V=1
                FROM alpine:${TAG}
                RUN echo $V
                """);
        assertThat(r.targetStage().base().name()).startsWith("docker.io/library/alpine:3.19@");
        ExecOp run = lastRun(r);
        assertThat(run.env()).containsExactly(DEFAULT_PATH);
        // The progress name leaves unset variables as written.
        assertThat(Fixtures.steps(r.targetStage(), "RUN").get(0).text()).isEqualTo("[2/2] RUN echo $V");
    }

    @Test
    void argWithoutDefaultReimportsTheGlobalValue() {
        FrontendResult r = convert("ARG V=1\nFROM alpine:3.19\nARG V\nRUN echo $V\n",
                withArgs(Map.of()));
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH, "V=1");
        assertThat(ownHistory(image(r))).containsExactly("ARG V=1", "RUN |1 V=1 /bin/sh -c echo $V # buildkit");
    }

    @Test
    void reimportedGlobalCarriesItsBuildArgOverride() {
        FrontendResult r = convert("ARG V=1\nFROM alpine:3.19\nARG V\nRUN x\n", withArgs(Map.of("V", "2")));
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH, "V=2");
    }

    @Test
    void globalsAreNotVisibleInLaterStagesWithoutReimport() {
        FrontendResult r = convert("""
                ARG V=1
                FROM alpine:3.19 AS a
                ARG V
                FROM alpine:3.19
                RUN echo ${V:-unset}
                """);
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH);
    }

    @Test
    void buildArgIsRawWhileDefaultsAreExpanded() {
        String df = "FROM alpine:3.19\nARG A=x\nARG B=${A}y\nENV R=$B\n";
        assertThat(config(convert(df)).env()).containsExactly(DEFAULT_PATH, "R=xy");
        assertThat(config(convert(df, withArgs(Map.of("B", "$A-raw")))).env())
                .containsExactly(DEFAULT_PATH, "R=$A-raw");
        // A build arg wins over the declared default.
        assertThat(config(convert(df, withArgs(Map.of("A", "q")))).env()).containsExactly(DEFAULT_PATH, "R=qy");
    }

    @Test
    void metaArgsBuildOnEarlierOnesAndBuildArgsAreRaw() {
        String df = "ARG A=1\nARG B=${A}0\nFROM alpine:3.19\nARG B\nENV R=$B\n";
        assertThat(config(convert(df)).env()).containsExactly(DEFAULT_PATH, "R=10");
        assertThat(config(convert(df, withArgs(Map.of("A", "2")))).env()).containsExactly(DEFAULT_PATH, "R=20");
        assertThat(config(convert(df, withArgs(Map.of("B", "${A}")))).env())
                .containsExactly(DEFAULT_PATH, "R=${A}");
    }

    @Test
    void scopeStartsAtTheDeclaration() {
        FrontendResult r = convert("""
                FROM alpine:3.19
                USER ${u:-nobody}
                ARG u=root
                USER ${u:-nobody}
                """);
        assertThat(ownHistory(image(r))).containsExactly("USER nobody", "ARG u=root", "USER root");
    }

    @Test
    void laterOfEnvAndArgWinsInTheBuildEnvButConfigHoldsOnlyEnv() {
        FrontendResult argLast = convert("FROM alpine:3.19\nENV K=env\nARG K=arg\nRUN echo $K\n");
        assertThat(lastRun(argLast).env()).containsExactly(DEFAULT_PATH, "K=arg");
        assertThat(config(argLast).env()).containsExactly(DEFAULT_PATH, "K=env");

        FrontendResult envLast = convert("FROM alpine:3.19\nARG K=arg\nENV K=env\nRUN echo $K\n");
        assertThat(lastRun(envLast).env()).containsExactly(DEFAULT_PATH, "K=env");
        assertThat(config(envLast).env()).containsExactly(DEFAULT_PATH, "K=env");
    }

    @Test
    void buildEnvKeepsOrderOfFirstDeclaration() {
        FrontendResult r = convert("FROM golang:1.22\nARG B=1\nENV A=2\nARG B=3\nENV GOPATH=/x\nRUN env\n");
        assertThat(lastRun(r).env()).containsExactly("PATH=/go/bin:/usr/local/go/bin:/usr/bin:/bin", "GOPATH=/x",
                "B=3", "A=2");
    }

    @Test
    void undeclaredValueStaysUnsetButEmptyDefaultIsSet() {
        assertThat(config(convert("FROM alpine:3.19\nARG K\nENV R=${K-x}\n")).env())
                .containsExactly(DEFAULT_PATH, "R=x");
        assertThat(config(convert("FROM alpine:3.19\nARG K=\nENV R=${K-x}\n")).env())
                .containsExactly(DEFAULT_PATH, "R=");
        // An unset ARG is not in the RUN environment.
        assertThat(lastRun(convert("FROM alpine:3.19\nARG K\nRUN x\n")).env()).containsExactly(DEFAULT_PATH);
    }

    @Test
    void undeclaredBuildArgIsInvisible() {
        FrontendResult r = convert("FROM alpine:3.19\nRUN echo $SECRET\n", withArgs(Map.of("SECRET", "s")));
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH);
    }

    @Test
    void proxyBuildArgsReachRunOnlyAsProxyEnv() {
        String df = "FROM alpine:3.19\nRUN apk add curl\n";
        FrontendResult plain = convert(df);
        FrontendResult proxied = convert(df, withArgs(Map.of("HTTP_PROXY", "http://p:3128", "no_proxy", "local",
                "Https_Proxy", "http://s:3128", "FTP_PROXY", "f", "all_proxy", "a")));
        ExecOp run = lastRun(proxied);
        assertThat(run.proxyEnv()).containsExactlyInAnyOrder("HTTP_PROXY=http://p:3128", "no_proxy=local",
                "Https_Proxy=http://s:3128", "FTP_PROXY=f", "all_proxy=a");
        assertThat(run.env()).containsExactly(DEFAULT_PATH);
        assertThat(ownHistory(image(proxied))).containsExactly("RUN /bin/sh -c apk add curl # buildkit");
        assertThat(proxied.targetStage().result().digest()).isEqualTo(plain.targetStage().result().digest());
        assertThat(lastRun(plain).proxyEnv()).isEmpty();
    }

    @Test
    void declaredProxyArgIsANormalArg() {
        FrontendResult r = convert("FROM alpine:3.19\nARG HTTP_PROXY\nRUN x\n",
                withArgs(Map.of("HTTP_PROXY", "http://p:3128")));
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH, "HTTP_PROXY=http://p:3128");
        assertThat(ownHistory(image(r))).containsExactly("ARG HTTP_PROXY=http://p:3128",
                "RUN |1 HTTP_PROXY=http://p:3128 /bin/sh -c x # buildkit");
        FrontendResult other = convert("FROM alpine:3.19\nARG HTTP_PROXY\nRUN x\n",
                withArgs(Map.of("HTTP_PROXY", "http://q:3128")));
        assertThat(other.targetStage().result().digest()).isNotEqualTo(r.targetStage().result().digest());
    }

    @Test
    void sbomScanArgsNeverEnterTheEnv() {
        FrontendResult r = convert("""
                FROM alpine:3.19
                ARG BUILDKIT_SBOM_SCAN_STAGE=true
                ARG BUILDKIT_SBOM_SCAN_CONTEXT
                RUN x
                """, withArgs(Map.of("BUILDKIT_SBOM_SCAN_CONTEXT", "true")));
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH);
        assertThat(ownHistory(image(r))).containsExactly(
                "ARG BUILDKIT_SBOM_SCAN_STAGE=true",
                "ARG BUILDKIT_SBOM_SCAN_CONTEXT=true",
                "RUN |2 BUILDKIT_SBOM_SCAN_STAGE=true BUILDKIT_SBOM_SCAN_CONTEXT=true /bin/sh -c x # buildkit");
    }

    @Test
    void argValuesAreInheritedByChildStages() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS base
                ARG MODE=fast
                FROM base
                RUN echo $MODE
                """);
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH, "MODE=fast");
        assertThat(config(r).env()).containsExactly(DEFAULT_PATH);
    }

    @Test
    void argDefaultSeesEnvAndEarlierArgs() {
        FrontendResult r = convert("FROM alpine:3.19\nENV E=e\nARG A=${E}1\nARG B=$A$E\nRUN x\n");
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH, "E=e", "A=e1", "B=e1e");
    }
}
