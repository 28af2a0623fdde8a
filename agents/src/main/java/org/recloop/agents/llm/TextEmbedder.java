package org.recloop.agents.llm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds short texts with the in-process all-MiniLM-L6-v2 model (384 dimensions, unit length,
 * runs offline on the CPU; deterministic for a given text). Loads the model when constructed
 * (about a second); {@link LangChainLanguageModels#embedder()} defers that to the first use.
 */
public final class TextEmbedder implements org.recloop.core.lm.TextEmbedder {

    public static final int DIMENSIONS = 384;
    private final EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    /** Batch size of {@link #embed(List)}. */
    static final int BATCH = 32;

    @Override
    public float[][] embed(List<String> texts) {
        return embed(texts, BATCH);
    }

    @Override
    public int dimension() {
        return DIMENSIONS;
    }

    /** Embeds texts in batches; row i of the result is text i's embedding. */
    public float[][] embed(List<String> texts, int batch) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += batch) {
            int to = Math.min(texts.size(), from + batch);
            List<TextSegment> seg = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                seg.add(TextSegment.from(texts.get(i)));
            }
            List<Embedding> e = model.embedAll(seg).content();
            for (int i = from; i < to; i++) {
                out[i] = e.get(i - from).vector();
            }
        }
        return out;
    }
}
