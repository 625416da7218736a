package io.hoptrace.correlator.internal.report;

import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.internal.flow.InterfaceSlots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * pcapng (draft-ietf-opsawg-pcapng): one Section Header Block, one Interface Description Block per capture
 * interface that carried a selected frame (its own link type, nanosecond resolution via {@code if_tsresol} = 9,
 * named after the capture), then an Enhanced Packet Block per frame. Used when the frames have several link types.
 */
public final class PcapngFrameWriter extends FrameWriter {
    private static final int SHB = 0x0A0D_0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT_OR_NAME = 2; // shb_hardware / if_name
    private static final int SHB_USERAPPL = 4;
    private static final int IF_TSRESOL = 9;

    private final List<InterfaceSlots.Slot> interfaces;
    private int lastCapture = -1;
    private int lastInterface = -1;
    private int lastLinkType = -1;
    private int lastId = -1;

    /** {@code interfaces}: the interfaces to describe, in IDB order; {@code names}: a name per interface. */
    public PcapngFrameWriter(OutputStream out, List<InterfaceSlots.Slot> interfaces, List<String> names)
            throws IOException {
        super(out);
        this.interfaces = List.copyOf(interfaces);
        byte[] app = "hoptrace correlate".getBytes(StandardCharsets.UTF_8);
        int shbLength = 28 + option(app.length) + 4;
        header.putInt(SHB).putInt(shbLength).putInt(0x1A2B_3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1L); // section length unknown
        flushHeader();
        writeOption(SHB_USERAPPL, app);
        header.putShort((short) OPT_END).putShort((short) 0).putInt(shbLength);
        flushHeader();
        for (int i = 0; i < this.interfaces.size(); i++) {
            InterfaceSlots.Slot s = this.interfaces.get(i);
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            int length = 20 + option(name.length) + option(1) + 4;
            header.putInt(IDB).putInt(length).putShort((short) s.linkType()).putShort((short) 0).putInt(0);
            flushHeader();
            writeOption(OPT_COMMENT_OR_NAME, name);
            writeOption(IF_TSRESOL, new byte[] {9});
            header.putShort((short) OPT_END).putShort((short) 0).putInt(length);
            flushHeader();
        }
    }

    @Override
    public void write(Packet p) throws IOException {
        int id = interfaceOf(p);
        int len = p.capturedLength();
        int length = 28 + (len + 3) / 4 * 4 + 4;
        long ts = p.timestampNanos();
        header.putInt(EPB).putInt(length).putInt(id).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(len)
                .putInt(p.wireLength());
        flushHeader();
        writeFrame(p, 4);
        header.putInt(length);
        flushHeader();
    }

    private int interfaceOf(Packet p) {
        int c = p.captureIndex();
        int i = p.interfaceId();
        int l = p.linkType();
        if (c != lastCapture || i != lastInterface || l != lastLinkType) {
            lastId = -1;
            for (int k = 0; k < interfaces.size(); k++) {
                InterfaceSlots.Slot s = interfaces.get(k);
                if (s.captureIndex() == c && s.interfaceId() == i && s.linkType() == l) {
                    lastId = k;
                    break;
                }
            }
            if (lastId < 0) {
                throw new IllegalStateException("capture " + c + " interface " + i + " link type " + l
                        + " was not seen by the first pass");
            }
            lastCapture = c;
            lastInterface = i;
            lastLinkType = l;
        }
        return lastId;
    }

    /** Bytes an option with a value of {@code length} bytes takes: 4 of header, the value padded to 32 bits. */
    private static int option(int length) {
        return 4 + (length + 3) / 4 * 4;
    }

    private void writeOption(int code, byte[] value) throws IOException {
        header.putShort((short) code).putShort((short) value.length);
        flushHeader();
        writeRaw(value);
        int pad = (4 - value.length % 4) % 4;
        if (pad > 0) {
            writeRaw(new byte[pad]);
        }
    }
}
