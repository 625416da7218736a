package io.hoptrace.bench.correlator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generated input of the correlator benchmarks: {@code chain.pcap}, {@code edge.jsonl} and {@code mid.jsonl}
 * in one directory, as {@code bench/gen-capture.py} writes them (bench/correlate.sh generates them when missing).
 */
record BenchCapture(Path capture, Path edgeLog, Path midLog) {
    static BenchCapture in(String dir) {
        Path d = Path.of(dir);
        BenchCapture c = new BenchCapture(d.resolve("chain.pcap"), d.resolve("edge.jsonl"), d.resolve("mid.jsonl"));
        for (Path p : new Path[] {c.capture, c.edgeLog, c.midLog}) {
            if (!Files.isReadable(p)) {
                throw new IllegalStateException("benchmark input " + p.toAbsolutePath() + " is missing: generate it"
                        + " with bench/gen-capture.py --connections 15000 --segments 10 --out " + dir
                        + " (or run bench/correlate.sh), or pass -p dir=<directory> to JMH");
            }
        }
        return c;
    }
}
