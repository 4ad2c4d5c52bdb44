package dev.stagecraft.frontend;

import dev.stagecraft.graph.Vertex;
import java.util.ArrayList;
import java.util.List;

/** Collects the distinct input vertices of an op and hands out their indexes. */
final class Inputs {
    private final List<Vertex> vertices = new ArrayList<>();

    /** The index of {@code v} among the inputs, adding it if new; -1 for an empty filesystem. */
    int indexOf(Vertex v) {
        if (v == null) {
            return -1;
        }
        for (int i = 0; i < vertices.size(); i++) {
            if (vertices.get(i).digest().equals(v.digest())) {
                return i;
            }
        }
        vertices.add(v);
        return vertices.size() - 1;
    }

    List<Vertex> list() {
        return List.copyOf(vertices);
    }
}
