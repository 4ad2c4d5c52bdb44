package dev.stagecraft.dockerfile.instruction;

/**
 * One {@code key=value} of ENV or LABEL.
 *
 * @param key         the name (quotes kept until expansion)
 * @param value       the value (quotes kept until expansion)
 * @param noDelimiter true for the legacy {@code ENV KEY value} form
 */
public record KeyValue(String key, String value, boolean noDelimiter) {
    KeyValue expand(WordExpander expander) {
        return new KeyValue(expander.expand(key), expander.expand(value), noDelimiter);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
