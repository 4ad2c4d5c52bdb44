package dev.stagecraft.registry;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * A registry's answer to one request, whichever HTTP client carried it: {@link BlockingGet} for
 * GET and HEAD, {@code java.net.http} for requests with bodies. Closing it closes the body.
 */
interface Answer extends Closeable {
    /** The URL of the request this answers (the last one, after redirects). */
    URI uri();

    int status() throws IOException;

    /** The first value of a header, by case-insensitive name. */
    Optional<String> header(String name);

    /** Every value of a header, by case-insensitive name. */
    List<String> headers(String name);

    /** The body, of an error answer too; empty for HEAD. */
    InputStream body() throws IOException;

    @Override
    default void close() throws IOException {
        body().close();
    }

    /** An answer of {@code java.net.http}. */
    static Answer of(HttpResponse<InputStream> response) {
        return new Answer() {
            @Override
            public URI uri() {
                return response.request().uri();
            }

            @Override
            public int status() {
                return response.statusCode();
            }

            @Override
            public Optional<String> header(String name) {
                return response.headers().firstValue(name);
            }

            @Override
            public List<String> headers(String name) {
                return response.headers().allValues(name);
            }

            @Override
            public InputStream body() {
                return response.body();
            }
        };
    }
}
