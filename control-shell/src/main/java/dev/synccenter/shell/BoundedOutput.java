package dev.synccenter.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's output to an endpoint client, bounded in bytes (C50). A write past the bound writes
 * what still fits and throws {@link CutException}, which ends a command that prints in a loop at
 * once (a {@code PrintStream} passes unchecked exceptions through). {@link #seal} writes the last
 * lines (an error, the exit status) past the bound and refuses any output after them, so that a
 * command cut at its time bound cannot write after its answer ended.
 */
final class BoundedOutput extends OutputStream {

    /** The output was cut at its bound, or after the answer was sealed. */
    static final class CutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CutException(String message) {
            super(message);
        }
    }

    private final OutputStream raw;
    private final long limit;
    private long written;
    private boolean cut;
    private boolean sealed;
    private int last = '\n';

    BoundedOutput(OutputStream raw, long limit) {
        this.raw = raw;
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (sealed) {
            throw new CutException("the answer has ended");
        }
        long room = limit - written;
        if (len > room) {
            if (room > 0) {
                raw.write(b, off, (int) room);
                last = b[off + (int) room - 1];
            }
            written = limit;
            cut = true;
            throw new CutException("the output reached its bound of " + limit + " bytes");
        }
        raw.write(b, off, len);
        written += len;
        if (len > 0) {
            last = b[off + len - 1];
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!sealed) {
            raw.flush();
        }
    }

    synchronized boolean cut() {
        return cut;
    }

    synchronized long written() {
        return written;
    }

    /**
     * Ends the answer with {@code tail} (whole lines), on a line of its own, whatever the bound;
     * returns false, writing nothing, if it was sealed before.
     */
    synchronized boolean seal(String tail) throws IOException {
        if (sealed) {
            return false;
        }
        sealed = true;
        raw.write(((last == '\n' ? "" : "\n") + tail).getBytes(StandardCharsets.UTF_8));
        raw.flush();
        return true;
    }
}
