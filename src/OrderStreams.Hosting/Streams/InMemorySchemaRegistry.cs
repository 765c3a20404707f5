using System.Collections.Concurrent;
using System.Net;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Client;

namespace OrderStreams.Hosting.Streams;

/// <summary>
/// A schema registry in memory, for topology tests and tools that need no shared registry: ids count from 1, the same
/// schema text gets the same id in every subject.
/// </summary>
public sealed class InMemorySchemaRegistry : ISchemaRegistry
{
    private readonly ConcurrentDictionary<string, int> idsBySchema = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> schemasById = new();
    private readonly Lock gate = new();

    public Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!idsBySchema.TryGetValue(schemaJson, out var id))
            {
                id = schemasById.Count + 1;
                schemasById[id] = schemaJson;
                idsBySchema[schemaJson] = id;
            }
            return Task.FromResult(id);
        }
    }

    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default) =>
        schemasById.TryGetValue(id, out var schema)
            ? Task.FromResult(schema)
            : Task.FromException<string>(new SchemaRegistryException($"GET /schemas/ids/{id}", HttpStatusCode.NotFound, SchemaRegistryErrorCodes.SchemaNotFound, $"Schema {id} not found."));
}
