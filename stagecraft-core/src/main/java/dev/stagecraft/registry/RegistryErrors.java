package dev.stagecraft.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import javax.net.ssl.SSLException;

/** Turns registry answers and network failures into messages that say what to do. */
final class RegistryErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private RegistryErrors() {}

    /**
     * The exception for an unexpected answer.
     *
     * @param registry       the registry host as the user named it
     * @param what           what was asked for, e.g. {@code localhost:5000/app:1}
     * @param hasCredentials whether credentials were available
     */
    static RegistryException forResponse(String registry, String what, Answer response, boolean hasCredentials)
            throws IOException {
        int status = response.status();
        String detail = detail(response.body());
        String login = "run: stagecraft login " + registry;
        String message = switch (status) {
            case 401 -> what + ": authentication required by " + registry
                    + (hasCredentials ? " (the stored credentials were refused); " : "; ") + login;
            case 403 -> what + ": access denied by " + registry + suffix(detail)
                    + "; check that your account may use this repository, or " + login;
            case 404 -> what + ": not found" + suffix(detail);
            case 429 -> what + ": " + registry + " is throttling requests (HTTP 429)" + suffix(detail);
            case 400 -> detail.contains("HTTP request to an HTTPS server")
                    ? registry + " speaks HTTPS, but was spoken to over plain HTTP; do not list it with"
                            + " --insecure-registry " + registry
                    : what + ": " + registry + " refused the request (HTTP 400)" + suffix(detail);
            default -> what + ": " + registry + " answered HTTP " + status + suffix(detail);
        };
        Duration retryAfter = response.header("Retry-After").flatMap(RegistryErrors::seconds).orElse(null);
        return new RegistryException(message, registry, status, RetryPolicy.isRetryableStatus(status), retryAfter,
                null);
    }

    /** The exception for a request that got no answer. */
    static RegistryException forIo(String registry, String what, String url, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SSLException) {
            return new RegistryException(what + ": TLS with " + url + " failed (" + reason + "); if " + registry
                    + " serves plain HTTP, use --insecure-registry " + registry + "; if its certificate comes from a"
                    + " private CA, pass that CA's certificate file", registry, 0, false, null, e);
        }
        if (e instanceof java.nio.channels.ClosedByInterruptException
                || e instanceof java.io.InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
            return new RegistryException(what + ": interrupted", registry, 0, false, null, e);
        }
        String message = e instanceof HttpTimeoutException || e instanceof java.net.SocketTimeoutException
                ? what + ": " + url + " did not answer in time"
                : e instanceof ConnectException
                        ? what + ": cannot connect to " + registry + " at " + url + " (" + reason + ")"
                        : what + ": connection to " + registry + " failed (" + reason + ")";
        return new RegistryException(message, registry, 0, true, null, e);
    }

    /** Whether a network failure may go away when tried again; TLS failures will not. */
    static boolean isRetryable(IOException e) {
        return !(e instanceof SSLException);
    }

    private static String suffix(String detail) {
        return detail.isEmpty() ? "" : " (" + detail + ")";
    }

    /** The registry's own words: the {@code errors} array of distribution, else the body's first line. */
    private static String detail(InputStream response) {
        byte[] body;
        try (InputStream in = response) {
            body = in == null ? new byte[0] : in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode errors = JSON.readTree(text).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringJoiner j = new StringJoiner("; ");
                for (JsonNode err : errors) {
                    j.add(err.path("code").asText("") + ": " + err.path("message").asText(""));
                }
                return j.toString();
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: fall through to the text.
        }
        int newline = text.indexOf('\n');
        String line = newline >= 0 ? text.substring(0, newline) : text;
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? java.util.Optional.of(Duration.ofSeconds(s)) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            // An HTTP date: rare from registries; the backoff schedule applies instead.
            return java.util.Optional.empty();
        }
    }
}
