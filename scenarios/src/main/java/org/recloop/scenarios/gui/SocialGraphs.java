package org.recloop.scenarios.gui;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a scenario has a follow graph, which decides whether the GUI opens the graph window. */
final class SocialGraphs {

    private SocialGraphs() {}

    /** True if the resolved scenario declares {@code world.graph} of a type other than {@code none}. */
    static boolean declared(JsonNode resolved) {
        JsonNode type = resolved.at("/world/graph/type");
        return type.isTextual() && !"none".equals(type.asText());
    }
}
