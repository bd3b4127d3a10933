// Test peer for test/interop/java-schema-normalization.test.ts: compiled into a temp dir at test
// time (never commit .class files). Reads schemas from stdin separated by NUL bytes and, for each,
// prints one line: "OK\t<canonical form>\t<CRC-64 as a signed long>\t<md5 hex>\t<sha256 hex>", or
// "ERR\t<exception message on one line>" when Java rejects the schema.
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

public class SchemaNormalizationPeer {
  public static void main(String[] args) throws Exception {
    String input = new String(readAll(System.in), StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    for (String text : input.split("\u0000", -1)) {
      if (text.isEmpty()) continue;
      try {
        // A fresh parser each time: a Parser remembers the names it has defined.
        Schema schema = new Schema.Parser().parse(text);
        out.println("OK\t" + SchemaNormalization.toParsingForm(schema)
            + "\t" + SchemaNormalization.parsingFingerprint64(schema)
            + "\t" + hex(SchemaNormalization.parsingFingerprint("MD5", schema))
            + "\t" + hex(SchemaNormalization.parsingFingerprint("SHA-256", schema)));
      } catch (Exception e) {
        out.println("ERR\t" + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
      }
    }
    out.flush();
  }

  private static byte[] readAll(InputStream in) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) > 0; ) buf.write(chunk, 0, n);
    return buf.toByteArray();
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) sb.append(String.format("%02x", b & 0xff));
    return sb.toString();
  }
}
