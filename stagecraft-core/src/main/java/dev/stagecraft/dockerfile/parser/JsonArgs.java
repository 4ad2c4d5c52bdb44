package dev.stagecraft.dockerfile.parser;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON ("exec") form of an instruction's arguments: {@code ["a", "b"]}.
 *
 * <p>Like Go's {@code json.Unmarshal} the whole text must be one strict JSON value, so trailing
 * text, single quotes or a missing bracket make it "not JSON", and the caller falls back to the
 * shell form without complaint. A well-formed array holding anything but strings is an error.
 */
final class JsonArgs {
    static final String NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonArgs() {
    }

    /**
     * The array's strings, or null when {@code rest} is not a JSON array.
     *
     * @throws LineSyntaxError when it is an array with a non-string element
     */
    static List<String> parse(String rest) {
        String text = GoSpaces.trimLeft(rest);
        if (!text.startsWith("[")) {
            return null;
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : tree) {
            if (!element.isTextual()) {
                throw new LineSyntaxError(NOT_STRINGS);
            }
            values.add(element.textValue());
        }
        return values;
    }
}
