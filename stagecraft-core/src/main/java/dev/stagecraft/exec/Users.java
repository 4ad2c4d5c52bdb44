package dev.stagecraft.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users and groups of a root filesystem ({@code /etc/passwd}, {@code /etc/group}; either may
 * be missing) and the resolution of {@code user[:group]} specs against them with the rules of
 * Docker and BuildKit (runc's {@code GetExecUser}).
 */
public final class Users {
    private static final long MAX_ID = Integer.MAX_VALUE;

    /** A line of {@code /etc/passwd}. */
    public record Passwd(String name, int uid, int gid, String home) {
    }

    /** A line of {@code /etc/group}. */
    public record Group(String name, int gid, List<String> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /** Whom a RUN step runs as. {@code home} is the passwd entry's, {@code /} without one. */
    public record ExecUser(int uid, int gid, List<Integer> additionalGids, String home) {
        public ExecUser {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    /** The owner COPY/ADD {@code --chown} gives to files. */
    public record Owner(int uid, int gid) {
    }

    private final List<Passwd> passwd;
    private final List<Group> groups;

    private Users(List<Passwd> passwd, List<Group> groups) {
        this.passwd = List.copyOf(passwd);
        this.groups = List.copyOf(groups);
    }

    /**
     * Reads {@code /etc/passwd} and {@code /etc/group} of {@code rootfs}, following symlinks only
     * inside the rootfs. A missing file counts as an empty one.
     */
    public static Users read(Path rootfs) throws IOException {
        return new Users(parsePasswd(readInRoot(rootfs, "/etc/passwd")), parseGroup(readInRoot(rootfs, "/etc/group")));
    }

    /** Users and groups from the text of a passwd and a group file. */
    public static Users parse(String passwdText, String groupText) {
        return new Users(parsePasswd(passwdText), parseGroup(groupText));
    }

    public List<Passwd> passwd() {
        return passwd;
    }

    public List<Group> groups() {
        return groups;
    }

    /**
     * Resolves a RUN/USER spec. Empty means root ({@code 0:0}, no supplementary groups). A user name must have a passwd entry; a numeric
     * uid need not (its gid is then 0 and home {@code /}). Without a group the gid is the user's
     * primary one and the groups listing the user by name are the supplementary ones; with a group
     * (name or id) there are none. Both parts numeric resolve without any lookup, as BuildKit does.
     *
     * @throws ExecException with runc's wording, e.g. {@code unable to find user bob: no matching
     *                       entries in passwd file}
     */
    public ExecUser resolve(String spec) {
        String userArg = spec == null ? "" : spec;
        String groupArg = "";
        int colon = userArg.indexOf(':');
        if (colon >= 0) {
            groupArg = userArg.substring(colon + 1);
            userArg = userArg.substring(0, colon);
        }
        Optional<Long> uidArg = numeric(userArg);
        Optional<Long> gidArg = numeric(groupArg);
        if (userArg.isEmpty() && groupArg.isEmpty()) {
            return new ExecUser(0, 0, List.of(), homeOf(0));
        }
        if (uidArg.isPresent() && gidArg.isPresent()) {
            return new ExecUser(checkRange(uidArg.get()), checkRange(gidArg.get()), List.of(), homeOf(uidArg.get()));
        }
        int uid = 0;
        int gid = 0;
        String matchedName = null;
        String name = userArg;
        Optional<Passwd> entry = passwd.stream()
                .filter(p -> uidArg.isPresent() ? p.uid() == uidArg.get() : p.name().equals(name)).findFirst();
        if (entry.isPresent()) {
            matchedName = entry.get().name();
            uid = entry.get().uid();
            gid = entry.get().gid();
        } else if (!userArg.isEmpty()) {
            if (uidArg.isEmpty()) {
                throw new ExecException("unable to find user " + userArg + ": no matching entries in passwd file");
            }
            uid = checkRange(uidArg.get());
        }
        List<Integer> additional = new ArrayList<>();
        if (!groupArg.isEmpty()) {
            String groupName = groupArg;
            Optional<Group> g = groups.stream()
                    .filter(x -> gidArg.isPresent() ? x.gid() == gidArg.get() : x.name().equals(groupName)).findFirst();
            if (g.isPresent()) {
                gid = g.get().gid();
            } else if (gidArg.isPresent()) {
                gid = checkRange(gidArg.get());
            } else {
                throw new ExecException("unable to find group " + groupArg + ": no matching entries in group file");
            }
        } else if (matchedName != null) {
            for (Group g : groups) {
                if (g.members().contains(matchedName)) {
                    additional.add(g.gid());
                }
            }
        }
        // The runtime sets HOME from the passwd entry of the final uid, whatever named it.
        return new ExecUser(uid, gid, additional, homeOf(uid));
    }

    /**
     * Resolves a COPY/ADD {@code --chown} spec the way BuildKit's file op does: a numeric user sets
     * uid and gid to that number; a user name takes uid and gid from its passwd entry; a group (name
     * or id) then replaces the gid. A name with no entry is <em>not</em> an error in BuildKit: an
     * unknown user leaves {@code 0:0} and an unknown group leaves the gid as the user part set it.
     * An empty group after the colon ({@code user:}) means gid 0, as in BuildKit.
     */
    public Owner resolveChown(String spec) {
        String userArg = spec;
        String groupArg = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            groupArg = spec.substring(colon + 1);
            userArg = spec.substring(0, colon);
        }
        int uid = 0;
        int gid = 0;
        Optional<Long> uidArg = numeric(userArg);
        if (uidArg.isPresent()) {
            uid = checkRange(uidArg.get());
            gid = uid;
        } else if (!userArg.isEmpty()) {
            String name = userArg;
            Optional<Passwd> entry = passwd.stream().filter(p -> p.name().equals(name)).findFirst();
            if (entry.isPresent()) {
                uid = entry.get().uid();
                gid = entry.get().gid();
            }
        }
        if (groupArg != null) {
            Optional<Long> gidArg = numeric(groupArg);
            if (gidArg.isPresent() || groupArg.isEmpty()) {
                gid = gidArg.map(Users::checkRange).orElse(0);
            } else {
                String name = groupArg;
                Optional<Group> g = groups.stream().filter(x -> x.name().equals(name)).findFirst();
                if (g.isPresent()) {
                    gid = g.get().gid();
                }
            }
        }
        return new Owner(uid, gid);
    }

    private String homeOf(long uid) {
        return passwd.stream().filter(p -> p.uid() == uid).map(Passwd::home).filter(h -> !h.isEmpty())
                .findFirst().orElse("/");
    }

    private static Optional<Long> numeric(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }

    private static int checkRange(long id) {
        if (id > MAX_ID) {
            throw new ExecException("user/group id " + id + " is out of range (0-" + MAX_ID + ")");
        }
        return (int) id;
    }

    private static String readInRoot(Path rootfs, String file) throws IOException {
        Path p = RootfsPaths.resolve(rootfs, file);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return "";
        } catch (IOException e) {
            if (Files.isDirectory(p)) {
                throw new ExecException(file + " in " + rootfs + " is a directory", e);
            }
            throw e;
        }
    }

    // Fields past the ones needed are ignored and lines with a non-numeric id are skipped, like runc.
    private static List<Passwd> parsePasswd(String text) {
        List<Passwd> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(":", -1);
            Optional<Long> uid = f.length > 2 ? numeric(f[2]) : Optional.empty();
            Optional<Long> gid = f.length > 3 ? numeric(f[3]) : Optional.of(0L);
            if (uid.isEmpty() || gid.isEmpty() || uid.get() > MAX_ID || gid.get() > MAX_ID) {
                continue;
            }
            out.add(new Passwd(f[0], uid.get().intValue(), gid.get().intValue(), f.length > 5 ? f[5] : ""));
        }
        return out;
    }

    private static List<Group> parseGroup(String text) {
        List<Group> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(":", -1);
            Optional<Long> gid = f.length > 2 ? numeric(f[2]) : Optional.empty();
            if (gid.isEmpty() || gid.get() > MAX_ID) {
                continue;
            }
            List<String> members = new ArrayList<>();
            if (f.length > 3) {
                for (String m : f[3].split(",")) {
                    if (!m.isBlank()) {
                        members.add(m.strip());
                    }
                }
            }
            out.add(new Group(f[0], gid.get().intValue(), members));
        }
        return out;
    }
}
