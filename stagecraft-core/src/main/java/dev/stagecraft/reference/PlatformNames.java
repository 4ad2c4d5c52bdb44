package dev.stagecraft.reference;

import java.util.Locale;
import java.util.Set;

/**
 * The name tables of containerd's {@code platforms} package ({@code database.go}): which operating
 * systems and architectures are known, and how aliases such as {@code x86_64} or {@code armhf} are
 * normalised.
 */
final class PlatformNames {
    /** Go's {@code GOOS} list, as containerd copies it. */
    private static final Set<String> KNOWN_OS = Set.of(
            "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux",
            "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos");

    /** Go's {@code GOARCH} list, as containerd copies it. */
    private static final Set<String> KNOWN_ARCH = Set.of(
            "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le", "loong64",
            "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64",
            "s390", "s390x", "sparc", "sparc64", "wasm");

    private PlatformNames() {}

    static boolean isKnownOs(String os) {
        return KNOWN_OS.contains(os);
    }

    static boolean isKnownArch(String arch) {
        return KNOWN_ARCH.contains(arch);
    }

    /** Lower-cases and maps {@code macos} to {@code darwin}; containerd's empty-OS default is the caller's. */
    static String normalizeOs(String os) {
        String lower = os.toLowerCase(Locale.ROOT);
        return lower.equals("macos") ? "darwin" : lower;
    }

    /**
     * Normalises an architecture and its variant together, returning {architecture, variant}.
     * The default variants ({@code amd64/v1}, {@code arm64/v8}) are dropped; 32-bit ARM always gets one.
     */
    static String[] normalizeArch(String architecture, String variant) {
        String arch = architecture.toLowerCase(Locale.ROOT);
        String v = variant.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "i386" -> {
                arch = "386";
                v = "";
            }
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (v.equals("v1")) {
                    v = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                if (v.equals("8") || v.equals("v8")) {
                    v = "";
                }
            }
            case "armhf" -> {
                arch = "arm";
                v = "v7";
            }
            case "armel" -> {
                arch = "arm";
                v = "v6";
            }
            case "arm" -> {
                if (v.isEmpty() || v.equals("7")) {
                    v = "v7";
                } else if (v.equals("5") || v.equals("6") || v.equals("8")) {
                    v = "v" + v;
                }
            }
            default -> {
                // Unknown architectures pass through lower-cased, as in containerd.
            }
        }
        return new String[] {arch, v};
    }
}
