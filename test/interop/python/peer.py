#!/usr/bin/python3
"""python3-avro as a real peer for avrokit's interop tests.

Reads one JSON request from stdin, writes one JSON reply to stdout. Started by
test/interop/peers/index.ts (see its header for the request shapes). Uses Debian's
python3-avro (1.11) and only the standard library.

Value convention across the process boundary (lossless, the same for every peer):
  null, boolean, string, enum symbol, array, map: as JSON.
  int: a JSON integer.  long: a JSON integer, or a decimal string when |v| > 2^53 - 1
    (accepted either way on input).
  float, double: a JSON number, or the strings "NaN", "Infinity", "-Infinity"; on input
    also "-0" (JSON cannot carry negative zero from JavaScript).
  bytes, fixed: lowercase hex strings.
  union: null for the null branch, else {"<branch>": value} where <branch> is the full name
    of a named type or the type name ("int", "array", "map", ...), as in Avro's JSON encoding.
  record: a JSON object with every field.
Logical types travel as their underlying type (a date is its int, a decimal its bytes):
this peer turns python3-avro's logical conversions off, so nothing is lost in between.

Union branches are chosen by the tag, not by python3-avro's own guess (which takes the
last branch that validates), and values are not run through avro.io.validate first; both
keep the bytes under the test's control.
"""
import io
import json
import math
import sys
import traceback
import warnings

import avro
import avro.compatibility
import avro.datafile
import avro.errors
import avro.io
import avro.schema

# Logical types are carried raw (see the header): falling back to the underlying type makes
# python3-avro warn on every value, and reading must not convert either.
warnings.simplefilter("ignore")
_D = avro.io.BinaryDecoder
_D.read_date_from_int = lambda self: self.read_int()
_D.read_time_millis_from_int = lambda self: self.read_int()
_D.read_time_micros_from_long = lambda self: self.read_long()
_D.read_timestamp_millis_from_long = lambda self: self.read_long()
_D.read_timestamp_micros_from_long = lambda self: self.read_long()
_D.read_decimal_from_bytes = lambda self, precision, scale: self.read_bytes()
_D.read_decimal_from_fixed = lambda self, precision, scale, size: self.read(size)

SAFE = 2**53 - 1
SPECIAL_FLOATS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}


class PeerError(Exception):
    pass


class Tagged:
    """A union value together with the name of its branch."""

    __slots__ = ("name", "value")

    def __init__(self, name, value):
        self.name = name
        self.value = value


def branch_name(schema):
    if isinstance(schema, avro.schema.NamedSchema):
        return schema.fullname
    return schema.type


def parse(schema_json):
    return avro.schema.parse(json.dumps(schema_json))


def from_json(schema, v, path):
    """Convention value -> the Python value python3-avro's writer expects."""
    if isinstance(schema, avro.schema.UnionSchema):
        names = [branch_name(s) for s in schema.schemas]
        if v is None:
            if "null" not in names:
                raise PeerError(f"{path}: null given for a union without a null branch {names}")
            return Tagged("null", None)
        if not isinstance(v, dict) or len(v) != 1:
            raise PeerError(f"{path}: a union value must be null or {{branch: value}}, got {v!r}")
        (name, inner), = v.items()
        if name not in names:
            raise PeerError(f"{path}: no branch {name!r} in union {names}")
        return Tagged(name, from_json(schema.schemas[names.index(name)], inner, f"{path}<{name}>"))
    t = schema.type
    if t == "null":
        if v is not None:
            raise PeerError(f"{path}: expected null, got {v!r}")
        return None
    if t == "boolean":
        if not isinstance(v, bool):
            raise PeerError(f"{path}: expected a boolean, got {v!r}")
        return v
    if t in ("int", "long"):
        if isinstance(v, str) and t == "long":
            v = int(v, 10)
        if not isinstance(v, int) or isinstance(v, bool):
            raise PeerError(f"{path}: expected an integer, got {v!r}")
        bits = 31 if t == "int" else 63
        if not -(2**bits) <= v < 2**bits:
            raise PeerError(f"{path}: {v} is out of range for {t}")
        return v
    if t in ("float", "double"):
        if isinstance(v, str) and v in SPECIAL_FLOATS:
            return SPECIAL_FLOATS[v]
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            raise PeerError(f"{path}: expected a number, got {v!r}")
        return float(v)
    if t in ("bytes", "fixed"):
        if not isinstance(v, str):
            raise PeerError(f"{path}: expected a hex string, got {v!r}")
        b = bytes.fromhex(v)
        if t == "fixed" and len(b) != schema.size:
            raise PeerError(f"{path}: fixed {schema.fullname} takes {schema.size} bytes, got {len(b)}")
        return b
    if t in ("string", "enum"):
        if not isinstance(v, str):
            raise PeerError(f"{path}: expected a string, got {v!r}")
        return v
    if t == "array":
        if not isinstance(v, list):
            raise PeerError(f"{path}: expected an array, got {v!r}")
        return [from_json(schema.items, x, f"{path}[{i}]") for i, x in enumerate(v)]
    if t == "map":
        if not isinstance(v, dict):
            raise PeerError(f"{path}: expected an object, got {v!r}")
        return {k: from_json(schema.values, x, f"{path}[{k!r}]") for k, x in v.items()}
    if isinstance(schema, avro.schema.RecordSchema):
        if not isinstance(v, dict):
            raise PeerError(f"{path}: expected an object for record {schema.fullname}, got {v!r}")
        names = [f.name for f in schema.fields]
        extra = [k for k in v if k not in names]
        if extra:
            raise PeerError(f"{path}: record {schema.fullname} has no field(s) {extra}")
        out = {}
        for f in schema.fields:
            if f.name not in v:
                raise PeerError(f"{path}.{f.name}: missing (the peer convention needs every field)")
            out[f.name] = from_json(f.type, v[f.name], f"{path}.{f.name}")
        return out
    raise PeerError(f"{path}: unsupported schema type {t}")


def to_json(v):
    """A value python3-avro's reader returned -> the convention."""
    if isinstance(v, Tagged):
        return None if v.name == "null" else {v.name: to_json(v.value)}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v if -SAFE <= v <= SAFE else str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, list):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    raise PeerError(f"cannot represent {type(v).__name__} {v!r}")


class TaggedWriter(avro.io.DatumWriter):
    def write(self, datum, encoder):
        self.write_data(self.writers_schema, datum, encoder)

    def write_union(self, writers_schema, datum, encoder):
        names = [branch_name(s) for s in writers_schema.schemas]
        index = names.index(datum.name)
        encoder.write_long(index)
        self.write_data(writers_schema.schemas[index], datum.value, encoder)


class TaggedReader(avro.io.DatumReader):
    def read_data(self, writers_schema, readers_schema, decoder):
        # A value read into a union reports the reader's branch it landed in.
        if isinstance(readers_schema, avro.schema.UnionSchema) and not isinstance(writers_schema, avro.schema.UnionSchema):
            for s in readers_schema.schemas:
                if s.match(writers_schema):
                    return Tagged(branch_name(s), super().read_data(writers_schema, s, decoder))
        return super().read_data(writers_schema, readers_schema, decoder)

    def _read_default_value(self, field_schema, default_value):
        if isinstance(field_schema, avro.schema.UnionSchema):
            first = field_schema.schemas[0]
            return Tagged(branch_name(first), self._read_default_value(first, default_value))
        return super()._read_default_value(field_schema, default_value)


def encode(schema, datum):
    buf = io.BytesIO()
    TaggedWriter(schema).write(from_json(schema, datum, "datum"), avro.io.BinaryEncoder(buf))
    return buf.getvalue().hex()


def decode(writer, reader, hex_text):
    data = bytes.fromhex(hex_text)
    buf = io.BytesIO(data)
    value = TaggedReader(writer, reader).read(avro.io.BinaryDecoder(buf))
    if buf.tell() != len(data):
        raise PeerError(f"{len(data) - buf.tell()} trailing byte(s) after the datum ({buf.tell()} of {len(data)} read)")
    return to_json(value)


def op_write_file(req):
    schema = parse(req["schema"])
    if "syncInterval" in req:
        avro.datafile.SYNC_INTERVAL = int(req["syncInterval"])
    with open(req["path"], "wb") as f:
        writer = avro.datafile.DataFileWriter(f, TaggedWriter(), schema, codec=req.get("codec", "null"))
        for k, v in req.get("meta", {}).items():
            writer.set_meta(k, v.encode("utf-8"))
        for i, d in enumerate(req["datums"]):
            writer.append(from_json(schema, d, f"datums[{i}]"))
        writer.close()
    return {"path": req["path"]}


def op_read_file(req):
    reader_schema = parse(req["readerSchema"]) if req.get("readerSchema") is not None else None
    with open(req["path"], "rb") as f:
        reader = avro.datafile.DataFileReader(f, TaggedReader(readers_schema=reader_schema))
        datums = [to_json(d) for d in reader]
        meta = {k: v.hex() for k, v in reader.meta.items()}
        codec = reader.meta.get("avro.codec", b"null").decode("utf-8")
        schema = json.loads(reader.meta["avro.schema"].decode("utf-8"))
        reader.close()
    return {"datums": datums, "meta": meta, "codec": codec, "schema": schema}


def op_compatible(req):
    reader, writer = parse(req["reader"]), parse(req["writer"])
    result = avro.compatibility.ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
    return {
        "compatible": result.compatibility == avro.compatibility.SchemaCompatibilityType.compatible,
        "messages": sorted(result.messages),
        "locations": sorted(result.locations),
    }


def handle(req):
    op = req.get("op")
    if op == "batch":
        return {"replies": [answer(r) for r in req["requests"]]}
    if op == "version":
        return {"peer": "python3-avro", "version": avro.__version__}
    if op == "encode":
        schema = parse(req["schema"])
        return {"hex": [encode(schema, d) for d in req["datums"]]}
    if op == "decode":
        schema = parse(req["schema"])
        return {"datums": [decode(schema, schema, h) for h in req["hex"]]}
    if op == "resolve":
        writer, reader = parse(req["writer"]), parse(req["reader"])
        return {"datums": [decode(writer, reader, h) for h in req["hex"]]}
    if op == "canonical":
        return {"canonical": parse(req["schema"]).canonical_form}
    if op == "compatible":
        return op_compatible(req)
    if op == "writeFile":
        return op_write_file(req)
    if op == "readFile":
        return op_read_file(req)
    raise PeerError(f"python3-avro peer does not support op {op!r}")


def answer(req):
    try:
        return handle(req)
    except Exception as e:  # the reply carries the peer's error; the test decides what it means
        return {"error": f"{type(e).__name__}: {e}", "errorType": type(e).__name__, "trace": traceback.format_exc(limit=4)}


def main():
    reply = answer(json.load(sys.stdin))
    json.dump(reply, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
