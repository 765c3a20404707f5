using System.Collections.Concurrent;
using Confluent.SchemaRegistry;
using OrderStreams.Avro;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>
/// Per schema id, something built once from the writer schema (a decoding plan). A fetch in flight is shared by
/// concurrent callers; a failed fetch is forgotten so the next record retries.
/// </summary>
internal sealed class WriterSchemaCache<TPlan>(ISchemaRegistryClient registry, Func<AvroSchema, TPlan> build)
    where TPlan : class
{
    private readonly ConcurrentDictionary<int, Task<TPlan>> _plans = new();

    /// <summary>The plan when it is already built: the hot path, which never waits.</summary>
    public TPlan? TryGet(int schemaId) =>
        _plans.TryGetValue(schemaId, out var task) && task.IsCompletedSuccessfully ? task.Result : null;

    public async Task<TPlan> GetAsync(int schemaId, string topic)
    {
        var task = _plans.GetOrAdd(schemaId, Fetch);
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _plans.TryRemove(new KeyValuePair<int, Task<TPlan>>(schemaId, task));
            var kind = e is AvroException || (e is SchemaRegistryException { ErrorCode: SchemaRegistryErrorCodes.SchemaNotFound })
                ? AvroSerdeErrorKind.UnknownSchemaId
                : AvroSerdeErrorKind.RegistryUnavailable;
            throw new AvroSerdeException(kind, $"Cannot get the writer schema: {e.Message}", topic, schemaId, e);
        }
    }

    /// <summary>For synchronous Kafka deserializers: blocks only the first time an id is seen.</summary>
    public TPlan Get(int schemaId, string topic) =>
        TryGet(schemaId) ?? GetAsync(schemaId, topic).ConfigureAwait(false).GetAwaiter().GetResult();

    private async Task<TPlan> Fetch(int schemaId)
    {
        var schema = await registry.GetSchemaAsync(schemaId).ConfigureAwait(false);
        return build(AvroSchema.Parse(schema.SchemaString, $"schema {schemaId}"));
    }
}
