/**
 * Splits a stream of text into top-level JSON values (one per line, pretty-printed over many
 * lines, or run together), without parsing them: each value's text goes to the Avro JSON
 * reader whole. Memory holds one value (plus one chunk) at a time.
 */
export interface JsonValueText {
  readonly text: string;
  /** 1-based line where the value starts. */
  readonly line: number;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** A resumable scanner: feed text, take the complete values found so far. */
class Splitter {
  private text = '';
  private pos = 0; // next character to look at
  private start = -1; // where the current value starts, or -1 between values
  private line = 1;
  private startLine = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;

  feed(chunk: string): JsonValueText[] {
    this.text += chunk;
    const out: JsonValueText[] = [];
    const t = this.text;
    for (; this.pos < t.length; this.pos++) {
      const c = t[this.pos]!;
      if (c === '\n') this.line++;
      if (this.start < 0) {
        if (isSpace(c)) continue;
        this.start = this.pos;
        this.startLine = this.line;
        this.scalar = c !== '{' && c !== '[' && c !== '"';
        this.inString = c === '"';
        this.depth = c === '{' || c === '[' ? 1 : 0;
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.depth === 0) this.emit(out, this.pos + 1);
        }
      } else if (this.scalar) {
        if (isSpace(c) || c === '{' || c === '[' || c === '"') {
          this.emit(out, this.pos);
          if (c === '\n') this.line--;
          this.pos--; // look at this character again, between values
        }
      } else if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if ((c === '}' || c === ']') && --this.depth === 0) this.emit(out, this.pos + 1);
    }
    // Drop what has been handed out: keep only the unfinished value.
    const keep = this.start >= 0 ? this.start : this.pos;
    this.text = this.text.slice(keep);
    this.pos -= keep;
    if (this.start >= 0) this.start = 0;
    return out;
  }

  end(): JsonValueText[] {
    if (this.start < 0) return [];
    if (!this.scalar || this.inString) throw new Error(`the input ends inside the JSON value that starts on line ${this.startLine}`);
    const v = { text: this.text.slice(this.start), line: this.startLine };
    this.start = -1;
    return [v];
  }

  private emit(out: JsonValueText[], end: number): void {
    out.push({ text: this.text.slice(this.start, end), line: this.startLine });
    this.start = -1;
  }
}

/** The JSON values of `chunks`, each as its text and starting line. */
export async function* jsonValues(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<JsonValueText> {
  const decoder = new TextDecoder('utf-8');
  const s = new Splitter();
  for await (const chunk of chunks) yield* s.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  yield* s.feed(decoder.decode());
  yield* s.end();
}
