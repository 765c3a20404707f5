"""Drives confluent_kafka's SchemaRegistryClient against a registry URL for the xunit interop tests.

Usage: python3 interop.py <registry-url>, with {"subject", "schema", "evolved", "incompatible"} on stdin;
prints what the client saw as JSON on stdout.
"""
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError


def main():
    url = sys.argv[1]
    request = json.load(sys.stdin)
    subject = request["subject"]
    client = SchemaRegistryClient({"url": url})
    schema_id = client.register_schema(subject, Schema(request["schema"], "AVRO"))
    fetched = SchemaRegistryClient({"url": url}).get_schema(schema_id)
    evolved_id = client.register_schema(subject, Schema(request["evolved"], "AVRO"))
    latest = client.get_latest_version(subject)
    found = client.lookup_schema(subject, Schema(request["schema"], "AVRO"))
    compatible = client.test_compatibility(subject, Schema(request["incompatible"], "AVRO"))
    try:
        client.register_schema(subject, Schema(request["incompatible"], "AVRO"))
        rejected = None
    except SchemaRegistryError as e:
        rejected = {"status": e.http_status_code, "code": e.error_code}
    try:
        SchemaRegistryClient({"url": url}).get_schema(9999)
        missing = None
    except SchemaRegistryError as e:
        missing = {"status": e.http_status_code, "code": e.error_code}
    print(json.dumps({
        "id": schema_id,
        "fetchedType": fetched.schema_type,
        "fetchedName": json.loads(fetched.schema_str)["name"],
        "evolvedId": evolved_id,
        "latestVersion": latest.version,
        "latestId": latest.schema_id,
        "lookupVersion": found.version,
        "subjects": client.get_subjects(),
        "versions": client.get_versions(subject),
        "compatibility": client.get_compatibility(),
        "incompatibleIsCompatible": compatible,
        "rejected": rejected,
        "missing": missing,
    }))


if __name__ == "__main__":
    main()
