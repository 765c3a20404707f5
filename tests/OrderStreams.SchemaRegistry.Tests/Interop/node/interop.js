// Drives @kafkajs/confluent-schema-registry against a registry URL for the xunit interop tests.
// Usage: node interop.js <registry-url> <command>, with a JSON request on stdin and a JSON answer on stdout.
//   roundtrip {subject, schema, record}: register, fetch by id, encode then decode the record
//   register  {subject, schema}: the id the registry gives the schema
//   encode    {id, record}: the Confluent-framed bytes (hex) of the record under schema id
//   decode    {hex}: the record the framed bytes hold
'use strict';
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

async function main() {
  const [url, command] = process.argv.slice(2);
  const request = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const registry = new SchemaRegistry({ host: url, retry: { retries: 0 } });
  switch (command) {
    case 'roundtrip': {
      const { id } = await registry.register({ type: SchemaType.AVRO, schema: request.schema }, { subject: request.subject });
      const again = await registry.register({ type: SchemaType.AVRO, schema: request.schema }, { subject: request.subject });
      const fetched = await new SchemaRegistry({ host: url }).getSchema(id);
      const latestId = await registry.getLatestSchemaId(request.subject);
      const encoded = await registry.encode(id, request.record);
      const decoded = await new SchemaRegistry({ host: url }).decode(encoded);
      return { id, againId: again.id, latestId, fetchedName: fetched.name, hex: encoded.toString('hex'), decoded };
    }
    case 'register':
      return { id: (await registry.register({ type: SchemaType.AVRO, schema: request.schema }, { subject: request.subject })).id };
    case 'encode':
      return { hex: (await registry.encode(request.id, request.record)).toString('hex') };
    case 'decode':
      return { decoded: await registry.decode(Buffer.from(request.hex, 'hex')) };
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().then(
  (answer) => process.stdout.write(JSON.stringify(answer)),
  (error) => { process.stderr.write(`${error.stack || error}\n`); process.exit(1); });
