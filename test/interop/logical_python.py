#!/usr/bin/python3
"""python3-avro's own logical-type conversions, for test/interop/logical-python.test.ts.

Unlike test/interop/python/peer.py (which carries logical types raw on purpose), this script
lets python3-avro convert: it builds Decimal, UUID text, date, time and datetime values from
plain JSON, writes them with avro.io.DatumWriter, and reads bytes back with DatumReader.

Request (stdin): {"encode": [{"schema": S, "value": V}, ...], "decode": [{"schema": S, "hex": H}, ...]}
Reply (stdout):  {"encoded": [hex or {"error": msg}, ...], "decoded": [V or {"error": msg}, ...]}

V by logical type: decimal -> text ("-12.30"; replies in plain notation); uuid -> text;
date -> "YYYY-MM-DD"; time-millis / timestamp-millis -> integer ms; time-micros /
timestamp-micros -> integer microseconds (timestamps from 1970-01-01T00:00Z).
"""
import datetime
import decimal
import io
import json
import sys
import warnings

import avro.io
import avro.schema

# A value python3-avro cannot convert makes it warn and fall back; here that must be an error.
warnings.simplefilter("error")

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
MIDNIGHT = datetime.datetime(2000, 1, 1)
decimal.getcontext().prec = 200


def to_python(logical, v):
    if logical == "decimal":
        return decimal.Decimal(v)
    if logical == "date":
        return datetime.date.fromisoformat(v)
    if logical == "time-millis":
        return (MIDNIGHT + datetime.timedelta(milliseconds=v)).time()
    if logical == "time-micros":
        return (MIDNIGHT + datetime.timedelta(microseconds=v)).time()
    if logical == "timestamp-millis":
        return EPOCH + datetime.timedelta(milliseconds=v)
    if logical == "timestamp-micros":
        return EPOCH + datetime.timedelta(microseconds=v)
    return v


def from_python(logical, v):
    if logical == "decimal":
        return format(v, "f")
    if logical == "date":
        return v.isoformat()
    if logical in ("time-millis", "time-micros"):
        us = ((v.hour * 60 + v.minute) * 60 + v.second) * 1_000_000 + v.microsecond
        return us // 1000 if logical == "time-millis" else us
    if logical in ("timestamp-millis", "timestamp-micros"):
        us = (v - EPOCH) // datetime.timedelta(microseconds=1)
        return us // 1000 if logical == "timestamp-millis" else us
    if logical == "uuid":
        return str(v)
    return v


def encode(case):
    schema = avro.schema.parse(json.dumps(case["schema"]))
    logical = case["schema"].get("logicalType")
    out = io.BytesIO()
    avro.io.DatumWriter(schema).write(to_python(logical, case["value"]), avro.io.BinaryEncoder(out))
    return out.getvalue().hex()


def decode(case):
    schema = avro.schema.parse(json.dumps(case["schema"]))
    logical = case["schema"].get("logicalType")
    data = bytes.fromhex(case["hex"])
    stream = io.BytesIO(data)
    value = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(stream))
    if stream.tell() != len(data):
        raise ValueError(f"{len(data) - stream.tell()} bytes left over")
    return from_python(logical, value)


def guarded(fn, case):
    try:
        return fn(case)
    except Exception as e:  # reported per case, so one bad value does not hide the others
        return {"error": f"{type(e).__name__}: {e}"}


def main():
    request = json.load(sys.stdin)
    json.dump(
        {
            "encoded": [guarded(encode, c) for c in request.get("encode", [])],
            "decoded": [guarded(decode, c) for c in request.get("decode", [])],
        },
        sys.stdout,
    )


main()
