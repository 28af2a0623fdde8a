package org.recloop.agents.llm;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-user state of {@link LlmUserModel} that React changes and afterTick or a later tick
 * reads, written and read for a set of users (the model's {@link
 * org.recloop.core.react.UserStateRows}). After the embedded rule model's rows, for each LLM agent
 * among the users:
 * <ul>
 *   <li>whether the LLM decided its step this tick (afterTick leaves it out of the rule model's
 *       posts and returns, and clears the mark);
 *   <li>the post its answer queued and the feed command it said (published, and read by the
 *       {@code feed-commands} wrapper, in afterTick);
 *   <li>its {@link LlmAgent}: profile, sessions, satisfaction and every memory (tick, text,
 *       importance, sequence number, observation or reflection, and the text embedding when one
 *       was computed, so that every copy ranks memories with the same vectors whichever copy
 *       embedded them), with the memory's sequence counter.
 * </ul>
 * Rule-driven users have nothing beyond the rule model's rows. Reading a user's rows replaces the
 * queued post and command, so a copy that reacted for the user itself holds them once.
 */
final class LlmUserRows {

    private LlmUserRows() {}

    static void write(int[] users, boolean[] llm, boolean[] decided, DecisionOutcomes agents, SocialActions social,
            Map<Integer, FeedCommandSpeaker.Said> said, DataOutput out) throws IOException {
        for (int u : users) {
            if (!llm[u]) {
                continue;
            }
            out.writeBoolean(decided[u]);
            writeString(out, social.queuedPost(u));
            FeedCommandSpeaker.Said s = said.get(u);
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeInt(s.tick());
                writeString(out, s.text());
            }
            LlmAgent a = agents.agent(u);
            writeString(out, a.profile);
            out.writeInt(a.sessions);
            out.writeFloat(a.satisfaction);
            out.writeLong(a.memory.nextSeq());
            List<AgentMemory.Memory> memories = a.memory.entries();
            out.writeInt(memories.size());
            for (AgentMemory.Memory m : memories) {
                out.writeInt(m.tick);
                writeString(out, m.text);
                out.writeDouble(m.importance);
                out.writeLong(m.seq);
                out.writeBoolean(m.observation);
                float[] e = m.embedding;
                out.writeInt(e == null ? -1 : e.length);
                if (e != null) {
                    for (float x : e) {
                        out.writeFloat(x);
                    }
                }
            }
        }
    }

    static void read(int[] users, boolean[] llm, boolean[] decided, DecisionOutcomes agents, SocialActions social,
            Map<Integer, FeedCommandSpeaker.Said> said, DataInput in) throws IOException {
        for (int u : users) {
            if (!llm[u]) {
                continue;
            }
            decided[u] = in.readBoolean();
            social.setQueuedPost(u, readString(in));
            if (in.readBoolean()) {
                int tick = in.readInt();
                said.put(u, new FeedCommandSpeaker.Said(tick, u, readString(in)));
            } else {
                said.remove(u);
            }
            LlmAgent a = agents.agent(u);
            a.profile = readString(in);
            a.sessions = in.readInt();
            a.satisfaction = in.readFloat();
            long nextSeq = in.readLong();
            int n = in.readInt();
            List<AgentMemory.Memory> memories = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                AgentMemory.Memory m = new AgentMemory.Memory(in.readInt(), readString(in), in.readDouble(),
                        in.readLong(), in.readBoolean());
                int len = in.readInt();
                if (len >= 0) {
                    float[] e = new float[len];
                    for (int d = 0; d < len; d++) {
                        e[d] = in.readFloat();
                    }
                    m.embedding = e;
                }
                memories.add(m);
            }
            a.memory.restore(memories, nextSeq);
        }
    }

    /** Length-prefixed UTF-8 ({@code -1}: null); unlike writeUTF, not limited to 64 KB (posts may be long). */
    private static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
