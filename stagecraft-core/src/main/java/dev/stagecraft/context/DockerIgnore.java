package dev.stagecraft.context;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.text.GoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ignore rules of a build context, read the way BuildKit's Dockerfile front end reads them:
 * {@code <Dockerfile>.dockerignore} next to the Dockerfile wins over {@code .dockerignore} at the
 * context root; lines are parsed by moby's {@code ignorefile.ReadAll}: a UTF-8 BOM is dropped,
 * lines starting with {@code #} are comments, blanks are skipped, each pattern is trimmed and
 * cleaned and loses a leading {@code /} (a {@code !} prefix is kept aside while doing so).
 *
 * @param patterns the patterns in file order, as moby's reader returns them
 * @param source   the file they came from, or null when there is none
 */
public record DockerIgnore(List<String> patterns, Path source) {
    private static final String FILE_NAME = ".dockerignore";

    public DockerIgnore {
        patterns = List.copyOf(patterns);
    }

    /** No ignore rules. */
    public static DockerIgnore none() {
        return new DockerIgnore(List.of(), null);
    }

    /**
     * The ignore rules for a build of {@code dockerfile} in {@code contextDir}.
     *
     * @param dockerfile the Dockerfile, or null when it is not a file (read from stdin)
     * @throws StagecraftException when the ignore file exists but cannot be read
     */
    public static DockerIgnore read(Path contextDir, Path dockerfile) {
        if (dockerfile != null) {
            Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + FILE_NAME);
            if (Files.isRegularFile(specific)) {
                return load(specific);
            }
        }
        Path general = contextDir.resolve(FILE_NAME);
        if (Files.isRegularFile(general)) {
            return load(general);
        }
        return none();
    }

    private static DockerIgnore load(Path file) {
        try {
            return new DockerIgnore(parse(Files.readString(file, StandardCharsets.UTF_8)), file);
        } catch (IOException e) {
            throw new StagecraftException("failed to read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of an ignore file into patterns (moby's {@code ReadAll}). */
    public static List<String> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.charAt(0) == '!';
            if (invert) {
                pattern = pattern.substring(1).strip();
            }
            if (!pattern.isEmpty()) {
                pattern = GoText.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                    pattern = pattern.substring(1);
                }
            }
            out.add(invert ? "!" + pattern : pattern);
        }
        return out;
    }

    /**
     * The compiled matcher.
     *
     * @throws InvalidPatternException for a malformed pattern
     */
    public PatternMatcher matcher() {
        return PatternMatcher.compile(patterns);
    }
}
