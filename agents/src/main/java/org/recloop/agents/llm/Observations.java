package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;

/**
 * What an LLM agent remembers of a session, written from the events of its step (whoever decided
 * it, the LLM or the rule model), so that its memory reflects what it did, not what it said. Pure
 * functions of their inputs: the same step gives the same memory, and so the same later prompts.
 */
final class Observations {
    private Observations() {}

    /** A memory: its text and importance in [0, 1]. */
    record Observation(String text, double importance) {}

    /** What the agent remembers of a session, from its events. */
    static Observation observe(Catalog catalog, IntFunction<String> describe, SlateBatch slates, LlmStep st,
            String reason) {
        EventBuffer ev = st.events;
        List<StringBuilder> sentences = new ArrayList<>();
        StringBuilder open = new StringBuilder(); // the sentence of the last opened item
        double importance = 0.2;
        for (int i = 0; i < ev.size(); i++) {
            switch (EventType.ofCode(ev.typeCode(i))) {
                case SEARCH -> sentences.add(st.action != null && st.action.search() != null
                        ? new StringBuilder("Searched for \"").append(shorten(st.action.search(), 80)).append('"')
                        : new StringBuilder("Searched topic ").append((int) ev.value(i)));
                case CLICK -> {
                    open = new StringBuilder("Opened ").append(describe.apply(ev.item(i)))
                            .append(ev.slate(i) < 0 ? " from a search" : " from my feed");
                    sentences.add(open);
                    importance = Math.max(importance, 0.4);
                }
                case RATE -> {
                    open.append("; rated it ").append((int) ev.value(i)).append("/5");
                    importance += 0.1 * Math.abs(ev.value(i) - 3);
                }
                case LIKE -> {
                    open.append("; liked it");
                    importance += 0.15;
                }
                case SHARE -> {
                    open.append("; shared it");
                    importance += 0.15;
                }
                case COMMENT -> open.append("; commented on it");
                case FOLLOW -> {
                    open.append("; followed its creator");
                    importance += 0.1;
                }
                case UNFOLLOW -> open.append("; unfollowed its creator");
                case SKIP -> {
                    Set<Integer> topics = new LinkedHashSet<>();
                    for (int r = 0; r < slates.length(st.slate) && topics.size() < 5; r++) {
                        topics.add(catalog.topic(slates.item(st.slate, r)));
                    }
                    StringBuilder sb = new StringBuilder(topics.isEmpty() ? "My feed was empty"
                            : "Opened nothing from a feed about topics ");
                    for (int t : topics) {
                        sb.append(sb.charAt(sb.length() - 1) == ' ' ? "" : ", ").append(t);
                    }
                    sentences.add(sb);
                }
                case MESSAGE -> {
                    StringBuilder sb = new StringBuilder("Sent user ").append(ev.target(i)).append(" a message");
                    if (st.action != null && st.action.message() != null) {
                        sb.append(": \"").append(shorten(st.action.message().text(), 80)).append('"');
                    }
                    sentences.add(sb);
                    importance += 0.1;
                }
                case LEAVE -> {
                    sentences.add(new StringBuilder("Decided to leave the platform"));
                    importance = 1.0;
                }
                default -> {
                }
            }
        }
        if (st.action != null && st.action.post() != null) {
            sentences.add(new StringBuilder("Wrote a post: \"").append(shorten(st.action.post(), 80)).append('"'));
            importance += 0.15;
        }
        if (st.action != null && st.action.command() != null) {
            // remembered, so that the agent knows what it already asked for (and may see the effect)
            sentences.add(new StringBuilder("Told the platform: \"").append(shorten(st.action.command(), 80))
                    .append('"'));
            importance += 0.15;
        }
        StringBuilder text = new StringBuilder();
        for (StringBuilder sb : sentences) {
            text.append(text.length() == 0 ? "" : ". ").append(sb);
        }
        text.append('.');
        if (reason != null && !reason.isBlank()) {
            String r = reason.strip();
            text.append(" Why: ").append(r.length() > 160 ? r.substring(0, 160) + "..." : r);
        }
        return new Observation(text.toString(), Math.min(1.0, importance));
    }

    /** The text on one line, cut to {@code max} characters ("..." appended when cut). */
    static String shorten(String text, int max) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > max ? t.substring(0, max) + "..." : t;
    }
}
