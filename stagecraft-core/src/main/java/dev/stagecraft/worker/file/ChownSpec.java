package dev.stagecraft.worker.file;

import dev.stagecraft.StagecraftException;

/**
 * A {@code --chown} or WORKDIR owner value, {@code user[:group]}, split as BuildKit's
 * {@code llb.WithUser}: each part is an id when it parses as a 32-bit decimal number ({@code root}
 * counts as 0), otherwise a name looked up in the destination.
 */
final class ChownSpec {
    private ChownSpec() {
    }

    /**
     * The numeric owner. A user id alone gives the same gid; a user name gives its primary group;
     * an unknown name leaves id 0 (BuildKit's {@code readUser}).
     */
    static Owner resolve(String spec, OwnerResolver owners) {
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String group = colon < 0 ? null : spec.substring(colon + 1);
        int uid = 0;
        int gid = 0;
        Integer id = parseId(user);
        if (id != null) {
            uid = id;
            gid = id;
        } else {
            Owner o = owners.user(user);
            if (o != null) {
                uid = o.uid();
                gid = o.gid();
            }
        }
        if (group != null) {
            Integer g = parseId(group);
            if (g != null) {
                gid = g;
            } else {
                Integer named = owners.group(group);
                if (named != null) {
                    gid = named;
                }
            }
        }
        return new Owner(uid, gid);
    }

    private static Integer parseId(String s) {
        if (s.equals("root")) {
            return 0;
        }
        try {
            long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                return null;
            }
            if (v < 0) {
                throw new StagecraftException("invalid owner " + spec(s) + ": negative id");
            }
            return (int) v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String spec(String s) {
        return "\"" + s + "\"";
    }
}
