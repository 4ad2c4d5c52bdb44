package dev.stagecraft.api;

/** How a {@link BuildPlan} is written out. */
public enum PlanFormat {
    /** For people: stages, waves, steps, skipped stages and the image config. */
    TEXT,
    /** For programs: the same content as one JSON document. */
    JSON,
    /** The stage graph in Graphviz's dot language. */
    DOT
}
