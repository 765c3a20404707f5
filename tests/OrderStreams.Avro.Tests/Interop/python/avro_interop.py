"""Interop peer for OrderStreams.Avro: Apache Avro for Python encodes and decodes the same data as the C# library.

  write DIR  writes <case>.avsc and <case>.python.bin for every case (plus evolution_v1/v2 schemas and data)
  check DIR  decodes every <case>.csharp.bin written by the C# side and compares it with the case's value;
             evolution.csharp.bin (written with evolution_v1) is read with evolution_v2 as the reader schema;
             prints one JSON object {case: "ok" | problem} and exits 1 when any case is not ok
  compat FILE  reads a JSON array of {"reader": schema, "writer": schema} and prints a JSON array of booleans:
             whether Apache Avro's compatibility checker finds each reader able to read the writer's data
"""

import datetime
import decimal
import io
import json
import sys

import avro.compatibility
import avro.io
import avro.schema
import avro.timezones

ORDER = {
    "type": "record", "name": "Order", "namespace": "interop.orders",
    "fields": [
        {"name": "orderId", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "branchId", "type": "int"},
        {"name": "sequence", "type": "long"},
        {"name": "express", "type": "boolean"},
        {"name": "weight", "type": "float"},
        {"name": "distance", "type": "double"},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PLACED", "PAID", "DELIVERED"]}},
        {"name": "items", "type": {"type": "array", "items": {
            "type": "record", "name": "Item", "fields": [
                {"name": "sku", "type": "string"},
                {"name": "quantity", "type": "int"},
                {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
            ]}}},
        {"name": "attributes", "type": {"type": "map", "values": "long"}},
        {"name": "note", "type": ["null", "string"]},
        {"name": "driver", "type": ["null", {"type": "record", "name": "Driver", "fields": [
            {"name": "name", "type": "string"},
            {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 4}},
        ]}]},
        {"name": "placedOn", "type": {"type": "int", "logicalType": "date"}},
        {"name": "placedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "slotStart", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "slotEnd", "type": {"type": "long", "logicalType": "time-micros"}},
        {"name": "total", "type": {"type": "fixed", "name": "Money", "size": 8, "logicalType": "decimal", "precision": 12, "scale": 3}},
        {"name": "signature", "type": "bytes"},
    ],
}

UTC = avro.timezones.utc

ORDER_VALUE = {
    "orderId": "6f1c2a3e-8d4b-4f5a-9c7e-2b1d0e9f8a7c",
    "branchId": -42,
    "sequence": 1234567890123,
    "express": True,
    "weight": 1.5,
    "distance": -2.25e-3,
    "status": "PAID",
    "items": [
        {"sku": "pizza-\u00e9\u4e2d", "quantity": 2, "price": decimal.Decimal("12.34")},
        {"sku": "cola", "quantity": 1, "price": decimal.Decimal("-3.50")},
    ],
    "attributes": {"table": 7, "floor": -1},
    "note": "ring twice",
    "driver": {"name": "Ada", "code": b"\x00\x01\xfe\xff"},
    "placedOn": datetime.date(2024, 2, 29),
    "placedAt": datetime.datetime(2024, 2, 29, 12, 30, 15, 123000, tzinfo=UTC),
    "updatedAt": datetime.datetime(2024, 2, 29, 12, 31, 0, 654321, tzinfo=UTC),
    "slotStart": datetime.time(18, 0, 0, 500000),
    "slotEnd": datetime.time(18, 45, 0, 250001),
    "total": decimal.Decimal("21.180"),
    "signature": b"\x00\x80\xff",
}

NODE = {
    "type": "record", "name": "Node", "fields": [
        {"name": "label", "type": "string"},
        {"name": "next", "type": ["null", "Node"], "default": None},
    ],
}

NODE_VALUE = {"label": "a", "next": {"label": "b", "next": {"label": "c", "next": None}}}

SCALARS = {"type": "array", "items": ["null", "boolean", "int", "long", "float", "double", "bytes", "string"]}

SCALARS_VALUE = [None, False, 1, 3000000000, 0.5, 1e100, b"\x01\x02", "text", True, -1]

EVOLUTION_V1 = {
    "type": "record", "name": "Payment", "namespace": "interop.payments",
    "fields": [
        {"name": "paymentId", "type": "string"},
        {"name": "amountCents", "type": "int"},
        {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["AUTHORISED", "CAPTURED", "FAILED"]}},
        {"name": "legacyCode", "type": "string"},
    ],
}

EVOLUTION_V2 = {
    "type": "record", "name": "Payment", "namespace": "interop.payments",
    "fields": [
        {"name": "paymentId", "type": "string"},
        {"name": "amountCents", "type": "long"},
        {"name": "status", "type": {"type": "enum", "name": "PaymentStatus",
                                    "symbols": ["AUTHORISED", "CAPTURED", "REFUNDED", "UNKNOWN"], "default": "UNKNOWN"}},
        {"name": "currency", "type": "string", "default": "EUR"},
        {"name": "attempts", "type": ["int", "null"], "default": 1},
    ],
}

EVOLUTION_V1_VALUE = {"paymentId": "p-1", "amountCents": 2599, "status": "FAILED", "legacyCode": "X9"}

# What the C# side writes with evolution_v1, read back here with evolution_v2. Python 1.11 does not apply enum
# defaults during resolution, so this value keeps to a symbol both versions share (the C# test covers the default).
EVOLUTION_FROM_CSHARP = {"paymentId": "p-2", "amountCents": 1999, "status": "CAPTURED", "currency": "EUR", "attempts": 1}

CASES = {
    "order": (ORDER, ORDER_VALUE),
    "node": (NODE, NODE_VALUE),
    "scalars": (SCALARS, SCALARS_VALUE),
    "evolution_v1": (EVOLUTION_V1, EVOLUTION_V1_VALUE),
}


def encode(schema, value):
    buffer = io.BytesIO()
    avro.io.DatumWriter(schema).write(value, avro.io.BinaryEncoder(buffer))
    return buffer.getvalue()


def decode(data, writer_schema, reader_schema=None):
    decoder = avro.io.BinaryDecoder(io.BytesIO(data))
    return avro.io.DatumReader(writer_schema, reader_schema or writer_schema).read(decoder)


def write(directory):
    for name, (schema_json, value) in CASES.items():
        schema = avro.schema.parse(json.dumps(schema_json))
        with open(f"{directory}/{name}.avsc", "w", encoding="utf-8") as f:
            json.dump(schema_json, f)
        with open(f"{directory}/{name}.python.bin", "wb") as f:
            f.write(encode(schema, value))
    with open(f"{directory}/evolution_v2.avsc", "w", encoding="utf-8") as f:
        json.dump(EVOLUTION_V2, f)


def check(directory):
    results = {}
    for name, (schema_json, expected) in CASES.items():
        schema = avro.schema.parse(json.dumps(schema_json))
        results[name] = compare(directory, f"{name}.csharp.bin", schema, None, expected)
    v1 = avro.schema.parse(json.dumps(EVOLUTION_V1))
    v2 = avro.schema.parse(json.dumps(EVOLUTION_V2))
    results["evolution"] = compare(directory, "evolution.csharp.bin", v1, v2, EVOLUTION_FROM_CSHARP)
    print(json.dumps(results, sort_keys=True))
    return 0 if all(r == "ok" for r in results.values()) else 1


def compare(directory, file_name, writer_schema, reader_schema, expected):
    try:
        with open(f"{directory}/{file_name}", "rb") as f:
            actual = decode(f.read(), writer_schema, reader_schema)
    except Exception as e:  # report any decoding failure as the case's result
        return f"{type(e).__name__}: {e}"
    return "ok" if actual == expected else f"mismatch: {actual!r} != {expected!r}"


def compat(file_name):
    with open(file_name, encoding="utf-8") as f:
        pairs = json.load(f)
    checker = avro.compatibility.ReaderWriterCompatibilityChecker
    verdicts = []
    for pair in pairs:
        reader = avro.schema.parse(json.dumps(pair["reader"]))
        writer = avro.schema.parse(json.dumps(pair["writer"]))
        result = checker().get_compatibility(reader, writer)
        verdicts.append(result.compatibility is avro.compatibility.SchemaCompatibilityType.compatible)
    print(json.dumps(verdicts))
    return 0


if __name__ == "__main__":
    command, target = sys.argv[1], sys.argv[2]
    if command == "write":
        write(target)
        sys.exit(0)
    sys.exit(compat(target) if command == "compat" else check(target))
