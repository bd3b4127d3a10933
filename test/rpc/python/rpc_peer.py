#!/usr/bin/python3
"""python3-avro's avro.ipc as a real RPC peer for avrokit's interop tests (HTTP only).

  rpc_peer.py serve PROTOCOL.avpr
      A python3-avro Responder behind http.server on 127.0.0.1 (a free port). Prints
      "Port: N", then one JSON line per request it answers: {"match": ..., "message": ...}.
      Serves until stdin closes. Implements simple.avpr and mail.avpr.
  rpc_peer.py call URL PROTOCOL.avpr
      Reads {"calls": [{"message": m, "request": {...}}, ...]} from stdin and makes the calls
      in order with one Requestor over one HTTPTransceiver; prints {"results": [...]}, each
      {"response": v} or {"error": v}.

Bytes and fixed values travel as {"$bytes": "<hex>"}. Peer bugs worked around: the Responder
writes only string errors unless write_error is overridden (done here, so declared errors
are written with the message's error union); the responder crashes on unknown messages (the
tests never send one).
"""
import http.server
import io
import json
import sys
import threading

import avro.errors
import avro.io
import avro.ipc
import avro.protocol


def to_json(v):
    if isinstance(v, (bytes, bytearray)):
        return {"$bytes": bytes(v).hex()}
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_json(x) for x in v]
    return v


def from_json(v):
    if isinstance(v, dict):
        if list(v.keys()) == ["$bytes"]:
            return bytes.fromhex(v["$bytes"])
        return {k: from_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [from_json(x) for x in v]
    return v


class Service(avro.ipc.Responder):
    def invoke(self, message, request):
        name = message.name
        if name == "hello":
            return "Hello, " + request["greeting"]
        if name == "echo":
            return request["record"]
        if name == "add":
            return request["arg1"] + request["arg2"]
        if name == "echoBytes":
            return request["data"]
        if name == "error":
            raise avro.errors.AvroRemoteException({"message": "intentional error from python"})
        if name == "send":
            m = request["message"]
            return "Sent message to %s from %s with body %s" % (m["to"], m["from"], m["body"])
        return None  # ack, fireandforget

    def write_error(self, writers_schema, error_exception, encoder):
        # Write the exception's datum with the error union (python3-avro writes str(e) only).
        datum = error_exception.args[0] if error_exception.args else str(error_exception)
        avro.io.DatumWriter(writers_schema).write(datum, encoder)


def serve(protocol_path):
    responder = Service(avro.protocol.parse(open(protocol_path).read()))
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = avro.ipc.FramedReader(self.rfile).read_framed_message()
            with lock:
                out = responder.respond(body)
            decoder = avro.io.BinaryDecoder(io.BytesIO(out))
            hs = avro.io.DatumReader(avro.ipc.HANDSHAKE_RESPONSE_SCHEMA).read(decoder)
            req = avro.io.BinaryDecoder(io.BytesIO(body))
            avro.io.DatumReader(avro.ipc.HANDSHAKE_REQUEST_SCHEMA).read(req)
            avro.ipc.META_READER.read(req)
            print(json.dumps({"match": hs["match"], "message": req.read_utf8()}), flush=True)
            self.send_response(200)
            self.send_header("Content-Type", "avro/binary")
            self.end_headers()
            avro.ipc.FramedWriter(self.wfile).write_framed_message(out)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    print("Port: %d" % server.server_port, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes stdin
    server.shutdown()


def call(url, protocol_path):
    from urllib.parse import urlparse
    u = urlparse(url)
    calls = json.load(sys.stdin)["calls"]
    transceiver = avro.ipc.HTTPTransceiver(u.hostname, u.port)
    requestor = avro.ipc.Requestor(avro.protocol.parse(open(protocol_path).read()), transceiver)
    results = []
    for c in calls:
        try:
            results.append({"response": to_json(requestor.request(c["message"], from_json(c["request"])))})
        except avro.errors.AvroRemoteException as e:
            results.append({"error": to_json(e.args[0] if e.args else str(e))})
    transceiver.close()
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        call(sys.argv[2], sys.argv[3])
