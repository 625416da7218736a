package io.hoptrace.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON Lines form of {@link EventRecord}s, schema version {@value #SCHEMA_VERSION} (documented in
 * {@code docs/event-records.md}). Streaming Jackson, no data binding: one small object per line.
 *
 * <pre>
 * {"ts":"…","source":"edge","type":"open","id":1,"client":"…","frontend":"…","backend":"…","server":"…",
 *  "fe":"web","be":"app","srv":"s1","orig":"…","uid":"…"}
 * {"ts":"…","source":"edge","type":"close","id":1,"bytesIn":517,"bytesOut":4120,"durationUs":111795,"term":"…"}
 * {"ts":"…","source":"edge","type":"failed","id":2,"client":"…","frontend":"…","fe":"web","be":"app","term":"…"}
 * {"ts":"…","source":"edge","type":"dropped","count":12}
 * {"ts":"…","source":"edge","type":"snapshot","count":40}
 * {"type":"meta","schema":1,"tool":"hoptrace 0.1.0"}      (first line of a recording; readers skip it)
 * </pre>
 * Fields whose value is unknown are left out. Unknown fields are ignored when reading, so later versions may
 * add some.
 */
public final class EventRecordCodec {
    public static final int SCHEMA_VERSION = 1;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(16 * 1024).build())
            .build();

    private EventRecordCodec() {
    }

    public static String encode(EventRecord record) {
        StringWriter w = new StringWriter(256);
        try {
            write(w, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.getBuffer().setLength(w.getBuffer().length() - 1);
        return w.toString();
    }

    /** The first line of a recording: names the schema version and the tool that wrote it. */
    public static String metaLine(String tool) {
        StringWriter w = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", "meta");
            g.writeNumberField("schema", SCHEMA_VERSION);
            g.writeStringField("tool", tool);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes one record and its newline. */
    public static void write(Writer out, EventRecord record) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.writeStartObject();
        if (record.tsMicros() != SessionEvent.NONE) {
            g.writeStringField("ts", Timestamps.formatMicros(record.tsMicros()));
        }
        g.writeStringField("source", record.source());
        SessionEvent e = record.event();
        if (e instanceof SessionEvent.Open o) {
            g.writeStringField("type", "open");
            g.writeNumberField("id", o.id());
            g.writeStringField("client", o.client().toString());
            g.writeStringField("frontend", o.frontend().toString());
            g.writeStringField("backend", o.backend().toString());
            g.writeStringField("server", o.server().toString());
            optional(g, "fe", o.frontendName());
            optional(g, "be", o.backendName());
            optional(g, "srv", o.serverName());
            if (o.orig() != null) {
                g.writeStringField("orig", o.orig().toString());
            }
            optional(g, "uid", o.uniqueId());
        } else if (e instanceof SessionEvent.Close c) {
            g.writeStringField("type", "close");
            g.writeNumberField("id", c.id());
            optional(g, "bytesIn", c.bytesIn());
            optional(g, "bytesOut", c.bytesOut());
            optional(g, "durationUs", c.durationUs());
            optional(g, "term", c.term());
        } else if (e instanceof SessionEvent.Failed f) {
            g.writeStringField("type", "failed");
            g.writeNumberField("id", f.id());
            g.writeStringField("client", f.client().toString());
            g.writeStringField("frontend", f.frontend().toString());
            optional(g, "fe", f.frontendName());
            optional(g, "be", f.backendName());
            optional(g, "term", f.term());
        } else if (e instanceof SessionEvent.Dropped d) {
            g.writeStringField("type", "dropped");
            g.writeNumberField("count", d.count());
        } else if (e instanceof SessionEvent.Snapshot s) {
            g.writeStringField("type", "snapshot");
            g.writeNumberField("count", s.count());
        }
        g.writeEndObject();
        g.close();
        out.write('\n');
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void optional(JsonGenerator g, String name, long value) throws IOException {
        if (value != SessionEvent.NONE) {
            g.writeNumberField(name, value);
        }
    }

    /**
     * Reads one line. Returns null for a {@code meta} line; throws {@link IllegalArgumentException} naming the
     * field, the value and what was expected when the line is not a record.
     */
    public static EventRecord decode(String line) {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("record: expected a JSON object, got '" + abbreviate(line) + "'");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                f.set(name, v, p);
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException("record: expected one JSON object per line, got '"
                        + abbreviate(line) + "'");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("record: not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f.toRecord();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The fields of one record as read, before they are checked against its type. */
    private static final class Fields {
        String ts;
        String source;
        String type;
        long id = SessionEvent.NONE;
        String client;
        String frontend;
        String backend;
        String server;
        String fe;
        String be;
        String srv;
        String orig;
        String uid;
        long bytesIn = SessionEvent.NONE;
        long bytesOut = SessionEvent.NONE;
        long durationUs = SessionEvent.NONE;
        String term;
        long count = SessionEvent.NONE;

        void set(String name, JsonToken v, JsonParser p) throws IOException {
            switch (name) {
                case "ts" -> ts = string(name, v, p);
                case "source" -> source = string(name, v, p);
                case "type" -> type = string(name, v, p);
                case "id" -> id = number(name, v, p);
                case "client" -> client = string(name, v, p);
                case "frontend" -> frontend = string(name, v, p);
                case "backend" -> backend = string(name, v, p);
                case "server" -> server = string(name, v, p);
                case "fe" -> fe = string(name, v, p);
                case "be" -> be = string(name, v, p);
                case "srv" -> srv = string(name, v, p);
                case "orig" -> orig = string(name, v, p);
                case "uid" -> uid = string(name, v, p);
                case "bytesIn" -> bytesIn = number(name, v, p);
                case "bytesOut" -> bytesOut = number(name, v, p);
                case "durationUs" -> durationUs = number(name, v, p);
                case "term" -> term = string(name, v, p);
                case "count" -> count = number(name, v, p);
                default -> {
                    // a field of a later schema version: ignored
                }
            }
        }

        private static String string(String name, JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            if (v != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException(name + ": expected a string, got " + p.getText());
            }
            return p.getText();
        }

        private static long number(String name, JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return SessionEvent.NONE;
            }
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < 0) {
                throw new IllegalArgumentException(name + ": expected a non-negative integer, got " + p.getText());
            }
            return p.getLongValue();
        }

        EventRecord toRecord() {
            if ("meta".equals(type)) {
                return null;
            }
            require("type", type);
            long micros = ts == null ? SessionEvent.NONE : Timestamps.parseMicros(ts);
            SessionEvent event = switch (type) {
                case "open" -> new SessionEvent.Open(requireId(), endpoint("client", client),
                        endpoint("frontend", frontend), endpoint("backend", backend), endpoint("server", server),
                        micros, fe, be, srv, orig == null ? null : endpoint("orig", orig), uid);
                case "close" -> new SessionEvent.Close(requireId(), micros, bytesIn, bytesOut, durationUs, term);
                case "failed" -> new SessionEvent.Failed(requireId(), endpoint("client", client),
                        endpoint("frontend", frontend), micros, fe, be, term);
                case "dropped" -> new SessionEvent.Dropped(requireCount());
                case "snapshot" -> new SessionEvent.Snapshot(requireCount());
                default -> throw new IllegalArgumentException("type: expected open, close, failed, dropped,"
                        + " snapshot or meta, got '" + type + "'");
            };
            require("source", source);
            return new EventRecord(source, micros, event);
        }

        private long requireId() {
            if (id == SessionEvent.NONE) {
                throw new IllegalArgumentException("id: expected a session id, got nothing");
            }
            return id;
        }

        private long requireCount() {
            if (count == SessionEvent.NONE) {
                throw new IllegalArgumentException("count: expected a number, got nothing");
            }
            return count;
        }

        private static void require(String name, String value) {
            if (value == null) {
                throw new IllegalArgumentException(name + ": expected a string, got nothing");
            }
        }

        private static Endpoint endpoint(String name, String value) {
            require(name, value);
            Endpoint e = Endpoint.tryParse(value, 0, value.length());
            if (e == null) {
                throw new IllegalArgumentException(name + ": expected a.b.c.d:port, [v6]:port or unknown, got '"
                        + value + "'");
            }
            return e;
        }
    }
}
