package dev.synccenter.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How many small durable writes per second the disk under a directory takes: an 8 KiB write at the
 * start of a file followed by {@code FileChannel.force(false)} (fdatasync: the data, not the
 * metadata) or {@code force(true)} (fsync), in a loop for a bounded time. A design that commits
 * once per request can complete no more requests per second than this (less group commit), so it
 * is the ceiling the durable dispatch figures are read against. The block is rewritten in place, as
 * {@code pg_test_fsync} does, so that fdatasync has no file-size change to flush.
 *
 * <p>Options: {@code --dir=<directory>} (default: the working directory, where the benchmark's
 * databases live), {@code --seconds=3} for each of the two modes, {@code --label=fsync}.
 */
public final class FsyncProbe {

    static final int BLOCK = 8192;

    private FsyncProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(Report.option(args, "dir", "."));
        double seconds = Report.option(args, "seconds", 3);
        String label = Report.option(args, "label", "fsync");
        Result r = measure(dir, seconds);
        System.out.printf("fsync probe in %s (%s): fdatasync %,.0f/s, fsync %,.0f/s (8 KiB write each, %.1f s each)%n",
                dir.toAbsolutePath().normalize(), Files.getFileStore(dir).type(), r.fdatasync(), r.fsync(), seconds);
        Report.figure(label + ".fdatasync", r.fdatasync(), "ops/s");
        Report.figure(label + ".fsync", r.fsync(), "ops/s");
    }

    /** fdatasync and fsync rates, in ops/s. */
    record Result(double fdatasync, double fsync) {
    }

    /** Both modes, one after the other, on a temporary file in {@code dir} that is deleted afterwards. */
    static Result measure(Path dir, double seconds) throws IOException {
        Path file = Files.createTempFile(dir, "fsync-probe", ".bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // Allocate the block once, so that neither mode measures the file growing.
            write(ch, block());
            ch.force(true);
            double datasync = rate(ch, false, seconds);
            double fsync = rate(ch, true, seconds);
            return new Result(datasync, fsync);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double rate(FileChannel ch, boolean metadata, double seconds) throws IOException {
        ByteBuffer buf = block();
        long n = 0;
        long begin = System.nanoTime();
        long end = begin + (long) (seconds * 1e9);
        long now;
        do {
            // A different byte each time, so no layer can skip the write as unchanged.
            buf.put(0, (byte) n);
            buf.clear();
            write(ch, buf);
            ch.force(metadata);
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - begin) / 1e9);
    }

    private static ByteBuffer block() {
        ByteBuffer b = ByteBuffer.allocateDirect(BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            b.put(i, (byte) (i * 31));
        }
        return b;
    }

    private static void write(FileChannel ch, ByteBuffer buf) throws IOException {
        long pos = 0;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }
}
