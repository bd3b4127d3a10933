#!/usr/bin/python3
"""Reads Avro binary datums with python3-avro's own DatumReader, logical types converted
(Decimal, datetime, date, ...), and prints them as JSON: decimals as their text, dates and
datetimes in ISO 8601, bytes in hex. Input on stdin: {"schema": ..., "hex": [...]}."""
import datetime
import decimal
import io
import json
import sys
import uuid
import warnings

import avro.io
import avro.schema

warnings.simplefilter("ignore")


def plain(v):
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def main():
    req = json.load(sys.stdin)
    schema = avro.schema.parse(json.dumps(req["schema"]))
    out = []
    for h in req["hex"]:
        data = bytes.fromhex(h)
        buf = io.BytesIO(data)
        out.append(plain(avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(buf))))
        if buf.tell() != len(data):
            raise ValueError(f"{len(data) - buf.tell()} bytes left over")
    json.dump({"datums": out}, sys.stdout)


main()
