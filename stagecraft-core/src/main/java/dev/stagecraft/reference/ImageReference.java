package dev.stagecraft.reference;

import java.util.Objects;
import java.util.Optional;

/**
 * A normalised image reference, e.g. {@code docker.io/library/alpine:3.19}.
 *
 * <p>{@link #parse(String)} follows {@code reference.ParseNormalizedNamed} of
 * {@code github.com/distribution/reference}, which BuildKit applies to every {@code FROM} and
 * {@code COPY --from=<image>}: a familiar name gets the {@code docker.io} domain and, for a single
 * path component, the {@code library/} namespace; {@code index.docker.io} becomes {@code docker.io}.
 * The first path component counts as a domain when it is {@code localhost}, contains {@code .} or
 * {@code :}, or has an upper-case letter.
 *
 * <p>Instances are immutable. {@link #toString()} is the fully qualified form, which
 * {@link #parse(String)} reads back to an equal reference.
 */
public final class ImageReference {
    private static final String DEFAULT_DOMAIN = "docker.io";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";
    private static final String DEFAULT_TAG = "latest";
    private static final int MAX_PATH_LENGTH = 255;

    private final String domain;
    private final String path;
    private final String tag;
    private final String digest;

    private ImageReference(String domain, String path, String tag, String digest) {
        this.domain = domain;
        this.path = path;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses a reference as {@code ParseNormalizedNamed} does.
     *
     * @param reference what the user wrote, e.g. {@code alpine}, {@code user/app:1},
     *                  {@code localhost:5000/a@sha256:...}
     * @return the normalised reference
     * @throws InvalidReferenceException with distribution's message when the text is not a reference
     */
    public static ImageReference parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (ReferenceGrammar.isIdentifier(reference)) {
            throw new InvalidReferenceException(
                    "invalid repository name (" + reference + "), cannot specify 64-byte hexadecimal strings");
        }
        String[] split = splitDockerDomain(reference);
        String remainder = split[1];
        int tagSeparator = remainder.indexOf(':');
        String remote = tagSeparator >= 0 ? remainder.substring(0, tagSeparator) : remainder;
        if (!lowerCase(remote).equals(remote)) {
            throw new InvalidReferenceException(
                    "invalid reference format: repository name (" + remote + ") must be lowercase");
        }
        return parseQualified(split[0] + "/" + remainder);
    }

    /**
     * Parses a reference that must already be in its fully qualified form, as
     * {@code reference.ParseNamed} does: {@code docker.io/library/alpine} is accepted, {@code alpine}
     * is not.
     *
     * @throws InvalidReferenceException {@code repository name must be canonical} when normalising
     *                                   would change the text, or any error of {@link #parse(String)}
     */
    public static ImageReference parseCanonical(String reference) {
        ImageReference parsed = parse(reference);
        if (!parsed.toString().equals(reference)) {
            throw new InvalidReferenceException("repository name must be canonical");
        }
        return parsed;
    }

    /** distribution's {@code splitDockerDomain}: {domain, remainder}, before any validation. */
    private static String[] splitDockerDomain(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            // A single element is always a Docker Hub official image, even "localhost" or "example.com".
            return new String[] {DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name};
        }
        String first = name.substring(0, slash);
        String rest = name.substring(slash + 1);
        String domain;
        String remote;
        if (first.equals("localhost") || first.contains(".") || first.contains(":")
                || !lowerCase(first).equals(first)) {
            domain = first.equals(LEGACY_DEFAULT_DOMAIN) ? DEFAULT_DOMAIN : first;
            remote = rest;
        } else {
            domain = DEFAULT_DOMAIN;
            remote = name;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remote.indexOf('/') < 0) {
            remote = OFFICIAL_REPO_PREFIX + remote;
        }
        return new String[] {domain, remote};
    }

    /** distribution's {@code Parse}, applied to the domain-qualified text. */
    private static ImageReference parseQualified(String s) {
        ReferenceGrammar.Parts parts = ReferenceGrammar.match(s);
        if (parts == null) {
            String lower = lowerCase(s);
            if (!lower.equals(s) && ReferenceGrammar.match(lower) != null) {
                throw new InvalidReferenceException("repository name must be lowercase");
            }
            throw new InvalidReferenceException("invalid reference format");
        }
        if (parts.path().length() > MAX_PATH_LENGTH) {
            throw new InvalidReferenceException(
                    "repository name must not be more than " + MAX_PATH_LENGTH + " characters");
        }
        if (!parts.digest().isEmpty()) {
            Digests.validate(parts.digest());
        }
        return new ImageReference(parts.domain(), parts.path(), parts.tag(), parts.digest());
    }

    /**
     * Lower-cases one code point at a time, as Go's {@code strings.ToLower} does: Java's
     * {@link String#toLowerCase} applies context rules (final sigma, dotted I) that Go does not.
     */
    private static String lowerCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        return out.toString();
    }

    /** The registry host, with port if any: {@code docker.io}, {@code localhost:5000}. */
    public String domain() {
        return domain;
    }

    /** The repository path inside the registry: {@code library/alpine}, {@code user/app}. */
    public String path() {
        return path;
    }

    /** The full repository name: {@code docker.io/library/alpine}. */
    public String repository() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }

    /** The tag, if the reference names one. */
    public Optional<String> tag() {
        return tag.isEmpty() ? Optional.empty() : Optional.of(tag);
    }

    /** The digest ({@code sha256:<hex>}), if the reference pins one. */
    public Optional<String> digest() {
        return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
    }

    /** This reference with tag {@code latest} when it has neither tag nor digest ({@code TagNameOnly}). */
    public ImageReference withDefaultTag() {
        return tag.isEmpty() && digest.isEmpty() ? new ImageReference(domain, path, DEFAULT_TAG, digest) : this;
    }

    /**
     * This reference with another tag; a digest is kept, as {@code reference.WithTag} does.
     *
     * @throws InvalidReferenceException {@code invalid tag format} when the tag is not valid
     */
    public ImageReference withTag(String newTag) {
        if (!ReferenceGrammar.isTag(Objects.requireNonNull(newTag, "tag"))) {
            throw new InvalidReferenceException("invalid tag format");
        }
        return new ImageReference(domain, path, newTag, digest);
    }

    /**
     * This reference pinned to a digest; a tag is kept, as {@code reference.WithDigest} does.
     *
     * @param newDigest e.g. {@code sha256:<64 hex>}
     * @throws InvalidReferenceException {@code invalid digest format} when the text is not a digest,
     *                                   or go-digest's message when its algorithm or length is wrong
     *                                   (checked so that {@link #toString()} always parses again)
     */
    public ImageReference withDigest(String newDigest) {
        if (!ReferenceGrammar.isDigest(Objects.requireNonNull(newDigest, "digest"))) {
            throw new InvalidReferenceException("invalid digest format");
        }
        Digests.validate(newDigest);
        return new ImageReference(domain, path, tag, newDigest);
    }

    /**
     * The short form docker prints ({@code FamiliarString}): without {@code docker.io/} and, for
     * official images, without {@code library/}, e.g. {@code alpine:3.19}, {@code user/app}.
     */
    public String familiarString() {
        return withSuffixes(familiarName());
    }

    /** The repository in the short form docker prints ({@code FamiliarName}): {@code alpine}. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return repository();
        }
        if (path.startsWith(OFFICIAL_REPO_PREFIX) && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_REPO_PREFIX.length());
        }
        return path;
    }

    private String withSuffixes(String name) {
        StringBuilder out = new StringBuilder(name);
        if (!tag.isEmpty()) {
            out.append(':').append(tag);
        }
        if (!digest.isEmpty()) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    /** The fully qualified form: {@code docker.io/library/alpine:3.19@sha256:...}. */
    @Override
    public String toString() {
        return withSuffixes(repository());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference other
                && domain.equals(other.domain)
                && path.equals(other.path)
                && tag.equals(other.tag)
                && digest.equals(other.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, path, tag, digest);
    }
}
