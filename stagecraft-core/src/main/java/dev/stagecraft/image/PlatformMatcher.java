package dev.stagecraft.image;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.reference.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * containerd's {@code platforms.Only}: the platforms a host of one platform runs, best first. The
 * preference order matters for indexes that offer several variants, e.g. {@code arm/v6} and
 * {@code arm/v7} for an {@code arm/v7} host.
 */
final class PlatformMatcher {
    private PlatformMatcher() {
    }

    /** The best entry of {@code entries} for {@code wanted}, first among equals. */
    static Optional<Descriptor> best(Platform wanted, List<Descriptor> entries) {
        List<Platform> vector = vector(wanted.normalize());
        Descriptor best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Descriptor entry : entries) {
            if (entry.platform() == null) {
                continue;
            }
            int rank = rank(vector, toPlatform(entry.platform()));
            if (rank < bestRank) {
                best = entry;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The normalised platform of an index entry. */
    static Platform toPlatform(Descriptor.PlatformSpec spec) {
        return new Platform(spec.os(), spec.architecture(), spec.variant(), spec.osVersion()).normalize();
    }

    /** Position of {@code candidate} in the preference vector, or MAX_VALUE when it does not run. */
    private static int rank(List<Platform> vector, Platform candidate) {
        for (int i = 0; i < vector.size(); i++) {
            Platform p = vector.get(i);
            // OS versions only matter to Windows hosts, which stagecraft does not build for; they are ignored.
            if (p.os().equals(candidate.os()) && p.architecture().equals(candidate.architecture())
                    && p.variant().equals(candidate.variant())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** containerd's {@code platformVector}, on normalised platforms. */
    static List<Platform> vector(Platform p) {
        List<Platform> out = new ArrayList<>();
        out.add(p);
        switch (p.architecture()) {
            case "amd64" -> {
                // Normalised amd64 has no variant for v1, so only v2 and later add older levels.
                for (int v = variantNumber(p.variant()) - 1; v >= 1; v--) {
                    out.add(new Platform(p.os(), "amd64", v == 1 ? "" : "v" + v, p.osVersion()));
                }
                out.add(new Platform(p.os(), "386", "", p.osVersion()));
            }
            case "arm" -> {
                for (int v = variantNumber(p.variant()) - 1; v >= 5; v--) {
                    out.add(new Platform(p.os(), "arm", "v" + v, p.osVersion()));
                }
            }
            case "arm64" -> {
                // An arm64 host runs 32-bit ARM code up to its own level (v8 when unspecified).
                String variant = p.variant().isEmpty() ? "v8" : p.variant();
                Platform arm = new Platform(p.os(), "arm", variant, p.osVersion()).normalize();
                out.addAll(vector(arm));
            }
            default -> {
                // Other architectures run only themselves.
            }
        }
        return out;
    }

    /** {@code v3} is 3; no variant is 1 (the baseline level); an unknown form is 0. */
    private static int variantNumber(String variant) {
        if (variant.isEmpty()) {
            return 1;
        }
        try {
            return Integer.parseInt(variant.startsWith("v") ? variant.substring(1) : variant);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
