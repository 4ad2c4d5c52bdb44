package dev.stagecraft.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PlatformTest {
    private static final Platform LINUX_AMD64 = Platform.of("linux", "amd64");
    private static final String OS_RULE =
            ": OSAndVersion specifier component must match \"^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$\""
                    + ": invalid argument";
    private static final String COMPONENT_RULE =
            ": platform specifier component must match \"^[A-Za-z0-9_-]+$\": invalid argument";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "linux/amd64, linux/amd64",
        "linux/x86_64, linux/amd64",
        "linux/x86-64, linux/amd64",
        "Linux/x86_64, linux/amd64",
        "linux/AMD64/V2, linux/amd64/v2",
        "linux/amd64/v1, linux/amd64",
        "linux/amd64/v3, linux/amd64/v3",
        "linux/arm64, linux/arm64",
        "linux/aarch64, linux/arm64",
        // An explicit arm64 variant survives Parse (only Normalize drops it).
        "linux/arm64/v8, linux/arm64/v8",
        "linux/aarch64/8, linux/arm64/v8",
        "linux/arm64/v9, linux/arm64/v9",
        "linux/arm, linux/arm",
        "linux/armhf, linux/arm",
        "linux/arm/v7, linux/arm/v7",
        "linux/arm/7, linux/arm/v7",
        "linux/armel, linux/arm/v6",
        "linux/arm/6, linux/arm/v6",
        "linux/arm/5, linux/arm/v5",
        "linux/i386, linux/386",
        "linux/i386/v2, linux/386",
        "linux/386, linux/386",
        "linux/s390x, linux/s390x",
        "linux/ppc64le, linux/ppc64le",
        "linux/riscv64, linux/riscv64",
        // With an OS given, any architecture is taken as it is.
        "linux/foo, linux/foo",
        "FreeBSD/amd64, freebsd/amd64",
        "macos/arm64, darwin/arm64",
        // A bare architecture takes the default OS, a bare OS the default architecture.
        "arm64, linux/arm64",
        "Aarch64, linux/arm64",
        "x86_64, linux/amd64",
        "armhf, linux/arm",
        "armel, linux/arm/v6",
        "i386, linux/386",
        "s390x, linux/s390x",
        "linux, linux/amd64",
        "macOS, darwin/amd64",
        "windows, windows/amd64",
        "windows(), windows/amd64",
        "windows(10.0.17763), windows(10.0.17763)/amd64",
        "windows(10.0.17763)/arm64, windows(10.0.17763)/arm64",
    })
    void parsesAndNormalisesSpecifiers(String specifier, String expected) {
        Platform platform = Platform.parse(specifier, LINUX_AMD64);

        assertThat(platform.formatAll()).isEqualTo(expected);
        assertThat(Platform.parse(platform.formatAll(), LINUX_AMD64)).isEqualTo(platform);
    }

    @Test
    void keepsTheOsVersionApartFromTheOs() {
        Platform platform = Platform.parse("windows(10.0.17763)/amd64", LINUX_AMD64);

        assertThat(platform).isEqualTo(new Platform("windows", "amd64", "", "10.0.17763"));
        assertThat(platform.format()).isEqualTo("windows/amd64");
        assertThat(platform).hasToString("windows(10.0.17763)/amd64");
    }

    @Test
    void bareOsTakesTheDefaultArmVariantUnlessItIsV7() {
        assertThat(Platform.parse("linux", new Platform("linux", "arm", "v6", "")).format()).isEqualTo("linux/arm/v6");
        assertThat(Platform.parse("linux", new Platform("linux", "arm", "v7", "")).format()).isEqualTo("linux/arm");
        assertThat(Platform.parse("linux", new Platform("linux", "amd64", "v3", "")).format()).isEqualTo("linux/amd64");
        assertThat(Platform.parse("amd64", Platform.of("darwin", "arm64")).format()).isEqualTo("darwin/amd64");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "\"\" is an invalid OS component of \"\"" + OS_RULE),
                Arguments.of("/linux/arm", "\"\" is an invalid OS component of \"/linux/arm\"" + OS_RULE),
                Arguments.of("linux /arm", "\"linux \" is an invalid OS component of \"linux /arm\"" + OS_RULE),
                Arguments.of("linux\t/amd64", "\"linux\\t\" is an invalid OS component of \"linux\\t/amd64\""
                        + OS_RULE),
                Arguments.of("linux(1.0", "\"linux(1.0\" is an invalid OS component of \"linux(1.0\"" + OS_RULE),
                Arguments.of("linux/arm/", "\"\" is an invalid component of \"linux/arm/\"" + COMPONENT_RULE),
                Arguments.of("linux/&arm", "\"&arm\" is an invalid component of \"linux/&arm\"" + COMPONENT_RULE),
                Arguments.of("linux/arm64/v8.2", "\"v8.2\" is an invalid component of \"linux/arm64/v8.2\""
                        + COMPONENT_RULE),
                Arguments.of("a/b/c/d/e", "\"d/e\" is an invalid component of \"a/b/c/d/e\"" + COMPONENT_RULE),
                Arguments.of("linux/é", "\"é\" is an invalid component of \"linux/é\"" + COMPONENT_RULE),
                Arguments.of("linux/\u00a0", "\"\\u00a0\" is an invalid component of \"linux/\\u00a0\""
                        + COMPONENT_RULE),
                Arguments.of("linux/\"", "\"\\\"\" is an invalid component of \"linux/\\\"\"" + COMPONENT_RULE),
                Arguments.of("foo", "\"foo\": unknown operating system or architecture: invalid argument"),
                Arguments.of("amd64(1)", "\"amd64(1)\": unknown operating system or architecture: invalid argument"),
                Arguments.of("*", "\"*\": wildcards not yet supported: invalid argument"),
                Arguments.of("linux/*", "\"linux/*\": wildcards not yet supported: invalid argument"),
                Arguments.of("linux/arm/foo/bar",
                        "\"linux/arm/foo/bar\": cannot parse platform specifier: invalid argument"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void rejectsInvalidSpecifiersWithContainerdsMessage(String specifier, String message) {
        assertThatThrownBy(() -> Platform.parse(specifier, LINUX_AMD64))
                .isInstanceOf(InvalidPlatformException.class)
                .hasMessage(message);
    }

    @Test
    void formatsLikeContainerd() {
        assertThat(new Platform("", "amd64", "", "").format()).isEqualTo("unknown");
        assertThat(new Platform("", "amd64", "", "1").formatAll()).isEqualTo("unknown");
        assertThat(Platform.of("linux", "").format()).isEqualTo("linux");
        assertThat(new Platform("linux", "arm", "v7", "").format()).isEqualTo("linux/arm/v7");
        assertThat(new Platform("linux", "", "v7", "").format()).isEqualTo("linux/v7");
        assertThat(new Platform("windows", "amd64", "", "10.0").formatAll()).isEqualTo("windows(10.0)/amd64");
        assertThat(new Platform(null, null, null, null)).isEqualTo(new Platform("", "", "", ""));
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
    @CsvSource({
        "Linux, aarch64, v8, linux/arm64",
        "linux, arm64, 8, linux/arm64",
        "linux, arm, '', linux/arm/v7",
        "linux, armhf, '', linux/arm/v7",
        "macos, x86_64, '', darwin/amd64",
        "linux, amd64, v1, linux/amd64",
        "linux, i386, v9, linux/386",
    })
    void normalisesLikeContainerd(String os, String arch, String variant, String expected) {
        assertThat(new Platform(os, arch, variant, "").normalize().format()).isEqualTo(expected);
    }

    @Test
    void normaliseFillsAnEmptyOsFromTheHost() {
        assertThat(Platform.of("", "amd64").normalize().os()).isEqualTo(Platform.host().os());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Linux, amd64, linux/amd64",
        "Linux, x86_64, linux/amd64",
        "Linux, aarch64, linux/arm64",
        "Mac OS X, aarch64, darwin/arm64",
        "Mac OS X, x86_64, darwin/amd64",
        "Windows 11, amd64, windows/amd64",
        "Windows Server 2022, x86, windows/386",
        "FreeBSD, amd64, freebsd/amd64",
        "SunOS, sparcv9, solaris/sparcv9",
        "Linux, ppc64le, linux/ppc64le",
        "Linux, s390x, linux/s390x",
        "Linux, riscv64, linux/riscv64",
        "Linux, loongarch64, linux/loong64",
        "Linux, arm, linux/arm/v7",
    })
    void mapsJavaPropertiesToOciNames(String osName, String osArch, String expected) {
        assertThat(HostPlatform.detect(osName, osArch, List::of).format()).isEqualTo(expected);
    }

    @Test
    void readsTheArmVariantFromCpuInfo() {
        List<String> armv6 = List.of("processor\t: 0", "model name\t: ARMv6-compatible processor",
                "CPU architecture: 6");
        List<String> armv8 = List.of("CPU architecture\t: 8");

        assertThat(HostPlatform.detect("Linux", "arm", () -> armv6).format()).isEqualTo("linux/arm/v6");
        assertThat(HostPlatform.detect("Linux", "arm", () -> armv8).format()).isEqualTo("linux/arm/v8");
        assertThat(HostPlatform.detect("Linux", "amd64", () -> {
            throw new AssertionError("cpuinfo is only read on 32-bit ARM");
        }).format()).isEqualTo("linux/amd64");
    }

    @Test
    void hostIsTheDetectedPlatformOfThisJvm() {
        Platform expected = HostPlatform.detect(System.getProperty("os.name"), System.getProperty("os.arch"), List::of);

        assertThat(Platform.host().os()).isEqualTo(expected.os());
        assertThat(Platform.host().architecture()).isEqualTo(expected.architecture());
        assertThat(Platform.host().format()).matches("[a-z0-9]+/[a-z0-9]+(/v[0-9]+)?");
    }
}
