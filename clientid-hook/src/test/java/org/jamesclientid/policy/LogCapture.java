package org.jamesclientid.policy;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;

/**
 * Captures every event of every logger, at every level, until closed.
 */
public class LogCapture implements AutoCloseable {
    public static LogCapture everything() {
        return new LogCapture();
    }

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level previousLevel = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.ALL);
    }

    public ImmutableList<ILoggingEvent> events() {
        synchronized (appender) {
            return ImmutableList.copyOf(appender.list);
        }
    }

    public ImmutableList<String> messages(String loggerName, Level level) {
        return events().stream()
            .filter(event -> event.getLoggerName().equals(loggerName) && event.getLevel().equals(level))
            .map(ILoggingEvent::getFormattedMessage)
            .collect(ImmutableList.toImmutableList());
    }

    /**
     * All the text an appender could write for the captured events: messages, arguments, MDC, key-value pairs,
     * exceptions with their causes and stack traces.
     */
    public String everythingWritten() {
        return everythingWrittenBy(any -> true);
    }

    /**
     * Same as {@link #everythingWritten()}, for the events of the loggers {@code loggerName} accepts.
     */
    public String everythingWrittenBy(Predicate<String> loggerName) {
        return events().stream()
            .filter(event -> loggerName.test(event.getLoggerName()))
            .map(LogCapture::text)
            .collect(Collectors.joining("\n"));
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder()
            .append(event.getLoggerName()).append(' ')
            .append(event.getFormattedMessage()).append(' ')
            .append(event.getMDCPropertyMap()).append(' ')
            .append(event.getKeyValuePairs()).append(' ');
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                text.append(argument).append(' ');
            }
        }
        appendThrowable(text, event.getThrowableProxy());
        return text.toString();
    }

    private static void appendThrowable(StringBuilder text, IThrowableProxy throwable) {
        if (throwable == null) {
            return;
        }
        text.append(throwable.getClassName()).append(": ").append(throwable.getMessage()).append('\n');
        for (StackTraceElementProxy frame : throwable.getStackTraceElementProxyArray()) {
            text.append(frame.getSTEAsString()).append('\n');
        }
        for (IThrowableProxy suppressed : throwable.getSuppressed()) {
            appendThrowable(text, suppressed);
        }
        appendThrowable(text, throwable.getCause());
    }

    List<ILoggingEvent> eventsAtOrAbove(Level level) {
        return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(level)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
    }
}
