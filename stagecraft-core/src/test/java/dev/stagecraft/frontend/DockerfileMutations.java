package dev.stagecraft.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for {@link FrontEndPropertiesTest}: a grammar-aware generator of Dockerfiles
 * (real keywords and flags mixed with garbage), mutations of real Dockerfiles, and the build
 * options to run them with.
 *
 * <p>Everything is built from small choices with {@link Combinators} and lists, so that jqwik can
 * shrink a failing case to a few short lines. Very long lines and deep nesting are produced by
 * {@code map} over a small integer, so they shrink on the integer rather than character by
 * character.
 */
final class DockerfileMutations {
    private DockerfileMutations() {
    }

    static final List<String> KEYWORDS = List.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");

    static final List<String> VARS = List.of("A", "B", "IMG", "TAG", "PORT", "HOME", "PATH", "TARGETPLATFORM",
            "BUILDPLATFORM", "TARGETARCH", "TARGETOS", "BUILDOS", "x_1", "lower", "\u00c4\u00d6", "A-B", "1A");

    static final List<String> STAGE_NAMES = List.of("build", "base", "final", "Build", "FINAL", "stage-0",
            "stage-1", "0", "1", "a.b", "x_y", "scratch", "-bad", "b@d", "tr\u00e8s", "alpine", "context");

    /** Names stages are usually given, so that references between stages often match. */
    static final List<String> COMMON_STAGES = List.of("build", "base", "final", "deps");

    static final List<String> GOOD_IMAGES = List.of("alpine:3.19", "golang:1.22", "nginx:latest",
            "example/onbuild:1", "random/onbuild:1", "scratch", "${IMG}", "alpine:${TAG:-3.19}");

    static final List<String> IMAGES = List.of("alpine:3.19", "golang:1.22", "nginx:latest", "example/onbuild:1",
            "random/onbuild:1", "scratch", "SCRATCH", "unknown:1", "alpine", "docker.io/library/alpine:3.19",
            "alpine@sha256:" + "a".repeat(64), "alpine:3.19@sha256:" + "a".repeat(64), "localhost:5000/x/y:z",
            "a..b", "UPPER/case", "::", "alpine:", "@sha256:abc", "${IMG}", "$IMG", "${IMG:-alpine:3.19}",
            "${IMG:+nginx}", "alpine:${TAG}", "alpine:${TAG:-3.19}", "${BUILDPLATFORM}", "${A:?missing}",
            "${TARGETARCH}/alpine", "''", "\"alpine:3.19\"", "alpine:3.19 ", "${IMG", "$", "-", "a b",
            "alpine:" + "9".repeat(200));

    /** Image references assembled from registry, path, tag and digest parts, valid or not. */
    static Arbitrary<String> imageRef() {
        Arbitrary<String> registry = Arbitraries.of("", "", "", "docker.io/", "localhost:5000/", "LOCALHOST/",
                "my-registry.example.com/", "127.0.0.1:99999999999/", "[::1]:5000/", "a_b.com/", ":5000/", "host:/",
                "xn--bcher-kva.example/", "h\u00e9/");
        Arbitrary<String> path = Arbitraries.of("alpine", "library/alpine", "a/b/c/d", "UPPER", "a__b", "a--b",
                "a..b", "-a", "a-", "_a", "a.b", "a" + "b".repeat(300), "", "a//b", "nginx", "x/../y", "\u00e9");
        Arbitrary<String> tag = Arbitraries.of("", "", ":3.19", ":latest", ":", ":-x", ":" + "t".repeat(129),
                ":a.b-c_d", ":\u00e9", ":a:b", ":${TAG:-1}");
        Arbitrary<String> digest = Arbitraries.of("", "", "", "@sha256:" + "a".repeat(64), "@sha256:" + "a".repeat(63),
                "@sha512:" + "b".repeat(128), "@sha256:" + "A".repeat(64), "@md5:abc", "@", "@sha256:",
                "@x:" + "0".repeat(32), "@sha256:" + "g".repeat(64));
        return Combinators.combine(registry, path, tag, digest).as((r, p, t, d) -> r + p + t + d);
    }

    static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64", "linux/arm64/v8", "linux/arm/v7",
            "windows/amd64", "$BUILDPLATFORM", "${TARGETPLATFORM}", "${BUILDPLATFORM:-linux/amd64}", "",
            "linux", "linux/", "/amd64", "garbage/x/y/z", "$A", "LINUX/AMD64", "linux/amd64,linux/arm64",
            "darwin", "windows(10.0.17763)/amd64");

    private static final String SHELLISH = "${}:-+?=#%/\\'\"`*<> \tABX_01@!.[],";

    // ---- words ----

    static Arbitrary<String> simpleWord() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("x", "/app", ".", "/", "*.go", "src/", "1", "p*", "?", "[a-z]",
                        "a.txt", "/etc/passwd", "..", "../x", "~", "-", "--", "-x", "=", "a=b", "1000:1000",
                        "root", "0755", "sh", "-c", "echo", "hello", "/bin/sh", "**", "dir/", "C:\\x")),
                Tuple.of(2, Arbitraries.strings().withChars("abcXYZ019/._-*?[]").ofMinLength(1).ofMaxLength(8)),
                Tuple.of(1, Arbitraries.just("")));
    }

    private static final List<String> VAR_FORMS = List.of("$@N", "${@N}", "${@N:-@W}", "${@N-@W}", "${@N:+@W}",
            "${@N+@W}", "${@N:?@W}", "${@N?@W}", "${@N#@W}", "${@N##@W}", "${@N%@W}", "${@N%%@W}", "${@N/@W/x}",
            "${@N//@W}", "${@N/#@W/x}", "${@N/%@W/x}", "${@N:1}", "${@N:1:2}", "${#@N}", "${@N", "${", "$", "${}",
            "${@N:}", "${@N^^}", "${!@N}", "$$", "${@N:-${@N:-@W}}", "${@N:-'@W'}", "${@N:-\"@W\"}", "$@N@W",
            "${@N:-\\}}", "${@N/\\//x}", "${@N:=@W}", "${1}", "$1", "${@N@}");

    static Arbitrary<String> varRef() {
        return Combinators.combine(Arbitraries.of(VARS), Arbitraries.of(VAR_FORMS), simpleWord())
                .as((n, f, w) -> f.replace("@N", n).replace("@W", w));
    }

    private static final List<String> ODD = List.of("\u00e9", "\u65e5\u672c", "\ud83d\ude00", "\u0000", "\u0001",
            "\u0007", "\u001b", "\u007f", "\u0085", "\u00a0", "\u2028", "\ufeff", "\t", "\r", "\u000b", "\u000c",
            "\ufffd", "\u0130", "\u0131", "\u017f", "\u212a", "\u00df");

    static Arbitrary<String> word() {
        return Arbitraries.frequencyOf(
                Tuple.of(60, simpleWord()),
                Tuple.of(30, varRef()),
                Tuple.of(8, Combinators.combine(Arbitraries.of("\"", "'", ""), simpleWord(), varRef(),
                        Arbitraries.of("\"", "'", "")).as((o, a, b, c) -> o + a + " " + b + c)),
                Tuple.of(6, Arbitraries.of("\\$A", "\\\\", "\\n", "\\ ", "`$A", "``", "\\\"", "'\\''", "\\`",
                        "\\", "`", "\"\\$A\"", "'$A'", "\"'\"", "'\"'", "\\\\$A")),
                Tuple.of(6, Arbitraries.of("`echo hi`", "$(echo hi)", "$((1+2))", "&&", "||", ";", "|", ">",
                        "2>&1", "<", "(", ")", "{", "}", "#", "# not a comment", "*", "!")),
                Tuple.of(5, Arbitraries.of(ODD).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l))),
                Tuple.of(8, Arbitraries.strings().withChars(SHELLISH).ofMaxLength(20)),
                Tuple.of(1, nested()));
    }

    /** Deep nesting, to look for stack overflows in recursive parsers. */
    static Arbitrary<String> nested() {
        return Combinators.combine(Arbitraries.integers().between(1, 4000), Arbitraries.of(0, 1, 2, 3, 4, 5))
                .as((d, kind) -> switch (kind) {
                    case 0 -> "${A:-".repeat(d) + "x" + "}".repeat(d);
                    case 1 -> "${A:-".repeat(d);
                    case 2 -> "\"$(".repeat(d);
                    case 3 -> "${A:-\"".repeat(d) + "x" + "\"}".repeat(d);
                    case 4 -> "${A/".repeat(d) + "x";
                    default -> "${A:-'".repeat(d) + "'}".repeat(d);
                });
    }

    /** Separators between words: mostly blanks, sometimes a line continuation. */
    static Arbitrary<String> separator() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(" ")),
                Tuple.of(3, Arbitraries.of("\t", "  ", " \t ")),
                Tuple.of(2, Arbitraries.of(" \\\n", " `\n", "\\\n  ", " \\\n# comment\n", " \\\n\n", " \\\n   \n",
                        " \\ \n", "\\\n#\n  ", " `\n# c\n")));
    }

    static Arbitrary<String> words(int max) {
        return Combinators.combine(word(), separator()).as((w, s) -> w + s).list().ofMaxSize(max)
                .map(l -> String.join("", l).stripTrailing());
    }

    // ---- JSON ----

    static String jsonQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static Arbitrary<String> jsonElement() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, word().map(DockerfileMutations::jsonQuote)),
                Tuple.of(1, Arbitraries.of("\"\\u00e9\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "1", "null",
                        "true", "[]", "{}", "\"a\" \"b\"", "'a'", "\"", "\"\\\"", "b", "\"\\u12\"", "\"\\/\"",
                        "[\"a\"]", "\"\\u0000\"")));
    }

    static Arbitrary<String> json() {
        Arbitrary<String> valid = jsonElement().list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]");
        Arbitrary<String> broken = Combinators.combine(jsonElement().list().ofMaxSize(3),
                Arbitraries.of("[", " [ ", "[\t"), Arbitraries.of("]", "", ",]", "] x", "]]", " ] ", "}", "]\\"),
                Arbitraries.of(", ", ",", " ", ",,"))
                .as((l, open, close, sep) -> open + String.join(sep, l) + close);
        Arbitrary<String> deep = Arbitraries.integers().between(1, 5000).map(d -> "[".repeat(d) + "]".repeat(d));
        return Arbitraries.frequencyOf(Tuple.of(20, valid), Tuple.of(3, broken), Tuple.of(1, deep));
    }

    // ---- flags ----

    static Arbitrary<String> stageRef() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(COMMON_STAGES)),
                Tuple.of(3, Arbitraries.of("0", "1", "2")),
                Tuple.of(2, Arbitraries.of(STAGE_NAMES)),
                Tuple.of(1, Arbitraries.of("3", "7", "-1", "00", "99999999999", "+1")),
                Tuple.of(2, Arbitraries.of(GOOD_IMAGES)),
                Tuple.of(1, Arbitraries.of(IMAGES)),
                Tuple.of(1, imageRef()),
                Tuple.of(1, word()));
    }

    static Arbitrary<String> mountField() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("type=cache", "type=bind", "type=secret", "type=ssh", "type=tmpfs",
                        "type=garbage", "type=", "type")),
                Tuple.of(3, Combinators.combine(Arbitraries.of("target", "dst", "destination", "source", "src",
                        "from", "id", "mode", "uid", "gid", "sharing", "size", "required", "ro", "rw", "readonly",
                        "readwrite", "env", "x", ""), Arbitraries.of("=", ""), Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.of("/x", "/cache", "0777", "1000", "abc", "locked", "shared",
                                        "private", "true", "false", "10m", "-1", "", "${A}", "$A", "a b")),
                                Tuple.of(1, stageRef())))
                        .as((k, eq, v) -> k + eq + v)),
                Tuple.of(1, Arbitraries.of("\"target=/a,b\"", "'x'", "=", ",", "type=cache,", "\"")));
    }

    static Arbitrary<String> mount() {
        Arbitrary<String> valid = Combinators.combine(Arbitraries.of(
                "type=cache,target=/root/.cache", "type=cache,target=/var/cache/apt,sharing=locked",
                "type=cache,id=@R,target=/c,mode=0755,uid=1000", "type=bind,from=@R,source=/,target=/y",
                "type=bind,from=@R,target=/src,rw", "type=secret,id=tok", "type=secret,id=tok,target=/s,required",
                "type=secret,id=aws,env=AWS", "type=ssh", "type=ssh,id=default,required=false",
                "type=tmpfs,target=/t,size=10m", "target=/x", "type=cache,target=/x,from=@R,source=/cache",
                "type=bind,target=/${A:-x},from=@R"), stageRef()).as((t, r) -> t.replace("@R", r));
        Arbitrary<String> random = mountField().list().ofMinSize(0).ofMaxSize(4).map(l -> String.join(",", l));
        return Arbitraries.frequencyOf(Tuple.of(7, valid), Tuple.of(3, random));
    }

    private static final Map<String, List<String>> FLAGS_OF = Map.of(
            "RUN", List.of("--mount", "--mount", "--mount", "--network", "--security", "--device"),
            "COPY", List.of("--from", "--from", "--from", "--chown", "--chmod", "--link", "--parents", "--exclude"),
            "ADD", List.of("--chown", "--chmod", "--link", "--checksum", "--keep-git-dir", "--unpack", "--exclude",
                    "--from"),
            "FROM", List.of("--platform"),
            "HEALTHCHECK", List.of("--interval", "--timeout", "--start-period", "--start-interval", "--retries"));

    static Arbitrary<String> flagValue(String name) {
        Arbitrary<String> specific = switch (name) {
            case "--mount" -> mount();
            case "--from" -> stageRef();
            case "--chown" -> Arbitraries.of("1000:1000", "root", "root:root", "$A", "${A}:${B}", "1000", ":",
                    "bin:", "99999999999", "4294967296:1", "-1:-1", "1:2:3", "9223372036854775808", ":1000");
            case "--chmod" -> Arbitraries.of("755", "0644", "u+x", "g=rwx", "a+X", "+x", "u=rwx,go=rx", "0", "8",
                    "99999999999", "$A", "rwx", "77777777777777777777777", "07777", "17777", "-755", "+755",
                    "0o755", "u+s,g-w", "=", ",", "u+", "ugoa+rwxXst", "0x1ff");
            case "--link", "--parents", "--keep-git-dir", "--unpack" -> Arbitraries.of("true", "false", "1", "yes");
            case "--exclude" -> Arbitraries.of("*.tmp", "**/node_modules", "$A", "[", "a/b");
            case "--network" -> Arbitraries.of("none", "host", "default", "bridge", "");
            case "--security" -> Arbitraries.of("insecure", "sandbox", "x");
            case "--device" -> Arbitraries.of("/dev/null", "nvidia.com/gpu=all", "", "a,required");
            case "--checksum" -> Arbitraries.of("sha256:" + "0".repeat(64), "sha256:x", "md5:1", "");
            case "--platform" -> Arbitraries.of(PLATFORMS);
            case "--retries" -> Arbitraries.of("3", "0", "-1", "abc", "99999999999", "9223372036854775807",
                    "9223372036854775808", "-9223372036854775809", "+3", "0x10", "1e3");
            default -> Arbitraries.of("30s", "1m30s", "0s", "-1s", "1h", "abc", "1", "0.5s", "1ms", "", "1d",
                    "2562047h47m16.854775807s", "2562047h47m16.854775808s", "9999999999999h", "1e9s", "-0s", "1.5h",
                    ".5s", "5.s", "1us", "1\u00b5s", "1ns", "0.0000000001s", "99999999999999999999ns", "1h-1m",
                    "+1s", "1s1s", "s", "1", "00000000000000000000001s");
        };
        return Arbitraries.frequencyOf(Tuple.of(12, specific), Tuple.of(1, word()));
    }

    /** Flags for {@code keyword}: mostly its own, valid ones, sometimes foreign or malformed ones. */
    static Arbitrary<String> flags(String keyword) {
        List<String> own = FLAGS_OF.getOrDefault(keyword, List.of());
        Arbitrary<String> valid = own.isEmpty() ? flag()
                : Arbitraries.of(own).flatMap(n -> Arbitraries.frequencyOf(
                        Tuple.of(n.equals("--link") || n.equals("--parents") || n.equals("--keep-git-dir")
                                || n.equals("--unpack") ? 6 : 0, Arbitraries.just(n)),
                        Tuple.of(12, flagValue(n).map(v -> n + "=" + v))));
        Arbitrary<String> one = Arbitraries.frequencyOf(Tuple.of(own.isEmpty() ? 0 : 30, valid), Tuple.of(1, flag()));
        Arbitrary<List<String>> list = Arbitraries.frequencyOf(
                Tuple.of(own.isEmpty() ? 60 : 4, Arbitraries.just(List.of())),
                Tuple.of(own.isEmpty() ? 0 : 12, one.list().ofMinSize(1).ofMaxSize(3)
                        .uniqueElements(f -> f.equals("--mount") || f.startsWith("--mount=") ? f : f.split("=")[0])),
                Tuple.of(1, one.list().ofMinSize(1).ofMaxSize(own.isEmpty() ? 1 : 3)));
        return list.map(l -> l.isEmpty() ? "" : String.join(" ", l) + " ");
    }

    static Arbitrary<String> flag() {
        Arbitrary<String> valued = Combinators.combine(
                Arbitraries.of("--from", "--chown", "--chmod", "--link", "--parents", "--exclude", "--mount",
                        "--network", "--platform", "--security", "--interval", "--timeout", "--start-period",
                        "--start-interval", "--retries", "--keep-git-dir", "--checksum", "--unpack", "--device",
                        "--FROM", "--foo", "--", "-x", "---from", "--from=", "--Chown"),
                Arbitraries.of("=", "", " ", "=="),
                Arbitraries.frequencyOf(
                        Tuple.of(3, stageRef()),
                        Tuple.of(2, mount()),
                        Tuple.of(2, Arbitraries.of("1000:1000", "root", "u+x", "755", "0644", "g=rwx", "99999999999",
                                "+x", "a+X", "true", "false", "none", "host", "default", "insecure", "sandbox",
                                "30s", "1m30s", "0s", "-1s", "1h", "abc", "3", "-1", "sha256:" + "0".repeat(64),
                                "*.tmp", "/dev/null", "")),
                        Tuple.of(1, Arbitraries.of(PLATFORMS)),
                        Tuple.of(1, word())))
                .as((n, eq, v) -> n + eq + v);
        Arbitrary<String> bare = Arbitraries.of("--link", "--parents", "--from", "--keep-git-dir", "--unpack", "--",
                "--chown", "--mount", "-");
        return Arbitraries.frequencyOf(Tuple.of(5, valued), Tuple.of(1, bare));
    }

    // ---- heredocs ----

    record Heredoc(String marker, String body) {
    }

    static Arbitrary<Heredoc> heredoc() {
        return Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of("<<", "<<-")),
                        Tuple.of(1, Arbitraries.of("<< ", "<<<"))),
                Arbitraries.of("", "", "", "\"", "'"),
                Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of("EOF", "END", "E_1", "eof")),
                        Tuple.of(1, Arbitraries.of("", "${A}", "E\\OF", "EOF EOF"))),
                words(4).list().ofMaxSize(3),
                Arbitraries.frequencyOf(Tuple.of(25, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))),
                Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")), Tuple.of(1, Arbitraries.of("\t", " "))))
                .as((op, q, name, lines, terminated, indent) -> {
                    // a quote opened on one side only is also a case worth trying
                    String close = q.equals("\"") && lines.size() == 3 ? "" : q;
                    String marker = op + q + name + close;
                    StringBuilder body = new StringBuilder();
                    for (String l : lines) {
                        body.append(indent).append(l).append('\n');
                    }
                    if (terminated) {
                        body.append(indent).append(name);
                    }
                    return new Heredoc(marker, body.toString());
                });
    }

    /** {@code prefix <<A <<B suffix} followed by the bodies. */
    static Arbitrary<String> heredocArgs(Arbitrary<String> prefix, Arbitrary<String> suffix) {
        return Combinators.combine(prefix, heredoc().list().ofMinSize(1).ofMaxSize(3), suffix)
                .as((p, hs, s) -> {
                    StringBuilder line = new StringBuilder(p);
                    StringBuilder bodies = new StringBuilder();
                    for (Heredoc h : hs) {
                        line.append(line.length() == 0 ? "" : " ").append(h.marker());
                        bodies.append('\n').append(h.body());
                    }
                    if (!s.isEmpty()) {
                        line.append(' ').append(s);
                    }
                    return line + bodies.toString();
                });
    }

    // ---- instructions ----

    static Arbitrary<String> keyword(String k) {
        return Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.just(k)),
                Tuple.of(8, Arbitraries.just(k.toLowerCase(Locale.ROOT))),
                Tuple.of(5, Arbitraries.integers().between(0, (1 << k.length()) - 1).map(mask -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < k.length(); i++) {
                        char c = k.charAt(i);
                        b.append((mask & (1 << i)) != 0 ? Character.toLowerCase(c) : c);
                    }
                    return b.toString();
                })),
                Tuple.of(1, Arbitraries.of(" " + k, "\t" + k, k + "\\\n", k.toLowerCase(Locale.ROOT) + "S")));
    }

    private static Arbitrary<String> ins(String k, Arbitrary<String> rest) {
        return Combinators.combine(keyword(k), Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.just(" ")),
                Tuple.of(1, Arbitraries.of("\t", "", "  ", " \\\n  "))), rest)
                .as((kw, sep, r) -> kw + sep + r);
    }

    static Arbitrary<String> commandArgs() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, words(6)),
                Tuple.of(3, json()),
                Tuple.of(2, heredocArgs(words(2), words(2))));
    }

    static Arbitrary<String> fromLine() {
        Arbitrary<String> as = Arbitraries.frequencyOf(
                Tuple.of(15, Arbitraries.just("")),
                Tuple.of(40, Combinators.combine(Arbitraries.of(" AS ", " AS ", " AS ", " as ", " As ", " AS  "),
                        Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.of(COMMON_STAGES)),
                                Tuple.of(3, Arbitraries.of(STAGE_NAMES)), Tuple.of(1, word())))
                        .as((a, n) -> a + n)),
                Tuple.of(1, Arbitraries.of(" AS", " AS x y", " x", " FROM", " AS build AS final")));
        Arbitrary<String> platform = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, flags("FROM")));
        Arbitrary<String> image = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(GOOD_IMAGES)),
                Tuple.of(6, Arbitraries.of(COMMON_STAGES)),
                Tuple.of(2, Arbitraries.of(IMAGES)),
                Tuple.of(2, imageRef()),
                Tuple.of(1, Arbitraries.of(STAGE_NAMES)),
                Tuple.of(1, word()));
        return ins("FROM", Combinators.combine(platform, image, as).as((p, i, a) -> p + i + a));
    }

    static Arbitrary<String> keyValues() {
        Arbitrary<String> pair = Combinators.combine(Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.of(VARS)),
                Tuple.of(1, word())), Arbitraries.frequencyOf(Tuple.of(40,
                Arbitraries.just("=")), Tuple.of(1, Arbitraries.of("", " ", "=\"", "=="))), word())
                .as((k, eq, v) -> k + eq + v);
        return Arbitraries.frequencyOf(Tuple.of(40, pair.list().ofMinSize(1).ofMaxSize(3)),
                Tuple.of(1, Arbitraries.just(List.<String>of()))).map(l -> String.join(" ", l));
    }

    static Arbitrary<String> copyArgs(String keyword) {
        return Combinators.combine(flags(keyword), Arbitraries.frequencyOf(
                Tuple.of(5, words(4)),
                Tuple.of(2, json()),
                Tuple.of(2, heredocArgs(Arbitraries.just(""), simpleWord())))).as((f, r) -> f + r);
    }

    /** One instruction, possibly spanning several physical lines; no ONBUILD. */
    static Arbitrary<String> simpleInstruction() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, fromLine()),
                Tuple.of(6, ins("RUN", Combinators.combine(flags("RUN"), commandArgs()).as((f, a) -> f + a))),
                Tuple.of(5, ins("COPY", copyArgs("COPY"))),
                Tuple.of(3, ins("ADD", copyArgs("ADD"))),
                Tuple.of(4, ins("ARG", keyValues())),
                Tuple.of(3, ins("ENV", Arbitraries.frequencyOf(Tuple.of(3, keyValues()), Tuple.of(1, words(3))))),
                Tuple.of(2, ins("LABEL", keyValues())),
                Tuple.of(2, ins("CMD", commandArgs())),
                Tuple.of(2, ins("ENTRYPOINT", commandArgs())),
                Tuple.of(1, ins("SHELL", Arbitraries.frequencyOf(Tuple.of(3, json()), Tuple.of(1, words(2))))),
                Tuple.of(2, ins("EXPOSE", Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("80", "80/tcp",
                        "53/udp", "8000-8010", "8000-8010/udp", "70000", "-1", "0", "80/sctp", "80/xyz", "$PORT",
                        "${PORT:-80}", "a-b", "1-", "99999999999999", "80/", "10-1", "65535", "65536", "0-65535",
                        "1-99999999999999999999", "9223372036854775808", "-", "/tcp", "80:80", "127.0.0.1:80:80",
                        "[::1]:80:80/tcp", "80/TCP", "1--2", "+80", "0x50")), Tuple.of(1, word()))
                        .list().ofMaxSize(3).map(l -> String.join(" ", l)))),
                Tuple.of(2, ins("VOLUME", Arbitraries.frequencyOf(Tuple.of(2, words(3)), Tuple.of(1, json())))),
                Tuple.of(2, ins("USER", words(2))),
                Tuple.of(2, ins("WORKDIR", words(2))),
                Tuple.of(1, ins("STOPSIGNAL", Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("SIGTERM",
                        "SIGKILL", "9", "0", "65", "SIGRTMIN+3", "SIGRTMAX-1", "SIG", "TERM", "sigterm", "$SIG",
                        "-1", "99999999999", "SIGRTMIN+99")), Tuple.of(1, words(2))))),
                Tuple.of(2, ins("HEALTHCHECK", Combinators.combine(flags("HEALTHCHECK"), Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.of("NONE", "none", "NONE x", "CMD", "")),
                        Tuple.of(4, commandArgs().map(a -> "CMD " + a)),
                        Tuple.of(1, words(3)))).as((f, a) -> f + a))),
                Tuple.of(1, ins("MAINTAINER", words(3))),
                Tuple.of(1, Combinators.combine(Arbitraries.of("RUNN", "FORM", "COPPY", "FROMM", "ONBUILDX", "X",
                        "\u00e9", "FROM\u00a0", "RUN\u0000", "\"RUN\"", "-", "=", "ARG=1"), words(3))
                        .as((k, w) -> k + " " + w)));
    }

    static Arbitrary<String> onbuild() {
        return ins("ONBUILD", Arbitraries.frequencyOf(
                Tuple.of(6, simpleInstruction()),
                Tuple.of(1, Arbitraries.of("", "ONBUILD RUN x", "onbuild onbuild", "FROM alpine:3.19",
                        "MAINTAINER me", "RUN"))));
    }

    static Arbitrary<String> comment() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, words(4).map(w -> "# " + w)),
                Tuple.of(2, Arbitraries.of("#", "   # indented", "\t#", "# escape=`", "# syntax=x",
                        "#!/bin/sh", "# check=skip=all")),
                Tuple.of(3, Arbitraries.of("", "", "   ", "\t", " \\")));
    }

    static Arbitrary<String> longLine() {
        return Combinators.combine(Arbitraries.of(65533, 65534, 65535, 65536, 65537, 70000, 130000),
                Arbitraries.of(0, 1, 2, 3, 4))
                .as((n, kind) -> switch (kind) {
                    case 0 -> "RUN echo " + "x".repeat(n - 9);
                    case 1 -> "# " + "c".repeat(n - 2);
                    case 2 -> "LABEL a=" + "\u00e9".repeat((n - 8) / 2);
                    case 3 -> "RUN <<EOF\n" + "y".repeat(n) + "\nEOF";
                    default -> "RUN echo " + "z \\\n".repeat(n / 4);
                });
    }

    static Arbitrary<String> instruction() {
        return Arbitraries.frequencyOf(
                Tuple.of(90, simpleInstruction()),
                Tuple.of(6, onbuild()),
                Tuple.of(12, comment()),
                Tuple.of(1, longLine()));
    }

    static Arbitrary<String> directive() {
        return Arbitraries.of("# escape=`", "# escape=\\", "# escape=x", "#escape=`", "# syntax=docker/dockerfile:1",
                "# check=skip=all", "# check=error=true", "# ESCAPE=`", "# escape =`", "# escape=``", "# escape=",
                "#  syntax = x", "# escape=`\r", "# escape=\u00e9");
    }

    // ---- clean Dockerfiles: valid instructions, so that conversions get far ----

    static final List<String> CLEAN_VARS = List.of("A", "B", "IMG", "TAG", "PORT", "x_1");

    static Arbitrary<String> cleanWord() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("x", "/app", ".", "/", "*.go", "src/", "a.txt", "hello", "/etc/passwd",
                        "dir/", "go.mod", "/out/app", "-c", "make", "1000")),
                Tuple.of(3, Combinators.combine(Arbitraries.of("$@N", "${@N}", "${@N:-x}", "${@N:+y}", "${@N#p}",
                        "${@N%%.*}", "${@N/x/y}", "\"$@N\"", "/usr/${@N:-lib}"), Arbitraries.of(CLEAN_VARS))
                        .as((f, n) -> f.replace("@N", n))),
                Tuple.of(1, Arbitraries.of("\"a b\"", "'c d'", "\"$A x\"", "a\\ b", "\u00e9t\u00e9", "\u65e5",
                        "C:\\app", "c:/x", "\\\\server\\share", "D:", "C:", "/c/../..", "./../x", "~/x")));
    }

    private static final String LEADING_SEPARATOR = "^( \\\\\n  | \\\\\n# comment\n  |\t| )";

    /** {@code min..max} clean words, separated by blanks and sometimes a line continuation. */
    static Arbitrary<String> cleanWords(int min, int max) {
        Arbitrary<String> sep = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(" ")),
                Tuple.of(1, Arbitraries.of(" \\\n  ", "\t", " \\\n# comment\n  ")));
        return Combinators.combine(sep, cleanWord()).as((s, w) -> s + w).list().ofMinSize(min).ofMaxSize(max)
                .map(l -> l.isEmpty() ? "" : String.join("", l).replaceFirst(LEADING_SEPARATOR, ""));
    }

    static Arbitrary<String> cleanJson() {
        return cleanWord().list().ofMinSize(1).ofMaxSize(3)
                .map(l -> "[" + String.join(", ", l.stream().map(DockerfileMutations::jsonQuote).toList()) + "]");
    }

    static Arbitrary<String> cleanHeredoc(String prefix, Arbitrary<String> suffix) {
        return Combinators.combine(Arbitraries.of("<<", "<<-"), Arbitraries.of("", "", "\"", "'"),
                Arbitraries.of("EOF", "END"), cleanWords(0, 3).list().ofMaxSize(3), suffix)
                .as((op, q, name, lines, suf) -> {
                    StringBuilder b = new StringBuilder(prefix).append(op).append(q).append(name).append(q);
                    if (!suf.isEmpty()) {
                        b.append(' ').append(suf);
                    }
                    for (String l : lines) {
                        b.append('\n').append(op.equals("<<-") ? "\t" : "").append(l);
                    }
                    return b.append('\n').append(name).toString();
                });
    }

    /**
     * A reference to another stage: {@code @S<d>} is replaced by {@link #cleanInstructions} with an
     * earlier stage's name (or index when it has none), so that clean files form real graphs.
     */
    static Arbitrary<String> cleanStageRef() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("@S0", "@S1", "@S2", "@S3")),
                Tuple.of(1, Arbitraries.of("0", "1")), Tuple.of(1, Arbitraries.of("nginx:latest", "alpine:3.19")));
    }

    static Arbitrary<String> cleanFlag(String keyword) {
        return switch (keyword) {
            case "RUN" -> Arbitraries.frequencyOf(
                    Tuple.of(5, Combinators.combine(Arbitraries.of("type=cache,target=/root/.cache",
                            "type=cache,target=/var/cache/apt,sharing=locked", "type=bind,from=@R,target=/src",
                            "type=bind,from=@R,source=/out,target=/in", "type=secret,id=tok", "type=ssh",
                            "type=tmpfs,target=/t", "target=/x,from=@R", "type=cache,from=@R,target=/c"),
                            cleanStageRef()).as((t, r) -> "--mount=" + t.replace("@R", r))),
                    Tuple.of(2, Combinators.combine(Arbitraries.of("type=cache", "type=cache,id=c", "type=bind",
                            "type=tmpfs", "type=secret", "type=ssh", "type=cache,target=rel/x", "type=bind,target=.",
                            "type=cache,target=..", "type=bind,from=@R", "type=secret,id=s,target=rel",
                            "type=ssh,target=rel", "type=cache,target=/c,uid=0,gid=0,mode=0", "type=bind,source=..",
                            "type=cache,target=/c,source=sub,from=@R", "type=tmpfs,target=/t,size=0",
                            "type=secret,id=e,env=E", "type=secret,env=E", "type=cache,target=$A",
                            "type=bind,from=@R,source=${A},target=/${B:-b}"), cleanStageRef())
                            .as((t, r) -> "--mount=" + t.replace("@R", r))),
                    Tuple.of(1, Arbitraries.of("--network=none", "--network=host", "--network=default",
                            "--security=sandbox")));
            case "COPY", "ADD" -> Arbitraries.frequencyOf(
                    Tuple.of(keyword.equals("COPY") ? 5 : 0, cleanStageRef().map(r -> "--from=" + r)),
                    Tuple.of(3, Arbitraries.of("--chown=1000:1000", "--chown=root", "--chmod=755", "--chmod=0644",
                            "--chmod=u+x", "--link", "--link=false", "--exclude=*.tmp")),
                    Tuple.of(keyword.equals("COPY") ? 1 : 0, Arbitraries.just("--parents")),
                    Tuple.of(keyword.equals("ADD") ? 1 : 0, Arbitraries.of("--keep-git-dir", "--unpack=true",
                            "--checksum=sha256:" + "0".repeat(64))),
                    Tuple.of(1, Arbitraries.of("--chown=", "--chmod=", "--from=", "--exclude=", "--chown=:",
                            "--chown=$A", "--chmod=$A", "--from=$A", "--from=${A:-0}")));
            case "FROM" -> Arbitraries.of("--platform=linux/amd64", "--platform=$BUILDPLATFORM",
                    "--platform=linux/arm64", "--platform=${TARGETPLATFORM}");
            case "HEALTHCHECK" -> Arbitraries.of("--interval=30s", "--timeout=3s", "--start-period=1s",
                    "--start-interval=2s", "--retries=3");
            default -> Arbitraries.just("");
        };
    }

    static Arbitrary<String> cleanFlags(String keyword) {
        return cleanFlag(keyword).list().ofMaxSize(2)
                .uniqueElements(f -> f.startsWith("--mount") ? f : f.split("=")[0])
                .map(l -> l.isEmpty() ? "" : String.join(" ", l) + " ");
    }

    private static Arbitrary<String> cleanIns(String k, Arbitrary<String> rest) {
        Arbitrary<String> kw = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(k)),
                Tuple.of(1, Arbitraries.just(k.toLowerCase(Locale.ROOT))));
        return Combinators.combine(kw, rest).as((a, b) -> a + " " + b);
    }

    static Arbitrary<String> cleanKeyValues(boolean forArg) {
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(4, cleanWord()),
                Tuple.of(1, Arbitraries.of("alpine:3.19", "3.19", "nginx:latest", "8080", "")));
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(CLEAN_VARS), value,
                Arbitraries.of(true, true, true, !forArg)).as((k, v, withValue) -> withValue ? k + "=" + v : k);
        return pair.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" ", l));
    }

    static Arbitrary<String> cleanCommand() {
        return Arbitraries.frequencyOf(Tuple.of(5, cleanWords(1, 5)), Tuple.of(3, cleanJson()),
                Tuple.of(1, cleanHeredoc("", cleanWords(0, 1))));
    }

    static Arbitrary<String> cleanCopy(String k) {
        Arbitrary<String> args = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(cleanWords(1, 3), cleanWord()).as((src, dst) -> src + " " + dst)),
                Tuple.of(1, cleanWord().list().ofMinSize(2).ofMaxSize(3).map(l -> "["
                        + String.join(", ", l.stream().map(DockerfileMutations::jsonQuote).toList()) + "]")),
                Tuple.of(1, cleanHeredoc("", cleanWord())));
        return cleanIns(k, Combinators.combine(cleanFlags(k), args).as((f, a) -> f + a));
    }

    static Arbitrary<String> cleanFrom() {
        Arbitrary<String> image = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("alpine:3.19", "golang:1.22", "nginx:latest", "example/onbuild:1",
                        "random/onbuild:1", "scratch", "alpine:${TAG:-3.19}", "${IMG:-alpine:3.19}")),
                Tuple.of(4, Arbitraries.of("@S0", "@S1", "@S2", "@S3")));
        Arbitrary<String> as = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")),
                Tuple.of(4, Arbitraries.of(" AS @NAME", " as @NAME")));
        return cleanIns("FROM", Combinators.combine(cleanFlags("FROM"), image, as).as((f, i, a) -> f + i + a));
    }

    /** A valid instruction other than FROM. */
    static Arbitrary<String> cleanInstruction() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, cleanIns("RUN", Combinators.combine(cleanFlags("RUN"), cleanCommand())
                        .as((f, c) -> f + c))),
                Tuple.of(6, cleanCopy("COPY")),
                Tuple.of(2, cleanCopy("ADD")),
                Tuple.of(3, cleanIns("ENV", cleanKeyValues(false))),
                Tuple.of(3, cleanIns("ARG", cleanKeyValues(true))),
                Tuple.of(2, cleanIns("LABEL", cleanKeyValues(false))),
                Tuple.of(2, cleanIns("WORKDIR", cleanWord())),
                Tuple.of(1, cleanIns("WORKDIR", Arbitraries.of("rel", "..", ".", "/", "$A", "${A:-/w}", "a/../..",
                        "C:\\w", "//x", "/x/"))),
                Tuple.of(1, cleanIns("USER", Arbitraries.of("1000", "root", "app:app", "$A", "${A:-nobody}",
                        "4294967296", "1000:1000:1", "ContainerAdministrator", "0:0"))),
                Tuple.of(1, cleanIns("EXPOSE", Arbitraries.of("80", "80/tcp", "53/udp", "8000-8010", "${PORT:-80}",
                        "80 443"))),
                Tuple.of(1, cleanIns("VOLUME", Arbitraries.frequencyOf(Tuple.of(1, cleanWords(1, 2)),
                        Tuple.of(1, cleanJson())))),
                Tuple.of(2, cleanIns("CMD", cleanCommand())),
                Tuple.of(2, cleanIns("ENTRYPOINT", cleanCommand())),
                Tuple.of(1, cleanIns("SHELL", Arbitraries.of("[\"/bin/sh\", \"-c\"]", "[\"bash\", \"-eu\", \"-c\"]"))),
                Tuple.of(1, cleanIns("STOPSIGNAL", Arbitraries.of("SIGTERM", "9", "SIGRTMIN+3", "SIGKILL", "SIGRTMAX",
                        "SIGRTMIN+31", "SIGRTMIN+32", "SIGRTMAX-99", "4294967296", "-9", "sigint", "SIGRTMIN+-1",
                        "SIGRTMIN+", "RTMIN+1"))),
                Tuple.of(1, cleanIns("HEALTHCHECK", Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("NONE")),
                        Tuple.of(3, Combinators.combine(cleanFlags("HEALTHCHECK"), cleanCommand())
                                .as((f, c) -> f + "CMD " + c))))),
                Tuple.of(1, cleanIns("MAINTAINER", cleanWords(1, 2))),
                Tuple.of(1, Arbitraries.of("# a comment", "", "   ")),
                Tuple.of(2, cleanIns("ONBUILD", Arbitraries.lazy(DockerfileMutations::cleanOnbuildTarget))));
    }

    private static Arbitrary<String> cleanOnbuildTarget() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, cleanIns("RUN", cleanWords(1, 3))),
                Tuple.of(2, cleanCopy("COPY")),
                Tuple.of(1, cleanIns("ENV", cleanKeyValues(false))),
                Tuple.of(1, cleanIns("WORKDIR", cleanWord())));
    }

    static Arbitrary<List<String>> cleanStage() {
        return Combinators.combine(cleanFrom(), cleanInstruction().list().ofMaxSize(5)).as((f, b) -> {
            List<String> out = new ArrayList<>();
            out.add(f);
            out.addAll(b);
            return out;
        });
    }

    static Arbitrary<List<String>> cleanInstructions() {
        return Combinators.combine(cleanIns("ARG", cleanKeyValues(true)).list().ofMaxSize(2),
                cleanStage().list().ofMinSize(1).ofMaxSize(4)).as((args, stages) -> {
                    List<String> out = new ArrayList<>(args);
                    List<Boolean> named = new ArrayList<>();
                    for (int i = 0; i < stages.size(); i++) {
                        named.add(stages.get(i).get(0).contains("@NAME"));
                        for (String line : stages.get(i)) {
                            out.add(resolveRefs(line.replace("@NAME", COMMON_STAGES.get(i)), i, named,
                                    line.regionMatches(true, 0, "FROM", 0, 4)));
                        }
                    }
                    return out;
                });
    }

    private static final java.util.regex.Pattern STAGE_REF = java.util.regex.Pattern.compile("@S(\\d)");

    /** Replaces {@code @S<d>} in stage {@code i} with an earlier stage (an image when there is none). */
    private static String resolveRefs(String line, int i, List<Boolean> named, boolean fromLine) {
        return STAGE_REF.matcher(line).replaceAll(m -> {
            if (i == 0) {
                return "alpine:3.19";
            }
            int j = Integer.parseInt(m.group(1)) % i;
            if (named.get(j)) {
                return COMMON_STAGES.get(j);
            }
            return fromLine ? "alpine:3.19" : Integer.toString(j); // FROM cannot name a stage by index
        });
    }

    /**
     * Many stages with many edges between them (bases, COPY --from, RUN --mount=from), all to
     * earlier stages: looks for graph algorithms that blow up on wide or deep graphs.
     */
    static Arbitrary<List<String>> bigGraph() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(2).ofMaxSize(60).map(picks -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < picks.size(); i++) {
                int p = picks.get(i);
                String base = i == 0 || p % 3 == 0 ? "alpine:3.19" : "s" + (p % i);
                out.add("FROM " + base + " AS s" + i);
                for (int k = 0; i > 0 && k < p % 5; k++) {
                    out.add("COPY --from=" + ((p / (k + 1)) % 2 == 0 ? "s" : "") + ((p / (k + 7)) % i) + " /a /a" + k);
                }
                if (i > 0 && p % 7 == 0) {
                    out.add("RUN --mount=from=s" + ((p / 7) % i) + ",target=/m true");
                }
            }
            return out;
        });
    }

    /** A clean file with one or two arbitrary instructions put in at arbitrary places. */
    static Arbitrary<List<String>> nearlyCleanInstructions() {
        Arbitrary<Tuple.Tuple2<Integer, String>> insert = Combinators.combine(
                Arbitraries.integers().between(0, 1000), instruction()).as(Tuple::of);
        return Combinators.combine(cleanInstructions(), insert.list().ofMinSize(1).ofMaxSize(2))
                .as((clean, inserts) -> {
                    List<String> out = new ArrayList<>(clean);
                    for (var in : inserts) {
                        out.add(in.get1() % (out.size() + 1), in.get2());
                    }
                    return out;
                });
    }

    /** A generated Dockerfile: directives, instructions and how the lines are laid out. */
    record Doc(List<String> directives, List<String> instructions, boolean bom, String lineEnding,
            boolean trailingNewline) {
        byte[] bytes() {
            List<String> all = new ArrayList<>(directives);
            all.addAll(instructions);
            String text = String.join("\n", all) + (trailingNewline ? "\n" : "");
            if (!lineEnding.equals("\n")) {
                text = text.replace("\n", lineEnding);
            }
            return ((bom ? "\ufeff" : "") + text).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Doc[bom=" + bom + ", lineEnding=" + escape(lineEnding) + "]\n" + show(bytes());
        }
    }

    /** A FROM line followed by the stage's instructions. */
    static Arbitrary<List<String>> stage() {
        Arbitrary<String> body = Arbitraries.frequencyOf(
                Tuple.of(120, simpleInstruction()),
                Tuple.of(9, onbuild()),
                Tuple.of(15, comment()),
                Tuple.of(1, longLine()));
        return Combinators.combine(fromLine(), body.list().ofMaxSize(5)).as((f, b) -> {
            List<String> out = new ArrayList<>();
            out.add(f);
            out.addAll(b);
            return out;
        });
    }

    /** Mostly global ARGs and stages in order; sometimes any instructions in any order. */
    static Arbitrary<List<String>> instructions() {
        Arbitrary<List<String>> structured = Combinators.combine(
                ins("ARG", keyValues()).list().ofMaxSize(3), stage().list().ofMinSize(1).ofMaxSize(4))
                .as((args, stages) -> {
                    List<String> out = new ArrayList<>(args);
                    stages.forEach(out::addAll);
                    return out;
                });
        return Arbitraries.frequencyOf(
                Tuple.of(4, cleanInstructions()),
                Tuple.of(3, nearlyCleanInstructions()),
                Tuple.of(2, structured),
                Tuple.of(1, instruction().list().ofMaxSize(14)),
                Tuple.of(1, bigGraph()));
    }

    static Arbitrary<List<String>> directives() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(List.of())),
                Tuple.of(4, Arbitraries.of("# escape=\\", "# syntax=docker/dockerfile:1", "# check=skip=all",
                        "# check=error=true").map(List::of)),
                Tuple.of(1, Arbitraries.just(List.of("# escape=`"))),
                Tuple.of(1, directive().list().ofMaxSize(2)));
    }

    static Arbitrary<Doc> docs() {
        return Combinators.combine(directives(), instructions(),
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
                Arbitraries.frequencyOf(Tuple.of(24, Arbitraries.just("\n")), Tuple.of(6, Arbitraries.just("\r\n")),
                        Tuple.of(1, Arbitraries.just("\r"))),
                Arbitraries.of(true, true, true, false))
                .as(Doc::new);
    }

    /** Dockerfile-flavoured token soup: keywords, flags, quotes, braces, newlines, continuations. */
    static Arbitrary<String> tokenSoup() {
        List<String> tokens = new ArrayList<>(KEYWORDS);
        tokens.addAll(List.of("\n", "\n", "\n", " ", " ", " ", "\\", "\\\n", "`", "$", "${", "}", "{", ":-", "\"",
                "'", "[", "]", ",", "=", "#", "# escape=`\n", "<<", "<<EOF", "<<-EOF", "EOF", "\nEOF\n", "AS", "as",
                "--from=", "--mount=", "--chown=", "--platform=", "type=cache", "target=", "alpine:3.19", "scratch",
                "build", "0", "1", "/", "x", "A", "\r\n", "\t", "\u00e9", "\u0000", "\ufeff", "NONE", "CMD"));
        return Arbitraries.of(tokens).list().ofMaxSize(120).map(l -> String.join("", l));
    }

    // ---- options ----

    /** Build options plus the resolver choices. */
    record Opts(String target, Map<String, String> buildArgs, String targetPlatform, boolean offline,
            List<String> onBuildTriggers, List<String> imageEnv, String buildPlatform, String imageWorkdir) {
        Opts(String target, Map<String, String> buildArgs, String targetPlatform, boolean offline,
                List<String> onBuildTriggers, List<String> imageEnv) {
            this(target, buildArgs, targetPlatform, offline, onBuildTriggers, imageEnv, "linux/amd64", null);
        }

        @Override
        public String toString() {
            return "Opts[target=" + (target == null ? "null" : escape(target)) + ", buildArgs=" + buildArgs
                    + ", targetPlatform=" + targetPlatform + ", offline=" + offline + ", onBuildTriggers="
                    + onBuildTriggers.stream().map(DockerfileMutations::escape).toList() + ", imageEnv="
                    + imageEnv.stream().map(DockerfileMutations::escape).toList() + ", buildPlatform=" + buildPlatform
                    + ", imageWorkdir=" + (imageWorkdir == null ? "null" : escape(imageWorkdir)) + "]";
        }
    }

    static Arbitrary<Opts> options() {
        Arbitrary<String> target = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(null)),
                Tuple.of(6, Arbitraries.of(COMMON_STAGES)),
                Tuple.of(2, Arbitraries.of(STAGE_NAMES)),
                Tuple.of(1, Arbitraries.of("stage-2", "", " ", "BUILD", "buil", "$A", "\u0000")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
        Arbitrary<Map<String, String>> args = Arbitraries.maps(
                Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.of(CLEAN_VARS)), Tuple.of(2, Arbitraries.of(VARS)),
                        Tuple.of(1, Arbitraries.of("", "=",
                        "BUILDKIT_SBOM_SCAN_STAGE", "BUILDKIT_SYNTAX", "HTTP_PROXY", "a b", "A=B",
                        "BUILDKIT_CACHE_MOUNT_NS", "TARGETSTAGE", "BUILDKIT_MULTI_PLATFORM", "no_proxy"))),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(IMAGES)), Tuple.of(3, word()),
                        Tuple.of(1, Arbitraries.of(PLATFORMS))))
                .ofMaxSize(4);
        Arbitrary<Map<String, String>> sbom = Arbitraries.of("BUILDKIT_SBOM_SCAN_STAGE", "BUILDKIT_SBOM_SCAN_CONTEXT")
                .flatMap(k -> Arbitraries.of("true", "false", "build", "build,final", "", "x").map(v -> Map.of(k, v)));
        args = Arbitraries.frequencyOf(Tuple.of(8, args), Tuple.of(1, sbom));
        Arbitrary<String> platform = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of("linux/amd64", "linux/arm64/v8", "windows/amd64", "linux/arm/v7",
                        "linux/386")));
        Arbitrary<String> trigger = Arbitraries.frequencyOf(Tuple.of(5, simpleInstruction()),
                Tuple.of(3, cleanOnbuildTarget()),
                Tuple.of(3, Combinators.combine(Arbitraries.of("COPY --from=@R /a /b", "ADD --chown=1:1 x /x",
                        "RUN --mount=type=bind,from=@R,target=/x true", "RUN --mount=type=cache,from=@R,target=/c x",
                        "COPY --from=@R --chmod=755 /a /b", "WORKDIR /${A:-w}", "ENV PATH=/x:$PATH",
                        "ARG A=1", "ONBUILD RUN x", "USER 1000", "SHELL [\"/bin/bash\", \"-c\"]"),
                        Arbitraries.of("build", "base", "final", "deps", "0", "1", "2", "9", "-1", "nginx:latest",
                                "random/onbuild:1", "example/onbuild:1", "scratch", "Build", "${A}", ""))
                        .as((t, r) -> t.replace("@R", r))),
                Tuple.of(1, Arbitraries.of("", "ONBUILD RUN x", "FROM scratch", "RUN a\nRUN b", "# c", "\\")));
        Arbitrary<String> env = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.of(VARS), word()).as((k, v) -> k + "=" + v)),
                Tuple.of(1, Arbitraries.of("NOEQUALS", "=x", "", "A==", "PATH=")));
        Arbitrary<String> buildPlatform = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("linux/amd64")),
                Tuple.of(1, Arbitraries.of("linux/arm64", "windows/amd64", "linux/arm/v7", "darwin/arm64")));
        Arbitrary<String> workdir = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of("/app", "rel", "", "/", "C:\\w", "$A", "..", "/a/../..", "//x")));
        return Combinators.combine(target, args, platform, Arbitraries.of(false, false, true),
                trigger.list().ofMaxSize(3), env.list().ofMaxSize(3), buildPlatform, workdir)
                .as(Opts::new);
    }

    // ---- mutations of real Dockerfiles ----

    /** A seed Dockerfile; printed by name (and shown in full by the failure report). */
    record Seed(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Multi-stage seeds, since the parser test files are mostly single-stage. */
    private static final List<String> MULTI_STAGE = List.of(
            """
            # syntax=docker/dockerfile:1
            ARG IMG=alpine:3.19
            ARG TAG=1.22
            FROM golang:${TAG} AS build
            WORKDIR /src
            COPY --link go.mod go.sum ./
            RUN --mount=type=cache,target=/go/pkg/mod go mod download
            COPY . .
            RUN --mount=type=cache,target=/root/.cache go build -o /out/app ./cmd/app
            FROM ${IMG} AS base
            RUN apk add --no-cache ca-certificates
            FROM base AS final
            COPY --from=build --chown=1000:1000 --chmod=0755 /out/app /usr/local/bin/app
            USER 1000
            EXPOSE 8080/tcp
            HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-q", "localhost:8080"]
            ENTRYPOINT ["/usr/local/bin/app"]
            """,
            """
            FROM alpine:3.19 AS a
            RUN echo a > /a
            FROM alpine:3.19 AS b
            COPY --from=a /a /a
            RUN <<EOF
            set -e
            echo b
            EOF
            FROM scratch
            COPY --from=0 /a /
            COPY --from=b /a /b
            COPY --from=nginx:latest /etc/nginx /nginx
            COPY <<EOF /hello
            hello ${X:-world}
            EOF
            """,
            """
            # escape=`
            FROM example/onbuild:1 AS ob
            ONBUILD RUN echo `
              triggered
            ENV A=1 B="two words" C=${A:-x}
            LABEL a=b "c d"=e
            FROM ob
            SHELL ["powershell", "-Command"]
            RUN Write-Host $env:A
            STOPSIGNAL SIGTERM
            VOLUME ["/data"]
            CMD echo done
            """);

    static List<Seed> seeds() {
        List<Seed> out = new ArrayList<>();
        URL root = DockerfileMutations.class.getClassLoader().getResource("conformance/buildkit/parser");
        if (root == null) {
            throw new IllegalStateException("conformance/buildkit/parser not on the test class path");
        }
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            Path base = Path.of(root.toURI());
            for (Path p : files.filter(f -> f.getFileName().toString().equals("Dockerfile")).sorted().toList()) {
                out.add(new Seed(base.relativize(p).toString(), Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < MULTI_STAGE.size(); i++) {
            out.add(new Seed("multi-stage-" + i, MULTI_STAGE.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    enum Kind {
        DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INSERT_TEXT, INSERT_LINE, DELETE_RANGE, TRUNCATE, FLIP_CASE,
        INJECT_BACKSLASH, INJECT_HEREDOC, REPLACE_BYTE, ESCAPE_DIRECTIVE, TO_CRLF, ADD_BOM
    }

    /** One edit; positions are taken modulo the current size, so any list of edits applies. */
    record Mutation(Kind kind, int a, int b, String text) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + (text.isEmpty() ? "" : "," + escape(text)) + ")";
        }
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("\\", "`", "<<EOF", "<<-EOF\n", "\nEOF\n", "\"", "'", "$", "${", "}",
                        "[", "]", "\\\n", "\n", "\r", "\u0000", "\ufeff", "\u00e9", "#", " AS x", "--from=0 ",
                        "FROM scratch\n", "FROM alpine:3.19 AS build\n", "${A:-", "=", ",", " ")),
                Tuple.of(2, instruction().map(i -> i + "\n")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(8)),
                Tuple.of(1, word()));
        return Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(0, 100_000), text).as(Mutation::new);
    }

    /** Applies the mutations in order; bytes are handled 1:1 as ISO-8859-1 characters. */
    static byte[] apply(byte[] seed, List<Mutation> mutations) {
        String s = new String(seed, StandardCharsets.ISO_8859_1);
        for (Mutation m : mutations) {
            s = apply(s, m);
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String raw(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String apply(String s, Mutation m) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int n = lines.size();
        int la = m.a() % n;
        int lb = m.b() % n;
        int pa = m.a() % (s.length() + 1);
        String text = raw(m.text());
        switch (m.kind()) {
            case DELETE_LINE -> lines.remove(la);
            case DUPLICATE_LINE -> lines.add(la, lines.get(la));
            case SWAP_LINES -> {
                String t = lines.get(la);
                lines.set(la, lines.get(lb));
                lines.set(lb, t);
            }
            case INSERT_TEXT -> {
                return s.substring(0, pa) + text + s.substring(pa);
            }
            case INSERT_LINE -> lines.add(la, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
            case DELETE_RANGE -> {
                int end = Math.min(s.length(), pa + 1 + m.b() % 64);
                return s.substring(0, pa) + s.substring(end);
            }
            case TRUNCATE -> {
                return s.substring(0, pa);
            }
            case FLIP_CASE -> {
                String line = lines.get(la);
                String stripped = line.stripLeading();
                int start = line.length() - stripped.length();
                int end = start;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
                StringBuilder b = new StringBuilder(line.substring(0, start));
                for (int i = start; i < end; i++) {
                    char c = line.charAt(i);
                    b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                }
                lines.set(la, b.append(line.substring(end)).toString());
            }
            case INJECT_BACKSLASH -> lines.set(la, lines.get(la) + (m.b() % 2 == 0 ? "\\" : " \\"));
            case INJECT_HEREDOC -> lines.set(la, lines.get(la) + (m.b() % 2 == 0 ? " <<EOF" : " <<-EOF"));
            case REPLACE_BYTE -> {
                if (s.isEmpty()) {
                    return s;
                }
                int p = m.a() % s.length();
                return s.substring(0, p) + (char) (m.b() & 0xff) + s.substring(p + 1);
            }
            case ESCAPE_DIRECTIVE -> {
                return (m.b() % 2 == 0 ? "# escape=`\n" : "# escape=\\\n") + s;
            }
            case TO_CRLF -> {
                return s.replace("\n", "\r\n");
            }
            case ADD_BOM -> {
                return raw("\ufeff") + s;
            }
            default -> throw new IllegalStateException();
        }
        return String.join("\n", lines);
    }

    // ---- printing ----

    /** Java-escapes a string, abbreviating long runs of a short unit as {@code "unit".repeat(n)}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        int i = 0;
        while (i < s.length()) {
            int bestLen = 0;
            int bestCount = 0;
            for (int len = 1; len <= 12 && i + len <= s.length(); len++) {
                String unit = s.substring(i, i + len);
                int count = 1;
                while (s.startsWith(unit, i + count * len)) {
                    count++;
                }
                if (count >= 4 && count * len > 40 && count * len > bestCount * bestLen) {
                    bestLen = len;
                    bestCount = count;
                }
            }
            if (bestLen > 0) {
                StringBuilder unit = new StringBuilder();
                for (int j = i; j < i + bestLen; j++) {
                    unit.append(escapeChar(s.charAt(j)));
                }
                b.append("\" + \"").append(unit).append("\".repeat(").append(bestCount).append(") + \"");
                i += bestLen * bestCount;
                continue;
            }
            b.append(escapeChar(s.charAt(i)));
            i++;
        }
        return b.append('"').toString();
    }

    private static String escapeChar(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> c < 0x20 || c >= 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
        };
    }

    /** The bytes as a Java string literal of their UTF-8 decoding (lossy only for invalid UTF-8). */
    static String show(byte[] bytes) {
        return escape(new String(bytes, StandardCharsets.UTF_8));
    }
}
