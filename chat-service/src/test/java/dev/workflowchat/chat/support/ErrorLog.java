package dev.workflowchat.chat.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the service under test (in this JVM) logs at ERROR while this is open: for tests that
 * bad input, however bad, never makes the log read like a crash.
 */
public final class ErrorLog extends Handler implements AutoCloseable {

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private ErrorLog() {
    }

    public static ErrorLog watch() {
        ErrorLog log = new ErrorLog();
        log.root.addHandler(log);
        return log;
    }

    /** Each ERROR so far, as "logger: message". */
    public List<String> errors() {
        return errors.stream().map(entry -> entry.getLoggerName() + ": " + entry.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord entry) {
        if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(entry);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
