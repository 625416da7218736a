package io.hoptrace.correlator.internal.capture;

import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Classic pcap (draft-ietf-opsawg-pcap): a 24-byte file header, then 16-byte record headers each followed by
 * the captured bytes. Both byte orders (the magic number tells), microsecond ({@code a1b2c3d4}) and nanosecond
 * ({@code a1b23c4d}) timestamps.
 */
public final class PcapReader extends CaptureFileReader {
    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final long fractionToNanos;
    private final int linkType;
    private final int snaplen;
    private final int maxCaplen;

    /** Reads the file header at the input's current position (its start). */
    public PcapReader(CaptureInput in, int captureIndex) throws IOException {
        super(in, captureIndex);
        int i = in.require(FILE_HEADER);
        if (i < 0) {
            throw new CaptureFormatException(in.name(), 0, "truncated pcap file header: " + in.buffered()
                    + " bytes, expected 24");
        }
        ByteBuffer b = in.buffer();
        int magic = b.getInt(i);
        swapped = magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
        int hostOrderMagic = swapped ? Integer.reverseBytes(magic) : magic;
        if (hostOrderMagic == MAGIC_MICROS) {
            fractionToNanos = 1000;
        } else if (hostOrderMagic == MAGIC_NANOS) {
            fractionToNanos = 1;
        } else {
            throw new CaptureFormatException(in.name(), 0, String.format(
                    "pcap magic 0x%08x: expected a1b2c3d4 or a1b23c4d in either byte order", magic));
        }
        int major = u16(b, i + 4);
        if (major != 2) {
            throw new CaptureFormatException(in.name(), 4, "pcap major version " + major + ": expected 2");
        }
        snaplen = int32(b, i + 16);
        // The low 16 bits are the link type; the upper bits may carry FCS information (draft-ietf-opsawg-pcap 4).
        linkType = int32(b, i + 20) & 0xFFFF;
        maxCaplen = CaptureLimits.maxCaplen(snaplen);
        in.consume(FILE_HEADER);
    }

    public int linkType() {
        return linkType;
    }

    public int snaplen() {
        return snaplen;
    }

    @Override
    Packet read() throws IOException {
        long offset = in.position();
        int i = in.require(RECORD_HEADER);
        if (i < 0) {
            if (in.buffered() == 0) {
                return null;
            }
            throw fail(offset, "truncated record header: " + in.buffered() + " of 16 bytes at the end of the file");
        }
        ByteBuffer b = in.buffer();
        int caplen = int32(b, i + 8);
        if (caplen < 0 || caplen > maxCaplen) {
            throw fail(offset, "record captured length " + Integer.toUnsignedString(caplen) + " is impossible: "
                    + "expected at most " + maxCaplen + " (snaplen " + snaplen + ")");
        }
        int total = RECORD_HEADER + caplen;
        i = in.require(total);
        if (i < 0) {
            throw fail(offset, "truncated record: captured length " + caplen + " but only "
                    + (in.buffered() - RECORD_HEADER) + " bytes left in the file");
        }
        b = in.buffer();
        long seconds = int32(b, i) & 0xFFFFFFFFL;
        long fraction = int32(b, i + 4) & 0xFFFFFFFFL;
        int wireLength = int32(b, i + 12);
        packet.setRecord(seconds * 1_000_000_000L + fraction * fractionToNanos, 0, linkType, caplen, wireLength,
                offset, b, i + RECORD_HEADER);
        LinkLayerDecoder.decode(packet);
        in.consume(total);
        return packet;
    }
}
