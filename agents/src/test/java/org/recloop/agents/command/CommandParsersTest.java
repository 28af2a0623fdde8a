package org.recloop.agents.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.recloop.core.command.FeedConstraint;
import org.recloop.core.command.FeedConstraint.Kind;
import org.recloop.core.command.FeedConstraint.Target;

/** The rules parser's templates and the LLM parser's answer validation against the catalog. */
class CommandParsersTest {

    /** 12 topics, creators 0..4, 300 items. */
    private static final RulesCommandParser.CatalogTerms TERMS = new RulesCommandParser.CatalogTerms(12,
            BitSet.valueOf(new long[] {0b11111}), 300);

    private final RulesCommandParser rules = new RulesCommandParser(TERMS, 10);

    @Test
    void theTemplatesReadAsTheirConstraintsFromTheNextTick() {
        assertThat(rules.parse("Less of topic 3", 5)).contains(new FeedConstraint(Kind.EXCLUDE, Target.TOPIC, 3, 6, 16));
        assertThat(rules.parse("more from creator 4 for 2 ticks.", 5))
                .contains(new FeedConstraint(Kind.BOOST, Target.CREATOR, 4, 6, 8));
        assertThat(rules.parse("nothing from creator 0", 0)).contains(new FeedConstraint(Kind.EXCLUDE, Target.CREATOR,
                0, 1, 11));
        assertThat(rules.parse("not item 299", 0)).map(FeedConstraint::target).contains(Target.ITEM);
        assertThat(rules.parse("more from people I follow", 0))
                .contains(new FeedConstraint(Kind.BOOST, Target.FOLLOWED, -1, 1, 11));
        assertThat(new RulesCommandParser(TERMS, 0).parse("less of topic 1", 7).get().untilTick())
                .isEqualTo(Integer.MAX_VALUE);
        for (Kind k : Kind.values()) {
            for (Target t : Target.values()) {
                int v = t == Target.FOLLOWED ? -1 : 2;
                assertThat(rules.parse(RulesCommandParser.text(k, t, v), 0)).as("%s %s", k, t)
                        .contains(new FeedConstraint(k, t, v, 1, 11));
            }
        }
    }

    @Test
    void idsTheCatalogLacksAndOtherWordsAreNoCommand() {
        assertThat(rules.parse("less of topic 12", 0)).isEmpty();
        assertThat(rules.parse("nothing from creator 5", 0)).isEmpty();
        assertThat(rules.parse("not item 300", 0)).isEmpty();
        assertThat(rules.parse("less of topic 1 for 0 ticks", 0)).isEmpty();
        assertThat(rules.parse("less true crime please", 0)).isEmpty();
    }

    @Test
    void theLlmAnswerIsValidatedAgainstTheCatalog() {
        LlmCommandParser p = new LlmCommandParser(null, rules, 10);
        assertThat(p.read("{\"kind\":\"exclude\",\"target\":\"topic\",\"value\":3,\"ticks\":null}", 2, TERMS)
                .constraint()).isEqualTo(new FeedConstraint(Kind.EXCLUDE, Target.TOPIC, 3, 3, 13));
        assertThat(p.read("Sure! {\"kind\":\"boost\",\"target\":\"followed\",\"value\":null,\"ticks\":4}", 2, TERMS)
                .constraint()).isEqualTo(new FeedConstraint(Kind.BOOST, Target.FOLLOWED, -1, 3, 7));
        assertThat(p.read("{\"kind\":\"exclude\",\"target\":\"topic\",\"value\":99}", 0, TERMS).error())
                .isEqualTo("topic 99 does not exist (topics are 0..11)");
        assertThat(p.read("{\"kind\":\"exclude\",\"target\":\"creator\",\"value\":7}", 0, TERMS).error())
                .contains("creator 7");
        assertThat(p.read("{\"kind\":\"hide\",\"target\":\"topic\",\"value\":1}", 0, TERMS).error()).contains("kind");
        assertThat(p.read("{\"kind\":\"boost\",\"target\":\"genre\",\"value\":1}", 0, TERMS).error()).contains("target");
        assertThat(p.read("{\"kind\":\"boost\",\"target\":\"topic\",\"value\":\"3\"}", 0, TERMS).error())
                .contains("value");
        assertThat(p.read("less of topic 3", 0, TERMS).error()).isEqualTo("not a JSON object");
    }
}
