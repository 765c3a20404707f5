using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Hosting.Streams;

/// <summary>UTF-8 JSON through source-generated metadata, for a service's own state records (never for topics others read).</summary>
public sealed class JsonSerde<T>(JsonTypeInfo<T> typeInfo) : ISerde<T>
{
    public byte[] Serialize(T value, SerdeContext context) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    public T Deserialize(ReadOnlySpan<byte> data, SerdeContext context) =>
        JsonSerializer.Deserialize(data, typeInfo) ?? throw new JsonException($"A JSON null where a {typeof(T).Name} was expected (topic '{context.Topic}').");
}
