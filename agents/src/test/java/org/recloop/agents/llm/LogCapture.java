package org.recloop.agents.llm;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures what is logged at INFO and above through the root logger, for tests that check log lines. */
final class LogCapture {

    private LogCapture() {}

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Sets the root level to INFO and attaches a started list appender. */
    static ListAppender<ILoggingEvent> attach() {
        root().setLevel(Level.INFO);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        return logs;
    }

    static void detach(ListAppender<ILoggingEvent> logs) {
        root().detachAppender(logs);
    }
}
