package org.recloop.scenarios.gui;

import java.awt.BorderLayout;
import java.awt.Font;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import sim.portrayal.Inspector;

/**
 * The inspector a click on a user opens: MASON's property list (id, status, activity ...) above a
 * text pane with the user's preference vector, recent consumption and engagements, recent slates,
 * recent events and, for a run whose user model has them, the agent's memory, one entry a line. A
 * property list shows an array as {@code String[]@1f0290ba} behind a magnifier; these lists are
 * what one inspects a user for, so they are written out in full. Refreshed by MASON on Swing's
 * thread, under the schedule's lock.
 */
final class UserInspector extends Inspector {

    private static final long serialVersionUID = 1L;

    private final Inspector properties;
    private final transient UserNode user;
    private final JTextArea text = new JTextArea(16, 46);

    UserInspector(UserNode user, Inspector properties) {
        this.user = user;
        this.properties = properties;
        setLayout(new BorderLayout());
        add(properties, BorderLayout.NORTH);
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
        add(new JScrollPane(text), BorderLayout.CENTER);
        setTitle(properties.getTitle());
        fill();
    }

    @Override
    public void updateInspector() {
        properties.updateInspector();
        fill();
    }

    private void fill() {
        text.setText(describe(user));
        text.setCaretPosition(0);
    }

    /** The user's recent slates, recent events and memory as the text pane shows them. */
    static String describe(UserNode user) {
        StringBuilder b = new StringBuilder();
        StringBuilder pref = new StringBuilder("[");
        for (double v : user.getPreference()) {
            pref.append(pref.length() > 1 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.2f", v));
        }
        section(b, "Preference vector", new String[] {pref.append(']').toString()});
        section(b, "Recently consumed items, newest last",
                new String[] {java.util.Arrays.toString(user.getRecentlyConsumed())});
        section(b, "Recent engagements (posts, shares, likes)", user.getRecentEngagements());
        section(b, "Recent slates (tick: items in position order)", user.getRecentSlates());
        section(b, "Recent events", user.getRecentEvents());
        if (user.hasMemory()) {
            section(b, "LLM agent memory", user.getMemory());
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String title, String[] lines) {
        b.append(b.length() == 0 ? "" : "\n").append(title).append('\n');
        if (lines.length == 0) {
            b.append("  (none)\n");
        }
        for (String line : lines) {
            b.append("  ").append(line).append('\n');
        }
    }
}
