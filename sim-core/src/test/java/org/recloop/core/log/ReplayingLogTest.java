package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayingLogTest {

    /**
     * A continued run writes through {@link ReplayingLog}: an {@link EventLog} method it does not
     * override falls to the interface's default (often a no-op) and the rows of new ticks would be
     * silently lost, so every method, default ones included, must be overridden there.
     */
    @Test
    void everyEventLogMethodIsForwarded() {
        List<String> missing = new ArrayList<>();
        for (Method m : EventLog.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            if (m.getName().equals("exposures") && m.getParameterCount() == 2) {
                continue; // the convenience overload: its default calls the three-argument one
            }
            try {
                Method own = ReplayingLog.class.getMethod(m.getName(), m.getParameterTypes());
                if (own.getDeclaringClass() != ReplayingLog.class) {
                    missing.add(m.getName());
                }
            } catch (NoSuchMethodException e) {
                missing.add(m.getName());
            }
        }
        assertThat(missing).as("EventLog methods ReplayingLog does not forward").isEmpty();
    }
}
