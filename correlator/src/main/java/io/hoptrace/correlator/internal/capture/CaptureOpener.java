package io.hoptrace.correlator.internal.capture;

import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Tells a capture file's format from its first bytes and opens the matching reader. */
public final class CaptureOpener {
    private CaptureOpener() {
    }

    /** Opens {@code file}, reading it through a window of {@code windowBytes} (tests make it small). */
    public static PacketSource open(Path file, int captureIndex, int windowBytes) throws IOException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new IOException(name + ": is a directory, expected a pcap or pcapng capture file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        boolean opened = false;
        try {
            CaptureInput in = CaptureInput.ofFile(name, channel, windowBytes);
            int i = in.require(4);
            if (i >= 0 && (in.buffer().getShort(i) & 0xFFFF) == 0x1F8B) {
                // gzip (RFC 1952): the capture is inside; sniff again on the decompressed bytes.
                in = CaptureInput.ofGzip(name, channel, windowBytes);
                i = in.require(4);
            }
            PacketSource source = readerFor(in, i, captureIndex);
            opened = true;
            return source;
        } finally {
            if (!opened) {
                channel.close();
            }
        }
    }

    private static PacketSource readerFor(CaptureInput in, int i, int captureIndex) throws IOException {
        if (i < 0) {
            String what = in.isCompressed() ? "the decompressed gzip data" : "the file";
            String problem = in.buffered() == 0 ? what + " is empty"
                    : what + " has only " + in.buffered() + " byte(s) (" + firstBytes(in) + ")";
            throw new CaptureFormatException(in.name(), 0, "not a pcap or pcapng capture file: " + problem
                    + "; a capture starts with a header of at least 24 bytes");
        }
        int magic = in.buffer().getInt(i);
        if (magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS
                || magic == Integer.reverseBytes(PcapReader.MAGIC_MICROS)
                || magic == Integer.reverseBytes(PcapReader.MAGIC_NANOS)) {
            return new PcapReader(in, captureIndex);
        }
        if (magic == PcapngReader.SHB) {
            return new PcapngReader(in, captureIndex);
        }
        throw new CaptureFormatException(in.name(), 0, "not a pcap or pcapng capture file: "
                + (in.isCompressed() ? "the decompressed data starts with " : "it starts with ") + firstBytes(in)
                + "; expected a1b2c3d4 or a1b23c4d (pcap, either byte order), 0a0d0d0a (pcapng) or 1f8b (gzip)");
    }

    /** Up to the first 8 bytes in hex, and as text when they are printable (a log file, JSON, HTML...). */
    private static String firstBytes(CaptureInput in) throws IOException {
        int n = Math.min(8, in.buffered());
        int i = in.require(n);
        ByteBuffer b = in.buffer();
        StringBuilder hex = new StringBuilder(n * 3);
        StringBuilder text = new StringBuilder(n);
        boolean printable = true;
        for (int k = 0; k < n; k++) {
            int v = b.get(i + k) & 0xFF;
            if (k > 0) {
                hex.append(' ');
            }
            hex.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xF, 16));
            printable &= (v >= 0x20 && v < 0x7F) || v == '\n' || v == '\r' || v == '\t';
            text.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
        }
        return hex + (printable ? " (text \"" + text + "\")" : "");
    }
}
