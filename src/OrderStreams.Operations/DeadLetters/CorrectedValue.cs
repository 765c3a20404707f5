using System.Buffers.Binary;
using Confluent.SchemaRegistry;
using OrderStreams.Avro;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Avro.Schemas;
using OrderStreams.Contracts;
using OrderStreams.SchemaRegistry;

namespace OrderStreams.Operations.DeadLetters;

/// <summary>A corrected value written by a person (Avro's JSON encoding) turned into what the topic carries.</summary>
public static class CorrectedValue
{
    /// <summary>
    /// Encodes <paramref name="json"/> with the latest schema of <c>&lt;topic&gt;-value</c> and frames it with that
    /// schema's id (Confluent wire format); when the registry has no such subject yet, with the schema the manifest
    /// names (<paramref name="manifestSchema"/>, a full name), registered as the services would.
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON does not fit the schema, or there is no schema to use.</exception>
    public static async Task<byte[]> FromJsonAsync(ISchemaRegistryClient registry, string topic, string json, string? manifestSchema, CancellationToken cancellationToken = default)
    {
        var subject = $"{topic}-value";
        int id;
        AvroSchema schema;
        try
        {
            var latest = await registry.GetLatestSchemaAsync(subject).WaitAsync(cancellationToken);
            (id, schema) = (latest.Id, AvroSchema.Parse(latest.SchemaString, subject));
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SubjectNotFound)
        {
            schema = AvroContracts.RecordSchemas.FirstOrDefault(s => s.FullName == manifestSchema)
                ?? throw new InvalidDataException($"The registry has no subject {subject} and the manifest names no known value schema for {topic}.", e);
            id = await registry.RegisterSchemaAsync(subject, new Schema(schema.ToJson(), SchemaType.Avro)).WaitAsync(cancellationToken);
        }

        byte[] body;
        try
        {
            body = new GenericDatumWriter(schema).Serialize(AvroJson.FromJson(json, schema));
        }
        catch (AvroException e)
        {
            throw new InvalidDataException($"The corrected value does not fit {schema.DisplayName} ({subject}): {e.Message}", e);
        }
        var framed = new byte[5 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), id);
        body.CopyTo(framed, 5);
        return framed;
    }
}
