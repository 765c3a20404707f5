using System.Collections.Concurrent;
using System.Net;
using Confluent.SchemaRegistry;

namespace OrderStreams.SchemaRegistry.Tests.Serdes;

/// <summary>
/// The in-memory registry of OrderStreams.SchemaRegistry with what the serde tests look at: the subjects registered, call
/// counts of the two calls the serdes make, and an injected failure.
/// </summary>
internal sealed class InMemorySchemaRegistry : ISchemaRegistryClient
{
    private readonly SchemaRegistry.InMemorySchemaRegistry inner = new();
    private readonly ConcurrentDictionary<string, List<int>> subjects = new();

    public int RegisterCalls;
    public int GetSchemaCalls;

    /// <summary>When set, the next call throws it (once).</summary>
    public Exception? FailNext { get; set; }

    public IReadOnlyDictionary<string, List<int>> Subjects => subjects;

    public IEnumerable<KeyValuePair<string, string>> Config => inner.Config;

    public IAuthenticationHeaderValueProvider AuthHeaderProvider => inner.AuthHeaderProvider;

    public IWebProxy Proxy => inner.Proxy;

    public int MaxCachedSchemas => inner.MaxCachedSchemas;

    public async Task<int> RegisterSchemaAsync(string subject, Schema schema, bool normalize = false)
    {
        Interlocked.Increment(ref RegisterCalls);
        ThrowIfFailing();
        var id = await inner.RegisterSchemaAsync(subject, schema, normalize);
        var versions = subjects.GetOrAdd(subject, _ => []);
        lock (versions)
        {
            if (!versions.Contains(id))
                versions.Add(id);
        }

        return id;
    }

    public Task<Schema> GetSchemaAsync(int id, string? format = null)
    {
        Interlocked.Increment(ref GetSchemaCalls);
        ThrowIfFailing();
        return inner.GetSchemaAsync(id, format);
    }

    [Obsolete("Superseded")]
    public Task<int> RegisterSchemaAsync(string subject, string avroSchema, bool normalize = false) =>
        RegisterSchemaAsync(subject, new Schema(avroSchema, SchemaType.Avro), normalize);

    public Task<RegisteredSchema> RegisterSchemaWithResponseAsync(string subject, Schema schema, bool normalize = false) =>
        inner.RegisterSchemaWithResponseAsync(subject, schema, normalize);

    [Obsolete("Superseded")]
    public Task<int> GetSchemaIdAsync(string subject, string avroSchema, bool normalize = false) =>
        GetSchemaIdAsync(subject, new Schema(avroSchema, SchemaType.Avro), normalize);

    public Task<int> GetSchemaIdAsync(string subject, Schema schema, bool normalize = false) => inner.GetSchemaIdAsync(subject, schema, normalize);

    public Task<Schema> GetSchemaBySubjectAndIdAsync(string subject, int id, string? format = null) => GetSchemaAsync(id, format);

    public Task<Schema> GetSchemaByGuidAsync(string guid, string? format = null) => inner.GetSchemaByGuidAsync(guid, format);

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, Schema schema, bool ignoreDeletedSchemas, bool normalize = false) =>
        inner.LookupSchemaAsync(subject, schema, ignoreDeletedSchemas, normalize);

    public Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, bool ignoreDeletedSchemas = true) =>
        inner.GetRegisteredSchemaAsync(subject, version, ignoreDeletedSchemas);

    [Obsolete("Superseded")]
    public Task<string> GetSchemaAsync(string subject, int version) => inner.GetSchemaAsync(subject, version);

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject) => inner.GetLatestSchemaAsync(subject);

    public Task<RegisteredSchema> GetLatestWithMetadataAsync(string subject, IDictionary<string, string> metadata, bool ignoreDeletedSchemas) =>
        inner.GetLatestWithMetadataAsync(subject, metadata, ignoreDeletedSchemas);

    public Task<List<string>> GetAllSubjectsAsync() => inner.GetAllSubjectsAsync();

    public Task<List<int>> GetSubjectVersionsAsync(string subject) => inner.GetSubjectVersionsAsync(subject);

    [Obsolete("Superseded")]
    public Task<bool> IsCompatibleAsync(string subject, string avroSchema) => inner.IsCompatibleAsync(subject, avroSchema);

    public Task<bool> IsCompatibleAsync(string subject, Schema schema) => inner.IsCompatibleAsync(subject, schema);

    [Obsolete("Superseded")]
    public string ConstructKeySubjectName(string topic, string? recordType = null) => inner.ConstructKeySubjectName(topic, recordType);

    [Obsolete("Superseded")]
    public string ConstructValueSubjectName(string topic, string? recordType = null) => inner.ConstructValueSubjectName(topic, recordType);

    public Task<Compatibility> GetCompatibilityAsync(string? subject = null) => inner.GetCompatibilityAsync(subject);

    public Task<Compatibility> UpdateCompatibilityAsync(Compatibility compatibility, string? subject = null) =>
        inner.UpdateCompatibilityAsync(compatibility, subject);

    public void ClearLatestCaches() => inner.ClearLatestCaches();

    public void ClearCaches() => inner.ClearCaches();

    public Task<List<Association>> GetAssociationsByResourceNameAsync(
        string resourceName, string resourceNamespace, string resourceType, List<string> associationTypes, string lifecycle, int offset, int limit) =>
        inner.GetAssociationsByResourceNameAsync(resourceName, resourceNamespace, resourceType, associationTypes, lifecycle, offset, limit);

    public Task<AssociationResponse> CreateAssociationAsync(AssociationCreateOrUpdateRequest request) => inner.CreateAssociationAsync(request);

    public Task DeleteAssociationsAsync(string resourceId, string resourceType, List<string> associationTypes, bool cascadeLifecycle) =>
        inner.DeleteAssociationsAsync(resourceId, resourceType, associationTypes, cascadeLifecycle);

    public void Dispose() => inner.Dispose();

    private void ThrowIfFailing()
    {
        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }
    }
}
