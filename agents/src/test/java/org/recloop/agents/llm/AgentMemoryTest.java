package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Short-term window, retrieval by recency, importance and relevance, forgetting, lazy embeddings. */
class AgentMemoryTest {

    private static List<String> texts(List<AgentMemory.Memory> ms) {
        return ms.stream().map(m -> m.text).toList();
    }

    @Test
    void shortTermHoldsTheLatestObservationsAndRetrievalTheBestOthers() {
        AgentMemory m = new AgentMemory(2, 100);
        m.add(0, "a", 0.2);
        m.add(1, "b", 1.0); // important
        m.add(2, "c", 0.2);
        m.add(3, "insight", 0.9, false); // a reflection: never short-term
        m.add(3, "d", 0.2);
        m.add(4, "e", 0.2);
        assertThat(texts(m.shortTerm())).containsExactly("d", "e");
        // recency + importance: insight (0.9^1 + 0.9) > b (0.9^3 + 1.0) > c > a
        assertThat(texts(m.retrieve(4, "q", 2, null))).containsExactly("b", "insight");
        assertThat(texts(m.retrieve(4, "q", 10, null))).containsExactly("a", "b", "c", "insight");
        assertThat(m.retrieve(4, "q", 0, null)).isEmpty();
        assertThat(texts(m.last(2))).containsExactly("d", "e");
    }

    @Test
    void describeListsEveryMemoryOldestFirst() {
        AgentMemory m = new AgentMemory(1, 3);
        m.add(0, "opened item 4", 0.4);
        m.add(1, "Reflection: I like horror", 0.9, false);
        m.add(2, "skipped the feed", 0.123);
        assertThat(m.describe()).containsExactly("tick 0, importance 0.40: opened item 4",
                "tick 1, importance 0.90: Reflection: I like horror", "tick 2, importance 0.12: skipped the feed");
        m.add(3, "opened item 9", 0.5); // over capacity: the weakest is forgotten, and no longer described
        assertThat(m.describe()).hasSize(3).doesNotContain("tick 2, importance 0.12: skipped the feed");
    }

    @Test
    void relevanceRanksMemoriesByEmbeddingSimilarityAndEmbedsEachMemoryOnce() {
        AtomicInteger embedded = new AtomicInteger();
        // 2-d toy embedding: "horror" texts point one way, "cooking" texts the other
        AgentMemory.Embedder e = ts -> {
            embedded.addAndGet(ts.size());
            return ts.stream().map(t -> t.contains("cook") ? new float[] {0, 1} : new float[] {1, 0})
                    .toArray(float[][]::new);
        };
        AgentMemory m = new AgentMemory(1, 100);
        m.add(0, "read a cookbook", 0.3);
        m.add(0, "watched a horror film", 0.3);
        m.add(0, "another horror film", 0.3);
        m.add(0, "latest", 0.3);
        assertThat(texts(m.retrieve(0, "cooking feed", 1, e))).containsExactly("read a cookbook");
        assertThat(texts(m.retrieve(0, "horror feed", 2, e))).containsExactly("watched a horror film",
                "another horror film");
        assertThat(embedded.get()).isEqualTo(3 + 1 + 1); // three memories once, then one query each time
        // with too few candidates no embedding is needed at all
        AgentMemory small = new AgentMemory(1, 100);
        small.add(0, "x", 0.5);
        small.add(0, "y", 0.5);
        assertThat(texts(small.retrieve(0, "q", 3, ts -> {
            throw new AssertionError("embedder used");
        }))).containsExactly("x");
    }

    @Test
    void aFullStoreForgetsTheWeakestOlderMemory() {
        AgentMemory m = new AgentMemory(2, 4);
        m.add(0, "old-important", 1.0);
        m.add(0, "old-trivial", 0.0);
        m.add(5, "x", 0.5);
        m.add(6, "y", 0.5);
        m.add(7, "z", 0.5);
        assertThat(m.size()).isEqualTo(4);
        assertThat(texts(m.last(4))).containsExactly("old-important", "x", "y", "z");
    }

    @Test
    void theRealEmbeddingModelRetrievesTheRelatedMemory() {
        TextEmbedder te = new TextEmbedder();
        AgentMemory m = new AgentMemory(1, 100);
        m.add(0, "Opened a cookbook of Italian pasta recipes; liked it.", 0.4);
        m.add(0, "Opened a horror novel about a haunted house.", 0.4);
        m.add(0, "Opened a biography of a famous football player.", 0.4);
        m.add(0, "Opened nothing.", 0.2);
        assertThat(texts(m.retrieve(0, "Your feed: \"Pizza and pasta at home\", \"Baking bread\"", 1,
                ts -> te.embed(ts, 8)))).singleElement().asString().contains("pasta");
        assertThat(texts(m.retrieve(0, "Your feed: \"Ghost stories\", \"The haunting\"", 1, ts -> te.embed(ts, 8))))
                .singleElement().asString().contains("horror");
    }
}
