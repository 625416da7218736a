package io.hoptrace.tracer.internal.net;

import io.hoptrace.events.Timestamps;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the bytes of a stats socket into lines ({@code \n}, optional {@code \r}) and hands each to a
 * {@link LineSink} in place: no frame buffer and no String per line. A line longer than {@code maxLength} is
 * skipped up to its end and reported once, so a broken peer cannot make the tracer buffer without bound.
 */
public final class StatsLineDecoder extends ByteToMessageDecoder {
    private final LineSink sink;
    private final int maxLength;
    private final LineChars chars = new LineChars();
    private long receivedMicros;
    private boolean discarding;
    private int discarded;

    public StatsLineDecoder(LineSink sink, int maxLength) {
        this.sink = sink;
        this.maxLength = maxLength;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        receivedMicros = Timestamps.nowMicros(); // once per read, not per line
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            decodeLines(ctx, in);
        } finally {
            sink.endOfRead();
        }
    }

    private void decodeLines(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (discarding) {
                if (eol < 0) {
                    discarded += in.readableBytes();
                    in.skipBytes(in.readableBytes());
                    return;
                }
                discarded += eol - start;
                in.readerIndex(eol + 1);
                discarding = false;
                sink.overlong(discarded);
                continue;
            }
            if (eol < 0) {
                if (in.readableBytes() > maxLength) {
                    discarding = true;
                    discarded = in.readableBytes();
                    in.skipBytes(in.readableBytes());
                }
                return;
            }
            int len = eol - start;
            if (len > maxLength) {
                in.readerIndex(eol + 1);
                sink.overlong(len);
                continue;
            }
            if (len > 0 && in.getByte(eol - 1) == '\r') {
                len--;
            }
            chars.set(in, start, len);
            in.readerIndex(eol + 1);
            sink.line(chars, receivedMicros);
            if (ctx.isRemoved()) {
                return;
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            if (in.isReadable() && !discarding) {
                // A last line without its newline (the peer closed right after writing it).
                int len = in.readableBytes();
                if (len <= maxLength) {
                    chars.set(in, in.readerIndex(), len);
                    in.skipBytes(len);
                    sink.line(chars, receivedMicros);
                    return;
                }
            }
            in.skipBytes(in.readableBytes());
        } finally {
            sink.endOfRead();
        }
    }
}
