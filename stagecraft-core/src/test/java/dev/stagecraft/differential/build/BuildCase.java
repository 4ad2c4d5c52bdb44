package dev.stagecraft.differential.build;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One case of the differential build corpus: a directory with a {@code Dockerfile}, the context
 * files, and optionally {@code case.properties}:
 *
 * <ul>
 *   <li>{@code target=STAGE}, {@code build-args=K=V,K2=V2} (split on {@code ,}, then on the first
 *       {@code =});
 *   <li>{@code expect-exit-code=N}: the build must fail, a RUN exiting with {@code N};
 *   <li>{@code symlink.PATH=TARGET}, {@code hardlink.PATH=EXISTING}, {@code mode.PATH=OCTAL}: links
 *       and modes git cannot keep, made in the staged context.
 * </ul>
 *
 * <p>{@code @BASE@} in the Dockerfile stands for the base image, which lives in a registry on a
 * port chosen at run time.
 */
public record BuildCase(String name, Path dir, String target, Map<String, String> buildArgs,
        Integer expectedExitCode, Map<String, String> symlinks, Map<String, String> hardlinks,
        Map<String, Integer> modes) {
    /** The placeholder for the base image's reference in a case's Dockerfile. */
    public static final String BASE_PLACEHOLDER = "@BASE@";
    /** The mtime every staged context file gets (2001-09-09T01:46:40Z), so that kept times are recognisable. */
    public static final FileTime CONTEXT_MTIME = FileTime.fromMillis(1_000_000_000_000L);
    private static final String PROPERTIES = "case.properties";

    public BuildCase {
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        symlinks = Map.copyOf(symlinks);
        hardlinks = Map.copyOf(hardlinks);
        modes = Map.copyOf(modes);
    }

    /** Reads the case in {@code dir}. */
    public static BuildCase load(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("Dockerfile"))) {
            throw new IOException("differential case " + dir + " has no Dockerfile");
        }
        Properties p = new Properties();
        Path props = dir.resolve(PROPERTIES);
        if (Files.exists(props)) {
            try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        Map<String, String> args = new LinkedHashMap<>();
        String list = p.getProperty("build-args", "").trim();
        if (!list.isEmpty()) {
            for (String kv : list.split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IOException(props + ": build-args entry " + kv + " has no '='");
                }
                args.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Map<String, String> symlinks = new TreeMap<>();
        Map<String, String> hardlinks = new TreeMap<>();
        Map<String, Integer> modes = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("symlink.")) {
                symlinks.put(key.substring("symlink.".length()), value);
            } else if (key.startsWith("hardlink.")) {
                hardlinks.put(key.substring("hardlink.".length()), value);
            } else if (key.startsWith("mode.")) {
                modes.put(key.substring("mode.".length()), Integer.parseInt(value, 8));
            } else if (!List.of("target", "build-args", "expect-exit-code").contains(key)) {
                throw new IOException(props + ": unknown key " + key);
            }
        }
        String exit = p.getProperty("expect-exit-code");
        String target = p.getProperty("target");
        return new BuildCase(dir.getFileName().toString(), dir, target == null || target.isBlank() ? null : target.trim(),
                args, exit == null ? null : Integer.valueOf(exit.trim()), symlinks, hardlinks, modes);
    }

    /**
     * Writes the build context to {@code dest} (created): the case's files with the base image
     * named, files 0644 and directories 0755 unless {@code mode.*} says otherwise, the links, and
     * every mtime {@link #CONTEXT_MTIME}.
     */
    public Path stage(Path dest, String baseImage) throws IOException {
        Files.createDirectories(dest);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path src : walk.sorted().toList()) {
                String rel = dir.relativize(src).toString();
                if (rel.isEmpty() || rel.equals(PROPERTIES)) {
                    continue;
                }
                Path to = dest.resolve(rel);
                if (Files.isDirectory(src)) {
                    Files.createDirectories(to);
                    Files.setAttribute(to, "unix:mode", 0755);
                } else if (rel.equals("Dockerfile")) {
                    Files.writeString(to, Files.readString(src).replace(BASE_PLACEHOLDER, baseImage));
                    Files.setAttribute(to, "unix:mode", 0644);
                } else {
                    Files.copy(src, to);
                    Files.setAttribute(to, "unix:mode", 0644);
                }
            }
        }
        for (Map.Entry<String, String> link : symlinks.entrySet()) {
            Path at = dest.resolve(link.getKey());
            Files.createDirectories(at.getParent());
            Files.createSymbolicLink(at, Path.of(link.getValue()));
        }
        for (Map.Entry<String, String> link : hardlinks.entrySet()) {
            Path at = dest.resolve(link.getKey());
            Files.createDirectories(at.getParent());
            Files.createLink(at, dest.resolve(link.getValue()));
        }
        for (Map.Entry<String, Integer> mode : modes.entrySet()) {
            Files.setAttribute(dest.resolve(mode.getKey()), "unix:mode", mode.getValue());
        }
        try (Stream<Path> walk = Files.walk(dest)) {
            for (Path p : walk.toList()) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(CONTEXT_MTIME, null, null);
            }
        }
        return dest;
    }

    /** A digest of everything the case consists of: file names, contents and its properties. */
    public String contentHash() throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    md.update(Files.readAllBytes(p));
                    md.update((byte) 0);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
