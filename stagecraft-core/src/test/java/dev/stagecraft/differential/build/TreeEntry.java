package dev.stagecraft.differential.build;

import java.time.Instant;
import java.util.List;

/**
 * One path of a filesystem tree as a tar archive describes it, with everything the differential
 * suite compares. A hard link is not an entry type of its own: each name of a multiply linked
 * file is a {@link Type#FILE} with the file's attributes and {@link #hardlinks} lists the other
 * names, so that the comparison does not depend on which name a tar writer stored first.
 *
 * @param path       relative, without a leading {@code ./} or {@code /} and without a trailing slash
 * @param mode       permission bits with setuid, setgid and sticky ({@code 07777})
 * @param size       content length of a regular file, 0 otherwise
 * @param sha256     hex digest of a regular file's content, empty otherwise
 * @param linkTarget a symbolic link's target, empty otherwise
 * @param mtime      modification time in whole seconds since the epoch
 * @param hardlinks  the other names of the same file, sorted; empty when it has one name
 */
public record TreeEntry(String path, Type type, int mode, long uid, long gid, long size, String sha256,
        String linkTarget, int devMajor, int devMinor, long mtime, List<String> hardlinks) {

    /** What kind of file an entry is. */
    public enum Type {
        FILE("file"), DIRECTORY("dir"), SYMLINK("symlink"), CHAR_DEVICE("char device"),
        BLOCK_DEVICE("block device"), FIFO("fifo");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public TreeEntry {
        hardlinks = List.copyOf(hardlinks);
    }

    /** The same entry under another name and with other link names (a hard link's view of its file). */
    TreeEntry asName(String name, List<String> otherNames) {
        return new TreeEntry(name, type, mode, uid, gid, size, sha256, linkTarget, devMajor, devMinor, mtime,
                otherNames);
    }

    /** A one-line description: type, mode, owner and what the type has (size and digest, target, device). */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(type).append(' ').append(String.format("%04o", mode))
                .append(' ').append(uid).append(':').append(gid);
        switch (type) {
            case FILE -> sb.append(" size ").append(size).append(" sha256:").append(shortDigest());
            case SYMLINK -> sb.append(" -> ").append(linkTarget);
            case CHAR_DEVICE, BLOCK_DEVICE -> sb.append(' ').append(devMajor).append(',').append(devMinor);
            default -> { }
        }
        if (!hardlinks.isEmpty()) {
            sb.append(" hardlinked with ").append(hardlinks);
        }
        return sb.append(" mtime ").append(Instant.ofEpochSecond(mtime)).toString();
    }

    String shortDigest() {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }
}
