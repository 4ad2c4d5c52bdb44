package dev.stagecraft.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Build progress for programs: one JSON object per line, for every event.
 *
 * <pre>
 * {"time":"2026-11-29T06:04:45.123456789Z","type":"vertex-started","id":"sha256:...","name":"[build 2/4] RUN make"}
 * </pre>
 *
 * {@code time} is RFC 3339 in UTC with up to nanoseconds; {@code type} is one of
 * {@code vertex-started}, {@code vertex-log} (with {@code stream}: 1 stdout, 2 stderr, and
 * {@code data}: the chunk as text when it is valid UTF-8, else {@code data_base64}: its bytes),
 * {@code vertex-cached}, {@code vertex-completed} (with {@code duration} in seconds),
 * {@code vertex-error} (with {@code error} and {@code cancelled}), {@code warning} (with
 * {@code message}, no step) and {@code cache-miss} (with {@code reason}, one per missed step).
 * {@code id} is the step's definition digest, {@code name} its BuildKit name. The last line is
 * {@code result} (with {@code image}: the config digest, {@code manifest} and {@code names}) or
 * {@code error} (with {@code message}: the failure report a terminal would show).
 */
final class RawJsonProgress implements BuildListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final Supplier<Instant> clock;

    RawJsonProgress(PrintWriter out) {
        this(out, Instant::now);
    }

    RawJsonProgress(PrintWriter out, Supplier<Instant> clock) {
        this.out = out;
        this.clock = clock;
    }

    private ObjectNode event(String type, BuildStep step) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", clock.get().toString());
        node.put("type", type);
        if (step != null) {
            node.put("id", step.id());
            node.put("name", step.name());
        }
        return node;
    }

    private synchronized void emit(ObjectNode node) {
        try {
            out.print(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
        out.print('\n');
        out.flush();
    }

    @Override
    public void stepStarted(BuildStep step) {
        emit(event("vertex-started", step));
    }

    @Override
    public void stepLog(BuildStep step, int stream, byte[] bytes, int offset, int length) {
        ObjectNode node = event("vertex-log", step);
        node.put("stream", stream);
        String text = utf8(bytes, offset, length);
        if (text != null) {
            node.put("data", text);
        } else {
            node.put("data_base64", Base64.getEncoder().encodeToString(
                    Arrays.copyOfRange(bytes, offset, offset + length)));
        }
        emit(node);
    }

    /** The bytes as text, or null when they are not valid UTF-8 (binary output, a character cut in two). */
    private static String utf8(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void stepCached(BuildStep step) {
        emit(event("vertex-cached", step));
    }

    @Override
    public void stepCompleted(BuildStep step, Duration took) {
        ObjectNode node = event("vertex-completed", step);
        node.put("duration", took.toNanos() / 1e9);
        emit(node);
    }

    @Override
    public void stepFailed(BuildStep step, String error, boolean cancelled) {
        ObjectNode node = event("vertex-error", step);
        node.put("error", error);
        node.put("cancelled", cancelled);
        emit(node);
    }

    @Override
    public void cacheMisses(List<CacheMiss> misses) {
        for (CacheMiss m : misses) {
            ObjectNode node = event("cache-miss", m.step());
            node.put("reason", m.reason());
            emit(node);
        }
    }

    /** The build's outcome: the image written and its names. */
    void result(String image, String manifest, List<String> names) {
        ObjectNode node = event("result", null);
        node.put("image", image);
        node.put("manifest", manifest);
        names.forEach(node.putArray("names")::add);
        emit(node);
    }

    /** The build failed: {@code report} says how. */
    void error(String report) {
        ObjectNode node = event("error", null);
        node.put("message", report);
        emit(node);
    }

    @Override
    public void warning(String message) {
        ObjectNode node = event("warning", null);
        node.put("message", message);
        emit(node);
    }
}
