package dev.stagecraft.worker.file;

import dev.stagecraft.StagecraftException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --chmod} value applied to copied files and directories, as fsutil's copier does: an
 * octal number (at most 07777) replaces all twelve mode bits; a symbolic mode ({@code u+x},
 * {@code a=rX}, {@code go-w}, {@code g=u}, comma separated clauses) is applied to each entry's own
 * mode with BSD {@code setmode} semantics (the {@code dchapes-mode} package) and a zero umask, so
 * {@code +x} without a class means all classes; {@code X} adds execute to directories and to
 * files that already have an execute bit.
 */
final class ModeSpec {
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final int RWXU = 0700;
    private static final int RWXG = 0070;
    private static final int RWXO = 0007;
    private static final int STANDARD = S_ISUID | S_ISGID | RWXU | RWXG | RWXO;

    /** One setmode command: {@code +}, {@code -}, {@code X} on bits, or {@code u/g/o} copies. */
    private record Cmd(char cmd, int bits, boolean u, boolean g, boolean o, boolean set, boolean clear) {
    }

    private final Integer octal;
    private final List<Cmd> cmds;

    private ModeSpec(Integer octal, List<Cmd> cmds) {
        this.octal = octal;
        this.cmds = cmds;
    }

    /**
     * Parses a {@code --chmod} value.
     *
     * @throws StagecraftException with BuildKit's {@code invalid chmod parameter} wording
     */
    static ModeSpec parse(String value) {
        if (value.isEmpty()) {
            throw invalid(value);
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '7')) {
            long v = value.length() > 11 ? Long.MAX_VALUE : Long.parseLong(value, 8);
            if (v > 07777) {
                throw invalid(value);
            }
            return new ModeSpec((int) v, List.of());
        }
        char first = value.charAt(0);
        if (first >= '0' && first <= '9') {
            throw invalid(value);
        }
        return new ModeSpec(null, symbolic(value));
    }

    /** The new twelve mode bits of an entry whose current bits are {@code mode}. */
    int apply(int mode, boolean isDirectory) {
        if (octal != null) {
            return octal;
        }
        int omode = mode & 07777;
        int newmode = omode;
        for (Cmd c : cmds) {
            switch (c.cmd) {
                case 'u' -> newmode = copy(c, newmode, (newmode & RWXU) >> 6);
                case 'g' -> newmode = copy(c, newmode, (newmode & RWXG) >> 3);
                case 'o' -> newmode = copy(c, newmode, newmode & RWXO);
                case '+' -> newmode |= c.bits;
                case '-' -> newmode &= ~c.bits;
                case 'X' -> {
                    if ((omode & 0111) != 0 || isDirectory) {
                        newmode |= c.bits;
                    }
                }
                default -> throw new IllegalStateException("mode command " + c.cmd);
            }
        }
        return newmode & 07777;
    }

    private static int copy(Cmd c, int newmode, int value) {
        if (c.clear) {
            int clr = c.set ? RWXO : value;
            if (c.u) {
                newmode &= ~((clr << 6) & c.bits);
            }
            if (c.g) {
                newmode &= ~((clr << 3) & c.bits);
            }
            if (c.o) {
                newmode &= ~(clr & c.bits);
            }
        }
        if (c.set) {
            if (c.u) {
                newmode |= (value << 6) & c.bits;
            }
            if (c.g) {
                newmode |= (value << 3) & c.bits;
            }
            if (c.o) {
                newmode |= value & c.bits;
            }
        }
        return newmode;
    }

    private static List<Cmd> symbolic(String s) {
        List<Cmd> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            int who = 0;
            while (i < n && "augo".indexOf(s.charAt(i)) >= 0) {
                switch (s.charAt(i)) {
                    case 'a' -> who |= STANDARD;
                    case 'u' -> who |= S_ISUID | RWXU;
                    case 'g' -> who |= S_ISGID | RWXG;
                    default -> who |= RWXO;
                }
                i++;
            }
            boolean equalDone = false;
            do {
                if (i >= n) {
                    throw invalid(s);
                }
                char op = s.charAt(i++);
                if (op != '+' && op != '-' && op != '=') {
                    throw invalid(s);
                }
                if (op == '=') {
                    equalDone = false;
                }
                who &= ~S_ISVTX;
                int perm = 0;
                int permX = 0;
                while (true) {
                    char b = i < n ? s.charAt(i) : 0;
                    if (b == 'r') {
                        perm |= 0444;
                    } else if (b == 's') {
                        if (who == 0 || (who & ~RWXO) != 0) {
                            perm |= S_ISUID | S_ISGID;
                        }
                    } else if (b == 't') {
                        if (who == 0 || (who & ~RWXO) != 0) {
                            who |= S_ISVTX;
                            perm |= S_ISVTX;
                        }
                    } else if (b == 'w') {
                        perm |= 0222;
                    } else if (b == 'X') {
                        if (op == '+') {
                            permX = 0111;
                        }
                    } else if (b == 'x') {
                        perm |= 0111;
                    } else if (b == 'u' || b == 'g' || b == 'o') {
                        if (perm != 0) {
                            add(out, op, who, perm);
                            perm = 0;
                        }
                        if (op == '=') {
                            equalDone = true;
                        }
                        if (permX != 0) {
                            add(out, 'X', who, permX);
                            permX = 0;
                        }
                        addCopy(out, b, who, op);
                    } else {
                        if (perm != 0 || (op == '=' && !equalDone)) {
                            if (op == '=') {
                                equalDone = true;
                            }
                            add(out, op, who, perm);
                            perm = 0;
                        }
                        if (permX != 0) {
                            add(out, 'X', who, permX);
                        }
                        break;
                    }
                    i++;
                }
                if (i == n) {
                    return out;
                }
            } while (s.charAt(i) != ',');
            i++;
            if (i == n) {
                throw invalid(s);
            }
        }
    }

    /** setmode's {@code addcmd} for {@code =}, {@code +}, {@code -} and {@code X}, with a zero umask. */
    private static void add(List<Cmd> out, char op, int who, int perm) {
        if (op == '=') {
            out.add(new Cmd('-', who != 0 ? who : STANDARD, false, false, false, false, false));
            op = '+';
        }
        int bits = who != 0 ? who & perm : perm;
        out.add(new Cmd(op, bits, false, false, false, false, false));
    }

    private static void addCopy(List<Cmd> out, char from, int who, char op) {
        boolean u;
        boolean g;
        boolean o;
        int bits;
        if (who != 0) {
            u = (who & 0400) != 0;
            g = (who & 0040) != 0;
            o = (who & 0004) != 0;
            bits = ~0;
        } else {
            u = true;
            g = true;
            o = true;
            bits = ~0;
        }
        out.add(new Cmd(from, bits, u, g, o, op == '+' || op == '=', op == '-' || op == '='));
    }

    private static StagecraftException invalid(String value) {
        return new StagecraftException("invalid chmod parameter: '" + value
                + "'. it should be octal string and between 0 and 07777");
    }
}
