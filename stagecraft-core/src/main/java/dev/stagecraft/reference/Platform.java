package dev.stagecraft.reference;

import dev.stagecraft.text.GoText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI platform: operating system, CPU architecture, optional variant and optional OS version,
 * e.g. {@code linux/arm/v7} or {@code windows(10.0.17763)/amd64}.
 *
 * <p>{@link #parse(String)} reads containerd's specifier syntax ({@code platforms.Parse}), which
 * BuildKit uses for {@code FROM --platform} and the {@code --platform} build option. Absent parts
 * are empty strings, never null.
 *
 * @param os           {@code linux}, {@code windows}, ...
 * @param architecture {@code amd64}, {@code arm64}, {@code arm}, ...
 * @param variant      {@code v7} for 32-bit ARM, usually empty otherwise
 * @param osVersion    e.g. {@code 10.0.17763} for Windows, usually empty
 */
public record Platform(String os, String architecture, String variant, String osVersion) {
    // The texts of containerd's expressions are part of its error messages, so they are kept as Go
    // wrote them; Java matches the same languages with matches() standing in for ^...$.
    private static final String OS_AND_VERSION_TEXT = "^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)\\))?$";
    private static final String SPECIFIER_TEXT = "^[A-Za-z0-9_-]+$";
    private static final Pattern OS_AND_VERSION = Pattern.compile("([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)\\))?");
    private static final Pattern SPECIFIER = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String INVALID_ARGUMENT = ": invalid argument";

    /** Treats null parts as absent. */
    public Platform {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
        osVersion = osVersion == null ? "" : osVersion;
    }

    /** A platform with neither variant nor OS version, e.g. {@code Platform.of("linux", "amd64")}. */
    public static Platform of(String os, String architecture) {
        return new Platform(os, architecture, "", "");
    }

    /**
     * Parses {@code os[(osversion)][/arch[/variant]]} or a bare {@code arch}, as
     * {@code platforms.Parse} does; parts missing from the text come from {@link #host()}.
     *
     * @throws InvalidPlatformException with containerd's message
     */
    public static Platform parse(String specifier) {
        return parse(specifier, host());
    }

    /**
     * Parses a specifier, taking the parts it leaves out from {@code defaults} where containerd would
     * take them from the running process: the architecture of a bare OS ({@code linux}) and the OS
     * of a bare architecture ({@code arm64}). A builder of Linux images on another host passes its
     * build platform here, as BuildKit's frontend always runs on Linux.
     *
     * @throws InvalidPlatformException with containerd's message
     */
    public static Platform parse(String specifier, Platform defaults) {
        if (specifier.contains("*")) {
            throw invalid(GoText.quote(specifier) + ": wildcards not yet supported");
        }
        // At most four parts, so "a/b/c/d/e" fails on its fourth part "d/e", as in Go's SplitN.
        String[] parts = specifier.split("/", 4);
        Matcher osMatch = OS_AND_VERSION.matcher(parts[0]);
        if (!osMatch.matches()) {
            throw invalid(GoText.quote(parts[0]) + " is an invalid OS component of " + GoText.quote(specifier)
                    + ": OSAndVersion specifier component must match " + GoText.quote(OS_AND_VERSION_TEXT));
        }
        for (int i = 1; i < parts.length; i++) {
            if (!SPECIFIER.matcher(parts[i]).matches()) {
                throw invalid(GoText.quote(parts[i]) + " is an invalid component of " + GoText.quote(specifier)
                        + ": platform specifier component must match " + GoText.quote(SPECIFIER_TEXT));
            }
        }
        String os = PlatformNames.normalizeOs(osMatch.group(1));
        String osVersion = osMatch.group(2) == null ? "" : osMatch.group(2);
        switch (parts.length) {
            case 1 -> {
                if (PlatformNames.isKnownOs(os)) {
                    String arch = defaults.architecture();
                    String variant = arch.equals("arm") && !defaults.variant().equals("v7") ? defaults.variant() : "";
                    return new Platform(os, arch, variant, osVersion);
                }
                // The raw text, "(version)" included, is tried as an architecture.
                Platform arch = withoutDefaultArmVariant(PlatformNames.normalizeArch(parts[0], ""));
                if (PlatformNames.isKnownArch(arch.architecture())) {
                    return new Platform(defaults.os(), arch.architecture(), arch.variant(), osVersion);
                }
                throw invalid(GoText.quote(specifier) + ": unknown operating system or architecture");
            }
            case 2 -> {
                Platform arch = withoutDefaultArmVariant(PlatformNames.normalizeArch(parts[1], ""));
                return new Platform(os, arch.architecture(), arch.variant(), osVersion);
            }
            case 3 -> {
                String[] arch = PlatformNames.normalizeArch(parts[1], parts[2]);
                // An explicit variant is kept even where it is the default one.
                String variant = arch[0].equals("arm64") && arch[1].isEmpty() ? "v8" : arch[1];
                return new Platform(os, arch[0], variant, osVersion);
            }
            default -> throw invalid(GoText.quote(specifier) + ": cannot parse platform specifier");
        }
    }

    /** Without an explicit variant, 32-bit ARM means v7 and is written without it. */
    private static Platform withoutDefaultArmVariant(String[] arch) {
        boolean defaultArm = arch[0].equals("arm") && arch[1].equals("v7");
        return new Platform("", arch[0], defaultArm ? "" : arch[1], "");
    }

    private static InvalidPlatformException invalid(String reason) {
        return new InvalidPlatformException(reason + INVALID_ARGUMENT);
    }

    /**
     * The platform this process runs on, in OCI names ({@code linux/amd64}, {@code linux/arm64},
     * {@code linux/arm/v7}, ...), normalised as BuildKit reports its worker platform.
     */
    public static Platform host() {
        return HostPlatform.CURRENT;
    }

    /**
     * {@code platforms.Normalize}: OS lower-cased ({@code macos} becomes {@code darwin}, empty becomes
     * the host's), architecture aliases resolved and default variants dropped ({@code arm64/v8} becomes
     * {@code arm64}; {@code arm} gains {@code v7}).
     */
    public Platform normalize() {
        String[] arch = PlatformNames.normalizeArch(architecture, variant);
        String normalizedOs = os.isEmpty() ? host().os() : PlatformNames.normalizeOs(os);
        return new Platform(normalizedOs, arch[0], arch[1], osVersion);
    }

    /** {@code platforms.Format}: {@code os/arch[/variant]}, or {@code unknown} without an OS. */
    public String format() {
        return os.isEmpty() ? "unknown" : GoText.pathJoin(os, architecture, variant);
    }

    /** {@code platforms.FormatAll}: as {@link #format()}, with {@code (osversion)} after the OS if set. */
    public String formatAll() {
        if (os.isEmpty()) {
            return "unknown";
        }
        String osPart = osVersion.isEmpty() ? os : os + "(" + osVersion + ")";
        return GoText.pathJoin(osPart, architecture, variant);
    }

    /** The {@link #formatAll()} text. */
    @Override
    public String toString() {
        return formatAll();
    }
}
