package dev.stagecraft.api;

/**
 * What {@link Images#inspect(String)} tells of an image.
 *
 * @param reference    the stored, fully qualified reference
 * @param digest       the manifest's digest
 * @param mediaType    the manifest's media type
 * @param manifestJson the manifest, exactly as stored
 * @param configJson   the image config, exactly as stored
 * @param json         both in one indented JSON document, for people
 */
public record ImageDetails(String reference, String digest, String mediaType, String manifestJson,
        String configJson, String json) {
}
