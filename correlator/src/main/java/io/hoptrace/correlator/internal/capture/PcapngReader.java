package io.hoptrace.correlator.internal.capture;

import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks, {@code type, total length, body, total length}.
 * Each Section Header Block sets the byte order of its section and starts a new set of interfaces; Interface
 * Description Blocks give each interface its link type, snap length and timestamp resolution
 * ({@code if_tsresol}, {@code if_tsoffset}); packets come in Enhanced Packet Blocks, Simple Packet Blocks and
 * the obsolete Packet Block. Every other block is skipped (after checking that its two lengths agree).
 */
public final class PcapngReader extends CaptureFileReader {
    public static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 0x00000001;
    private static final int OBSOLETE_PB = 0x00000002;
    private static final int SPB = 0x00000003;
    private static final int EPB = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_ENDOFOPT = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    /** Header blocks (SHB, IDB) are read whole; larger ones are damage, not options. */
    private static final int MAX_HEADER_BLOCK = 16 << 20;
    /** A packet block holds at most a maximum-size frame plus its fields and (bounded) options. */
    private static final int MAX_PACKET_BLOCK = CaptureLimits.MAX_SNAPLEN + (1 << 20);

    private final InterfaceTable interfaces = new InterfaceTable();
    private long lastTimestamp;

    /** Reads the first Section Header Block at the input's current position (its start). */
    public PcapngReader(CaptureInput in, int captureIndex) throws IOException {
        super(in, captureIndex);
        int i = in.require(8);
        if (i < 0 || in.buffer().getInt(i) != SHB) {
            throw new CaptureFormatException(in.name(), 0, "pcapng file does not start with a section header block");
        }
        section(in.position(), i);
    }

    @Override
    Packet read() throws IOException {
        while (true) {
            long offset = in.position();
            int i = in.require(8);
            if (i < 0) {
                if (in.buffered() == 0) {
                    return null;
                }
                throw fail(offset, "truncated block header: " + in.buffered() + " of 8 bytes at the end of the file");
            }
            ByteBuffer b = in.buffer();
            int type = b.getInt(i); // SHB's type reads the same in both byte orders
            if (type == SHB) {
                section(offset, i);
                continue;
            }
            type = int32(b, i);
            long length = int32(b, i + 4) & 0xFFFFFFFFL;
            if (length < 12 || (length & 3) != 0) {
                throw fail(offset, "block total length " + length + " (block type 0x" + Integer.toHexString(type)
                        + "): expected a multiple of 4, at least 12");
            }
            switch (type) {
                case EPB, OBSOLETE_PB, SPB -> {
                    packetBlock(offset, type, length);
                    return packet;
                }
                case IDB -> interfaceBlock(offset, length);
                default -> skipBlock(offset, length);
            }
        }
    }

    /** Reads a packet block (EPB 4.3, SPB 4.4, obsolete PB appendix) into {@link #packet}. */
    private void packetBlock(long offset, int type, long length) throws IOException {
        if (length > MAX_PACKET_BLOCK) {
            throw fail(offset, "packet block total length " + length + " is impossible: expected at most "
                    + MAX_PACKET_BLOCK);
        }
        int i = whole(offset, (int) length);
        ByteBuffer b = in.buffer();
        int len = (int) length;
        int interfaceId;
        long timestamp;
        int caplen;
        int wireLength;
        int data;
        if (type == SPB) {
            // Simple Packet Block: interface 0, no timestamp, captured length implied by the block length and
            // the interface's snap length (pcapng draft 4.4).
            if (len < 16) {
                throw fail(offset, "simple packet block total length " + len + ": expected at least 16");
            }
            interfaceId = 0;
            checkInterface(offset, interfaceId);
            wireLength = int32(b, i + 8);
            caplen = len - 16;
            if (Integer.compareUnsigned(wireLength, caplen) < 0) {
                caplen = wireLength;
            }
            int snaplen = interfaces.snaplen[0];
            if (snaplen > 0 && caplen > snaplen) {
                caplen = snaplen;
            }
            // No timestamp in an SPB: reuse the previous packet's, so that merging sources by time stays ordered.
            timestamp = lastTimestamp;
            data = i + 12;
        } else {
            if (len < 32) {
                throw fail(offset, "packet block total length " + len + ": expected at least 32");
            }
            interfaceId = type == EPB ? int32(b, i + 8) : u16(b, i + 8);
            checkInterface(offset, interfaceId);
            long units = ((int32(b, i + 12) & 0xFFFFFFFFL) << 32) | (int32(b, i + 16) & 0xFFFFFFFFL);
            timestamp = interfaces.toNanos(interfaceId, units);
            caplen = int32(b, i + 20);
            wireLength = int32(b, i + 24);
            if (caplen < 0 || caplen > len - 32) {
                throw fail(offset, "captured length " + Integer.toUnsignedString(caplen)
                        + " does not fit in a block of total length " + len);
            }
            data = i + 28;
        }
        int max = interfaces.maxCaplen[interfaceId];
        if (caplen > max) {
            throw fail(offset, "captured length " + caplen + " is impossible: expected at most " + max
                    + " (interface " + interfaceId + " snaplen " + interfaces.snaplen[interfaceId] + ")");
        }
        lastTimestamp = timestamp;
        packet.setRecord(timestamp, interfaceId, interfaces.linkType[interfaceId], caplen, wireLength, offset, b,
                data);
        LinkLayerDecoder.decode(packet);
        in.consume(len);
    }

    private void checkInterface(long offset, int interfaceId) throws CaptureFormatException {
        if (interfaceId < 0 || interfaceId >= interfaces.count) {
            throw fail(offset, "packet for interface " + Integer.toUnsignedString(interfaceId) + " but the section "
                    + "describes " + interfaces.count + " interface(s)");
        }
    }

    /** Interface Description Block (pcapng draft 4.2): link type, snap length, options. */
    private void interfaceBlock(long offset, long length) throws IOException {
        if (length < 20 || length > MAX_HEADER_BLOCK) {
            throw fail(offset, "interface description block total length " + length
                    + ": expected 20.." + MAX_HEADER_BLOCK);
        }
        int len = (int) length;
        int i = whole(offset, len);
        ByteBuffer b = in.buffer();
        int linkType = u16(b, i + 8);
        int snaplen = int32(b, i + 12);
        int tsresol = 6;
        long tsoffsetSeconds = 0;
        int o = i + 16;
        int end = i + len - 4;
        while (end - o >= 4) {
            int code = u16(b, o);
            int optionLength = u16(b, o + 2);
            if (code == OPT_ENDOFOPT || end - o - 4 < optionLength) {
                break; // end of options, or an option overrunning the block: ignore the rest
            }
            if (code == IF_TSRESOL && optionLength >= 1) {
                tsresol = b.get(o + 4) & 0xFF;
            } else if (code == IF_TSOFFSET && optionLength >= 8) {
                long raw = b.getLong(o + 4);
                tsoffsetSeconds = swapped ? Long.reverseBytes(raw) : raw;
            }
            o += 4 + ((optionLength + 3) & ~3);
        }
        interfaces.add(linkType, snaplen, tsresol, tsoffsetSeconds);
        in.consume(len);
    }

    /** Section Header Block (pcapng draft 4.1): sets the byte order and forgets the previous interfaces. */
    private void section(long offset, int i) throws IOException {
        i = in.require(12);
        if (i < 0) {
            throw fail(offset, "truncated section header block: " + in.buffered() + " bytes at the end of the file");
        }
        ByteBuffer b = in.buffer();
        int magic = b.getInt(i + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            swapped = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swapped = true;
        } else {
            throw fail(offset, String.format("section header byte-order magic 0x%08x: expected 1a2b3c4d in either"
                    + " byte order", magic));
        }
        long length = int32(b, i + 4) & 0xFFFFFFFFL;
        if (length < 28 || (length & 3) != 0 || length > MAX_HEADER_BLOCK) {
            throw fail(offset, "section header block total length " + length
                    + ": expected a multiple of 4, 28.." + MAX_HEADER_BLOCK);
        }
        int len = (int) length;
        i = whole(offset, len);
        b = in.buffer();
        int major = u16(b, i + 12);
        if (major != 1) {
            throw fail(offset, "pcapng major version " + major + ": expected 1");
        }
        interfaces.clear();
        in.consume(len);
    }

    /** Brings the whole block into the window, checks its trailing length, and returns its window index. */
    private int whole(long offset, int length) throws IOException {
        int i = in.require(length);
        if (i < 0) {
            throw fail(offset, "truncated block: total length " + length + " but only " + in.buffered()
                    + " bytes left in the file");
        }
        int trailer = int32(in.buffer(), i + length - 4);
        if (trailer != length) {
            throw fail(offset, "block total length mismatch: " + length + " at the start, "
                    + Integer.toUnsignedString(trailer) + " at the end");
        }
        return i;
    }

    /** Skips a block we do not read, without bringing it into the window, checking its trailing length. */
    private void skipBlock(long offset, long length) throws IOException {
        if (!in.skip(length - 4)) {
            throw fail(offset, "truncated block: total length " + length + " but the file ends at byte "
                    + in.position());
        }
        int i = in.require(4);
        if (i < 0) {
            throw fail(offset, "truncated block: total length " + length + " but the file ends at byte "
                    + (in.position() + in.buffered()));
        }
        long trailer = int32(in.buffer(), i) & 0xFFFFFFFFL;
        if (trailer != length) {
            throw fail(offset, "block total length mismatch: " + length + " at the start, " + trailer
                    + " at the end");
        }
        in.consume(4);
    }
}
