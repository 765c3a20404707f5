using System.Collections.Concurrent;
using System.Net;
using OrderStreams.Avro.Schemas;
using OrderStreams.SchemaRegistry.Client;

namespace OrderStreams.SchemaRegistry.Tests.Serdes;

/// <summary>An <see cref="ISchemaRegistry"/> fake: global ids per distinct schema, call counts, and injected failures.</summary>
internal sealed class InMemorySchemaRegistry : ISchemaRegistry
{
    private readonly ConcurrentDictionary<string, int> _idsByCanonicalForm = new();
    private readonly ConcurrentDictionary<int, string> _schemas = new();
    private readonly ConcurrentDictionary<string, List<int>> _subjects = new();
    private int _nextId = 100;

    public int RegisterCalls;
    public int GetSchemaCalls;

    /// <summary>When set, the next call throws it (once).</summary>
    public Exception? FailNext { get; set; }

    public IReadOnlyDictionary<string, List<int>> Subjects => _subjects;

    public Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref RegisterCalls);
        ThrowIfFailing();
        var id = _idsByCanonicalForm.GetOrAdd(AvroSchema.Parse(schemaJson).CanonicalForm, _ => Interlocked.Increment(ref _nextId));
        _schemas.TryAdd(id, schemaJson);
        var versions = _subjects.GetOrAdd(subject, _ => []);
        lock (versions)
        {
            if (!versions.Contains(id))
                versions.Add(id);
        }

        return Task.FromResult(id);
    }

    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref GetSchemaCalls);
        ThrowIfFailing();
        return _schemas.TryGetValue(id, out var json)
            ? Task.FromResult(json)
            : Task.FromException<string>(new SchemaRegistryException($"GET /schemas/ids/{id}", HttpStatusCode.NotFound, SchemaRegistryErrorCodes.SchemaNotFound, "Schema not found"));
    }

    private void ThrowIfFailing()
    {
        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }
    }
}
