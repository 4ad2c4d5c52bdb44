package dev.stagecraft.registry.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 7235 section 4.1), e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io"}.
 *
 * @param scheme the scheme, lower-cased ({@code bearer}, {@code basic})
 * @param params the auth-params, names lower-cased, values unquoted
 */
public record Challenge(String scheme, Map<String, String> params) {

    public Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** True for the {@code Bearer} scheme (the distribution token flow). */
    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    /** True for the {@code Basic} scheme. */
    public boolean isBasic() {
        return scheme.equals("basic");
    }

    /** A parameter by its (case-insensitive) name. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Parses the values of every {@code WWW-Authenticate} header of a response. A header may hold
     * several comma-separated challenges; parameters without a value ({@code token68}) are skipped,
     * since no scheme a registry uses has them. Text that is not a challenge is ignored rather than
     * refused: a sloppy header must not hide the challenges that can be read.
     */
    public static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> out = new ArrayList<>();
        for (String value : headerValues) {
            out.addAll(parse(value));
        }
        return out;
    }

    /** Parses one {@code WWW-Authenticate} header value. */
    public static List<Challenge> parse(String header) {
        List<Challenge> out = new ArrayList<>();
        Scanner s = new Scanner(header);
        while (true) {
            s.skip(" \t,");
            String scheme = s.token();
            if (scheme.isEmpty()) {
                break;
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                s.skip(" \t");
                int mark = s.pos;
                String name = s.token();
                s.skip(" \t");
                if (name.isEmpty()) {
                    break;
                }
                if (!s.consume('=')) {
                    // A token without '=' is the scheme of the next challenge.
                    s.pos = mark;
                    break;
                }
                s.skip(" \t");
                String value = s.peek() == '"' ? s.quoted() : s.token();
                params.put(name.toLowerCase(Locale.ROOT), value);
                s.skip(" \t");
                if (!s.consume(',')) {
                    break;
                }
            }
            out.add(new Challenge(scheme, params));
        }
        return out;
    }

    /** A cursor over the header text. */
    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        void skip(String chars) {
            while (!atEnd() && chars.indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        boolean consume(char c) {
            if (peek() == c && !atEnd()) {
                pos++;
                return true;
            }
            return false;
        }

        /** An RFC 7230 token (tchar run). */
        String token() {
            int start = pos;
            while (!atEnd() && isTchar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** A quoted-string with backslash escapes; an unterminated one runs to the end. */
        String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && !atEnd()) {
                    c = text.charAt(pos++);
                }
                sb.append(c);
            }
            return sb.toString();
        }

        private static boolean isTchar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
