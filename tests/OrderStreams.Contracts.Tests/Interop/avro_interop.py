"""Apache Avro for Python as an independent peer for the Contracts interop tests.

Reads a JSON request on stdin: {"schemaDir": dir, "cases": [{"type": full name, "json": value in the Avro JSON
encoding, "hex": the same value as Avro binary written by OrderStreams}]}. For every case it decodes "hex" with
Python's reader and encodes "json" with Python's writer, and prints {"results": [{"decoded": Avro JSON,
"encoded": hex}]} on stdout.

Unions are tagged in the Avro JSON encoding ({"branch name": value}); Python's reader and writer drop the tag,
so union handling is overridden to keep it: the writer must not guess a branch from the value.
"""
import datetime
import glob
import io
import json
import os
import sys
import warnings

import avro.errors
import avro.io
import avro.schema

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class Tagged:
    def __init__(self, branch, value):
        self.branch = branch
        self.value = value


def branch_name(schema):
    return getattr(schema, "fullname", None) or schema.type


class TaggingWriter(avro.io.DatumWriter):
    def write(self, datum, encoder):
        self.write_data(self.writers_schema, datum, encoder)

    def write_union(self, writers_schema, datum, encoder):
        names = [branch_name(s) for s in writers_schema.schemas]
        if datum is None:
            index, value = names.index("null"), None
        else:
            index, value = names.index(datum.branch), datum.value
        encoder.write_long(index)
        self.write_data(writers_schema.schemas[index], value, encoder)


class TaggingReader(avro.io.DatumReader):
    def read_union(self, writers_schema, readers_schema, decoder):
        index = int(decoder.read_long())
        branch = writers_schema.schemas[index]
        value = self.read_data(branch, branch, decoder)
        return None if branch.type == "null" else Tagged(branch_name(branch), value)


def load_schemas(directory):
    """Parses every .avsc of the directory, in whatever order satisfies their references to each other."""
    pending = {path: json.load(open(path)) for path in sorted(glob.glob(os.path.join(directory, "*.avsc")))}
    names = avro.schema.Names()
    parsed = {}
    while pending:
        progress = False
        for path, document in list(pending.items()):
            before = dict(names.names)
            try:
                schema = avro.schema.make_avsc_object(document, names)
            except avro.errors.SchemaParseException:
                names.names = before
                continue
            parsed[schema.fullname] = schema
            del pending[path]
            progress = True
        if not progress:
            raise SystemExit(f"cannot parse {sorted(pending)}")
    return names


def from_json(schema, value):
    """Avro JSON encoding -> the datum Python's writer expects (tagged unions kept)."""
    t = schema.type
    if t == "union":
        if value is None:
            return None
        (branch, inner), = value.items()
        target = next(s for s in schema.schemas if branch_name(s) == branch)
        return Tagged(branch, from_json(target, inner))
    if t in ("record", "error"):
        return {f.name: from_json(f.type, value[f.name]) for f in schema.fields}
    if t == "array":
        return [from_json(schema.items, v) for v in value]
    if t == "map":
        return {k: from_json(schema.values, v) for k, v in value.items()}
    if t in ("bytes", "fixed") and getattr(schema, "logical_type", None) != "decimal":
        return value.encode("latin-1")
    if t == "float" or t == "double":
        return float(value)
    return value


def to_json(schema, datum):
    """The datum Python's reader returned -> Avro JSON encoding."""
    t = schema.type
    if t == "union":
        if datum is None:
            return None
        target = next(s for s in schema.schemas if branch_name(s) == datum.branch)
        return {datum.branch: to_json(target, datum.value)}
    if t in ("record", "error"):
        return {f.name: to_json(f.type, datum[f.name]) for f in schema.fields}
    if t == "array":
        return [to_json(schema.items, v) for v in datum]
    if t == "map":
        return {k: to_json(schema.values, v) for k, v in datum.items()}
    if isinstance(datum, datetime.datetime):
        return (datum - EPOCH) // datetime.timedelta(milliseconds=1)
    if isinstance(datum, bytes):
        return datum.decode("latin-1")
    return datum


def main():
    warnings.simplefilter("ignore")
    request = json.load(sys.stdin)
    names = load_schemas(request["schemaDir"])
    results = []
    for case in request["cases"]:
        schema = names.names[case["type"]]
        decoded = TaggingReader(schema, schema).read(avro.io.BinaryDecoder(io.BytesIO(bytes.fromhex(case["hex"]))))
        buffer = io.BytesIO()
        TaggingWriter(schema).write(from_json(schema, case["json"]), avro.io.BinaryEncoder(buffer))
        results.append({"decoded": to_json(schema, decoded), "encoded": buffer.getvalue().hex()})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
