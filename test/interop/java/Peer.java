// Java avro (Debian's libavro-java 1.8) as a real peer for avrokit's interop tests.
//
// Reads one JSON request from stdin, writes one JSON reply to stdout. Compiled and started by
// test/interop/peers/index.ts, whose header documents the requests and the value convention
// (bytes/fixed as hex, longs past 2^53 as decimal strings, NaN/Infinity as strings, unions as
// null or {"branch full name": value}). Only the Debian jars: avro and Jackson 1.9.
//
// Values are built with the Java types GenericData expects for their schema (Integer vs Long,
// Float vs Double, ByteBuffer, GenericFixed, EnumSymbol, Record), so GenericData's own union
// resolution lands on the tagged branch; decoded values are tagged with the branch that
// GenericData resolves them to.
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.io.JsonEncoder;
import org.codehaus.jackson.JsonNode;
import org.codehaus.jackson.map.ObjectMapper;
import org.codehaus.jackson.node.ArrayNode;
import org.codehaus.jackson.node.JsonNodeFactory;
import org.codehaus.jackson.node.ObjectNode;

public final class Peer {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final long SAFE = (1L << 53) - 1;

  public static void main(String[] args) throws Exception {
    JsonNode reply = answer(MAPPER.readTree(System.in));
    // writeValueAsString, not writeValue: Jackson would close System.out after writing.
    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    out.write(MAPPER.writeValueAsString(reply));
    out.write('\n');
    out.flush();
  }

  private static JsonNode answer(JsonNode req) {
    try {
      return handle(req);
    } catch (Throwable e) { // the reply carries the peer's error; the test decides what it means
      ObjectNode err = F.objectNode();
      StringBuilder msg = new StringBuilder(e.toString());
      for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) msg.append(" <- ").append(c);
      err.put("error", msg.toString());
      err.put("errorType", e.getClass().getName());
      return err;
    }
  }

  private static JsonNode handle(JsonNode req) throws Exception {
    String op = req.path("op").getTextValue();
    ObjectNode reply = F.objectNode();
    switch (String.valueOf(op)) {
      case "batch": {
        ArrayNode replies = reply.putArray("replies");
        for (JsonNode r : req.path("requests")) replies.add(answer(r));
        return reply;
      }
      case "version":
        reply.put("peer", "java-avro");
        reply.put("version", String.valueOf(Schema.class.getPackage().getImplementationVersion()));
        return reply;
      case "encode": {
        Schema s = schema(req.get("schema"));
        ArrayNode hex = reply.putArray("hex");
        int i = 0;
        for (JsonNode d : req.path("datums")) hex.add(hex(binary(s, fromJson(s, d, "datums[" + i++ + "]"))));
        return reply;
      }
      case "decode": {
        Schema s = schema(req.get("schema"));
        reply.put("datums", decodeAll(s, s, req.path("hex")));
        return reply;
      }
      case "resolve":
        reply.put("datums", decodeAll(schema(req.get("writer")), schema(req.get("reader")), req.path("hex")));
        return reply;
      case "canonical":
        reply.put("canonical", SchemaNormalization.toParsingForm(schema(req.get("schema"))));
        return reply;
      case "fingerprint": {
        Schema s = schema(req.get("schema"));
        reply.put("rabin", hex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO", s)));
        reply.put("rabinLong", Long.toString(SchemaNormalization.parsingFingerprint64(s)));
        reply.put("md5", hex(SchemaNormalization.parsingFingerprint("MD5", s)));
        reply.put("sha256", hex(SchemaNormalization.parsingFingerprint("SHA-256", s)));
        return reply;
      }
      case "compatible": {
        SchemaCompatibility.SchemaPairCompatibility c = SchemaCompatibility.checkReaderWriterCompatibility(
            schema(req.get("reader")), schema(req.get("writer")));
        reply.put("compatible", c.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        reply.put("description", c.getDescription());
        return reply;
      }
      case "jsonEncode":
        return jsonEncode(req, reply);
      case "jsonDecode":
        return jsonDecode(req, reply);
      case "writeFile":
        return writeFile(req, reply);
      case "readFile":
        return readFile(req, reply);
      default:
        throw new IllegalArgumentException("java avro peer does not support op '" + op + "'");
    }
  }

  // --- ops ---------------------------------------------------------------------------------

  private static ArrayNode decodeAll(Schema writer, Schema reader, JsonNode hexes) throws Exception {
    GenericDatumReader<Object> r = new GenericDatumReader<Object>(writer, reader);
    ArrayNode out = F.arrayNode();
    for (JsonNode h : hexes) {
      byte[] data = unhex(h.getTextValue());
      BinaryDecoder dec = DecoderFactory.get().binaryDecoder(data, null);
      Object value = r.read(null, dec);
      if (!dec.isEnd()) throw new IllegalArgumentException("trailing bytes after the datum (" + data.length + " bytes given)");
      out.add(toJson(reader, value));
    }
    return out;
  }

  /** {schema, datums} or {schema, hex} → {json: [text per datum]} in Avro's JSON encoding. */
  private static JsonNode jsonEncode(JsonNode req, ObjectNode reply) throws Exception {
    Schema s = schema(req.get("schema"));
    List<Object> values = new ArrayList<Object>();
    if (req.has("hex")) {
      GenericDatumReader<Object> r = new GenericDatumReader<Object>(s);
      for (JsonNode h : req.get("hex")) values.add(r.read(null, DecoderFactory.get().binaryDecoder(unhex(h.getTextValue()), null)));
    } else {
      int i = 0;
      for (JsonNode d : req.path("datums")) values.add(fromJson(s, d, "datums[" + i++ + "]"));
    }
    GenericDatumWriter<Object> w = new GenericDatumWriter<Object>(s);
    ArrayNode json = reply.putArray("json");
    for (Object v : values) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder enc = EncoderFactory.get().jsonEncoder(s, out);
      w.write(v, enc);
      enc.flush();
      json.add(new String(out.toByteArray(), StandardCharsets.UTF_8));
    }
    return reply;
  }

  /** {schema, json: [text]} → {datums, hex}: Avro JSON encoding read by JsonDecoder. */
  private static JsonNode jsonDecode(JsonNode req, ObjectNode reply) throws Exception {
    Schema s = schema(req.get("schema"));
    GenericDatumReader<Object> r = new GenericDatumReader<Object>(s);
    ArrayNode datums = reply.putArray("datums");
    ArrayNode hex = reply.putArray("hex");
    for (JsonNode text : req.path("json")) {
      JsonDecoder dec = DecoderFactory.get().jsonDecoder(s, text.getTextValue());
      Object v = r.read(null, dec);
      datums.add(toJson(s, v));
      hex.add(hex(binary(s, v)));
    }
    return reply;
  }

  private static JsonNode writeFile(JsonNode req, ObjectNode reply) throws Exception {
    Schema s = schema(req.get("schema"));
    DataFileWriter<Object> w = new DataFileWriter<Object>(new GenericDatumWriter<Object>(s));
    if (req.has("codec")) w.setCodec(CodecFactory.fromString(req.get("codec").getTextValue()));
    if (req.has("syncInterval")) w.setSyncInterval(req.get("syncInterval").getIntValue());
    for (Iterator<Map.Entry<String, JsonNode>> it = req.path("meta").getFields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      w.setMeta(m.getKey(), m.getValue().getTextValue());
    }
    String path = req.get("path").getTextValue();
    w.create(s, new File(path));
    int i = 0;
    for (JsonNode d : req.path("datums")) w.append(fromJson(s, d, "datums[" + i++ + "]"));
    w.close();
    reply.put("path", path);
    return reply;
  }

  private static JsonNode readFile(JsonNode req, ObjectNode reply) throws Exception {
    JsonNode rs = req.get("readerSchema");
    Schema reader = rs == null || rs.isNull() ? null : schema(rs);
    DataFileReader<Object> r = new DataFileReader<Object>(
        new File(req.get("path").getTextValue()), new GenericDatumReader<Object>(null, reader));
    try {
      Schema view = reader != null ? reader : r.getSchema();
      ArrayNode datums = reply.putArray("datums");
      while (r.hasNext()) datums.add(toJson(view, r.next()));
      ObjectNode meta = reply.putObject("meta");
      for (String k : r.getMetaKeys()) meta.put(k, hex(r.getMeta(k)));
      String codec = r.getMetaString("avro.codec");
      reply.put("codec", codec == null ? "null" : codec);
      reply.put("schema", MAPPER.readTree(r.getSchema().toString()));
    } finally {
      r.close();
    }
    return reply;
  }

  // --- the value convention ------------------------------------------------------------------

  private static Object fromJson(Schema s, JsonNode v, String path) {
    if (v == null) throw bad(path, "missing value");
    switch (s.getType()) {
      case NULL:
        if (!v.isNull()) throw bad(path, "expected null, got " + v);
        return null;
      case BOOLEAN:
        if (!v.isBoolean()) throw bad(path, "expected a boolean, got " + v);
        return v.getBooleanValue();
      case INT:
        return integer(v, 32, path).intValue();
      case LONG:
        return integer(v, 64, path).longValue();
      case FLOAT:
        return (float) real(v, path);
      case DOUBLE:
        return real(v, path);
      case BYTES:
        return ByteBuffer.wrap(unhex(text(v, path)));
      case FIXED: {
        byte[] b = unhex(text(v, path));
        if (b.length != s.getFixedSize()) throw bad(path, s.getFullName() + " takes " + s.getFixedSize() + " bytes, got " + b.length);
        return new GenericData.Fixed(s, b);
      }
      case STRING:
        return text(v, path);
      case ENUM: {
        String sym = text(v, path);
        if (!s.getEnumSymbols().contains(sym)) throw bad(path, "no symbol '" + sym + "' in " + s.getFullName());
        return new GenericData.EnumSymbol(s, sym);
      }
      case ARRAY: {
        if (!v.isArray()) throw bad(path, "expected an array, got " + v);
        GenericData.Array<Object> a = new GenericData.Array<Object>(v.size(), s);
        int i = 0;
        for (JsonNode x : v) a.add(fromJson(s.getElementType(), x, path + "[" + i++ + "]"));
        return a;
      }
      case MAP: {
        if (!v.isObject()) throw bad(path, "expected an object, got " + v);
        Map<String, Object> m = new LinkedHashMap<String, Object>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.getFields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          m.put(e.getKey(), fromJson(s.getValueType(), e.getValue(), path + "['" + e.getKey() + "']"));
        }
        return m;
      }
      case RECORD: {
        if (!v.isObject()) throw bad(path, "expected an object for record " + s.getFullName() + ", got " + v);
        for (Iterator<String> it = v.getFieldNames(); it.hasNext(); ) {
          String name = it.next();
          if (s.getField(name) == null) throw bad(path, "record " + s.getFullName() + " has no field '" + name + "'");
        }
        GenericData.Record r = new GenericData.Record(s);
        for (Schema.Field f : s.getFields()) {
          if (!v.has(f.name())) throw bad(path + "." + f.name(), "missing (the peer convention needs every field)");
          r.put(f.pos(), fromJson(f.schema(), v.get(f.name()), path + "." + f.name()));
        }
        return r;
      }
      case UNION: {
        if (v.isNull()) {
          for (Schema b : s.getTypes()) if (b.getType() == Schema.Type.NULL) return null;
          throw bad(path, "null given for a union without a null branch " + s);
        }
        if (!v.isObject() || v.size() != 1) throw bad(path, "a union value must be null or {branch: value}, got " + v);
        String name = v.getFieldNames().next();
        Integer index = s.getIndexNamed(name);
        if (index == null) throw bad(path, "no branch '" + name + "' in union " + s);
        return fromJson(s.getTypes().get(index), v.get(name), path + "<" + name + ">");
      }
      default:
        throw bad(path, "unsupported schema type " + s.getType());
    }
  }

  private static JsonNode toJson(Schema s, Object d) {
    switch (s.getType()) {
      case NULL:
        return F.nullNode();
      case BOOLEAN:
        return F.booleanNode((Boolean) d);
      case INT:
        return F.numberNode((Integer) d);
      case LONG: {
        long x = (Long) d;
        return x >= -SAFE && x <= SAFE ? F.numberNode(x) : F.textNode(Long.toString(x));
      }
      case FLOAT:
        return real(((Float) d).doubleValue()); // widened exactly, so no digits are lost
      case DOUBLE:
        return real((Double) d);
      case BYTES: {
        ByteBuffer bb = ((ByteBuffer) d).duplicate();
        byte[] b = new byte[bb.remaining()];
        bb.get(b);
        return F.textNode(hex(b));
      }
      case FIXED:
        return F.textNode(hex(((GenericFixed) d).bytes()));
      case STRING:
      case ENUM:
        return F.textNode(d.toString());
      case ARRAY: {
        ArrayNode a = F.arrayNode();
        for (Object x : (Collection<?>) d) a.add(toJson(s.getElementType(), x));
        return a;
      }
      case MAP: {
        ObjectNode o = F.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) d).entrySet()) o.put(e.getKey().toString(), toJson(s.getValueType(), e.getValue()));
        return o;
      }
      case RECORD: {
        ObjectNode o = F.objectNode();
        IndexedRecord r = (IndexedRecord) d;
        for (Schema.Field f : s.getFields()) o.put(f.name(), toJson(f.schema(), r.get(f.pos())));
        return o;
      }
      case UNION: {
        Schema b = s.getTypes().get(GenericData.get().resolveUnion(s, d));
        if (b.getType() == Schema.Type.NULL) return F.nullNode();
        ObjectNode o = F.objectNode();
        o.put(b.getFullName(), toJson(b, d));
        return o;
      }
      default:
        throw new IllegalArgumentException("unsupported schema type " + s.getType());
    }
  }

  private static BigInteger integer(JsonNode v, int bits, String path) {
    BigInteger x;
    if (v.isIntegralNumber()) x = v.getBigIntegerValue();
    else if (v.isTextual() && bits == 64) x = new BigInteger(v.getTextValue());
    else throw bad(path, "expected an integer, got " + v);
    if (x.bitLength() >= bits) throw bad(path, x + " is out of range for " + (bits == 32 ? "int" : "long"));
    return x;
  }

  private static double real(JsonNode v, String path) {
    if (v.isNumber()) return v.getDoubleValue();
    String t = v.isTextual() ? v.getTextValue() : "";
    switch (t) {
      case "NaN": return Double.NaN;
      case "Infinity": return Double.POSITIVE_INFINITY;
      case "-Infinity": return Double.NEGATIVE_INFINITY;
      case "-0": return -0.0;
      default: throw bad(path, "expected a number, got " + v);
    }
  }

  private static JsonNode real(double x) {
    if (Double.isNaN(x)) return F.textNode("NaN");
    if (Double.isInfinite(x)) return F.textNode(x > 0 ? "Infinity" : "-Infinity");
    return F.numberNode(x);
  }

  private static String text(JsonNode v, String path) {
    if (!v.isTextual()) throw bad(path, "expected a string, got " + v);
    return v.getTextValue();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Schema schema(JsonNode json) throws Exception {
    if (json == null) throw new IllegalArgumentException("request has no schema");
    return new Schema.Parser().parse(MAPPER.writeValueAsString(json));
  }

  private static byte[] binary(Schema s, Object value) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(s).write(value, enc);
    enc.flush();
    return out.toByteArray();
  }

  private static IllegalArgumentException bad(String path, String what) {
    return new IllegalArgumentException(path + ": " + what);
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
    return sb.toString();
  }

  private static byte[] unhex(String s) {
    if (s.length() % 2 != 0) throw new IllegalArgumentException("odd-length hex string");
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return b;
  }
}
