package dev.stagecraft.exec;

/** A RUN step's network: the host's (what {@code default} means without CNI, as in standalone BuildKit) or none. */
public enum NetworkMode {
    HOST, NONE
}
