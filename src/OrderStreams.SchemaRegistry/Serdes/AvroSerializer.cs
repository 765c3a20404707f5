using System.Buffers;
using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Specific;

namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>
/// Serializes generated records in the Confluent wire format. The schema id is resolved once per subject
/// (registered on first use, or <see cref="AvroSerdeConfig.UseSchemaId"/>) and cached, so the hot path only encodes.
/// Usable as a Confluent.Kafka <see cref="ISerializer{T}"/> (blocks only on a subject's first record) or
/// <see cref="IAsyncSerializer{T}"/>. A null value serializes to null (a tombstone).
/// </summary>
public sealed class AvroSerializer<T> : ISerializer<T>, IAsyncSerializer<T>
    where T : class, IAvroRecord<T>
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    private readonly ISchemaRegistryClient _registry;
    private readonly AvroSerdeConfig _config;
    private readonly ConcurrentDictionary<string, Task<int>> _ids = new();
    private readonly ConcurrentDictionary<string, int> _valueIdsByTopic = new();
    private readonly ConcurrentDictionary<string, int> _keyIdsByTopic = new();
    private readonly string _schemaJson = T.Schema.ToJson();

    public AvroSerializer(ISchemaRegistryClient registry, AvroSerdeConfig? config = null)
    {
        _registry = registry;
        _config = config ?? new AvroSerdeConfig();
        if (!_config.AutoRegisterSchemas && _config.UseSchemaId is null)
            throw new ArgumentException("With auto-registration off, set UseSchemaId to the id of the pre-registered schema.", nameof(config));
    }

    public async Task<byte[]> SerializeAsync(T data, SerializationContext context) =>
        data is null ? null! : Encode(data, await SchemaIdAsync(context.Topic, context.Component == MessageComponentType.Key).ConfigureAwait(false));

    public byte[] Serialize(T data, SerializationContext context)
    {
        if (data is null)
            return null!;
        var isKey = context.Component == MessageComponentType.Key;
        var byTopic = isKey ? _keyIdsByTopic : _valueIdsByTopic;
        if (!byTopic.TryGetValue(context.Topic, out var id))
        {
            id = SchemaIdAsync(context.Topic, isKey).ConfigureAwait(false).GetAwaiter().GetResult();
            byTopic[context.Topic] = id;
        }

        return Encode(data, id);
    }

    /// <summary>Serializes a record value for <paramref name="topic"/>.</summary>
    public Task<byte[]> SerializeAsync(T data, string topic) => SerializeAsync(data, new SerializationContext(MessageComponentType.Value, topic));

    /// <summary>The schema id this serializer writes for the topic's value (or key), registering if needed.</summary>
    public async Task<int> SchemaIdAsync(string topic, bool isKey = false)
    {
        if (_config.UseSchemaId is { } fixedId)
            return fixedId;
        var subject = Subject(topic, isKey);
        var task = _ids.GetOrAdd(subject, RegisterAsync);
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _ids.TryRemove(new KeyValuePair<string, Task<int>>(subject, task));
            throw new AvroSerdeException(AvroSerdeErrorKind.RegistrationFailed, $"Cannot register the schema of {T.Schema.FullName} under subject '{subject}': {e.Message}", topic, null, e);
        }
    }

    private string Subject(string topic, bool isKey) => _config.SubjectNameStrategy.SubjectFor(topic, isKey, T.Schema.FullName);

    // Async wrapper so a registry that throws synchronously still yields a (faulted) task.
    private async Task<int> RegisterAsync(string subject) =>
        await _registry.RegisterSchemaAsync(subject, new Schema(_schemaJson, SchemaType.Avro)).ConfigureAwait(false);

    private static byte[] Encode(T data, int schemaId)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        WireFormat.WriteHeader(buffer.GetSpan(WireFormat.HeaderSize), schemaId);
        buffer.Advance(WireFormat.HeaderSize);
        var writer = new AvroWriter(buffer);
        data.Write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
