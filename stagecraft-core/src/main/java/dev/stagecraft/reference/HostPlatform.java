package dev.stagecraft.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Maps the JVM's {@code os.name} and {@code os.arch} to OCI platform names. */
final class HostPlatform {
    static final Platform CURRENT = detect(
            System.getProperty("os.name", ""), System.getProperty("os.arch", ""), HostPlatform::readCpuInfo);

    private HostPlatform() {}

    /**
     * The normalised platform for a JVM's properties.
     *
     * @param cpuInfo lines of {@code /proc/cpuinfo}, read only on 32-bit ARM for the variant
     */
    static Platform detect(String osName, String osArch, Supplier<List<String>> cpuInfo) {
        String arch = architecture(osArch.toLowerCase(Locale.ROOT));
        String[] normalized = PlatformNames.normalizeArch(arch, arch.equals("arm") ? armVariant(cpuInfo.get()) : "");
        // Not Platform.normalize(): that falls back to this very value for an empty OS.
        return new Platform(operatingSystem(osName.toLowerCase(Locale.ROOT)), normalized[0], normalized[1], "");
    }

    private static String operatingSystem(String name) {
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.equals("sunos") || name.equals("solaris")) {
            return "solaris";
        }
        return name.replace(" ", "");
    }

    private static String architecture(String arch) {
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "arm", "arm32", "armv7l", "armhf" -> "arm";
            case "loongarch64" -> "loong64";
            case "mips64el" -> "mips64le";
            case "mipsel" -> "mipsle";
            default -> arch;
        };
    }

    /** containerd reads the ARM version from the kernel's {@code CPU architecture} line; v7 is the fallback. */
    private static String armVariant(List<String> cpuInfo) {
        for (String line : cpuInfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("CPU architecture")) {
                return switch (line.substring(colon + 1).trim().toLowerCase(Locale.ROOT)) {
                    case "8", "aarch64" -> "v8";
                    case "6", "6tej" -> "v6";
                    case "5", "5t", "5te", "5tej" -> "v5";
                    default -> "v7";
                };
            }
        }
        return "v7";
    }

    private static List<String> readCpuInfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: only 32-bit ARM needs it and v7 is the usual answer.
            return List.of();
        }
    }
}
