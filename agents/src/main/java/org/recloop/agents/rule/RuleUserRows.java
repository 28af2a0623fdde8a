package org.recloop.agents.rule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The per-user arrays of {@link RuleUserModel}, written and read for a set of users. */
final class RuleUserRows {

    private RuleUserRows() {}

    static void write(int[] users, int topics, float[] satiation, int[] lastSeen, float[] satisfaction, int[] sessions,
            DataOutput out) throws IOException {
        for (int u : users) {
            if (satiation != null) {
                for (int t = 0; t < topics; t++) {
                    out.writeFloat(satiation[u * topics + t]);
                }
            }
            out.writeInt(lastSeen[u]);
            out.writeFloat(satisfaction[u]);
            out.writeInt(sessions[u]);
        }
    }

    static void read(int[] users, int topics, float[] satiation, int[] lastSeen, float[] satisfaction, int[] sessions,
            DataInput in) throws IOException {
        for (int u : users) {
            if (satiation != null) {
                for (int t = 0; t < topics; t++) {
                    satiation[u * topics + t] = in.readFloat();
                }
            }
            lastSeen[u] = in.readInt();
            satisfaction[u] = in.readFloat();
            sessions[u] = in.readInt();
        }
    }
}
