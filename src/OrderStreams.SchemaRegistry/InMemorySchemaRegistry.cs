using System.Net;
using Confluent.SchemaRegistry;

namespace OrderStreams.SchemaRegistry;

/// <summary>
/// A schema registry in memory behind Confluent's <see cref="ISchemaRegistryClient"/>, for topology tests and tools that
/// need no shared registry (the runtime bench and its Streamiz peer run on it), so Confluent's serdes and ours both run
/// on it: ids count from 1, the same schema text gets the same id in every subject, no compatibility is checked and no
/// subject is associated with a topic. What a registry of that kind cannot answer (compatibility levels, guids,
/// metadata, associations) throws <see cref="NotSupportedException"/>.
/// </summary>
public sealed class InMemorySchemaRegistry : ISchemaRegistryClient
{
    private readonly Dictionary<string, int> idsBySchema = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> schemasById = [];
    private readonly Dictionary<string, List<int>> versionsBySubject = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public IEnumerable<KeyValuePair<string, string>> Config => [];

    public IAuthenticationHeaderValueProvider AuthHeaderProvider => null!;

    public IWebProxy Proxy => null!;

    public int MaxCachedSchemas => int.MaxValue;

    public Task<int> RegisterSchemaAsync(string subject, Schema schema, bool normalize = false) =>
        Task.FromResult(Register(subject, schema.SchemaString).Id);

    [Obsolete("Superseded by RegisterSchemaAsync(string, Schema, bool)")]
    public Task<int> RegisterSchemaAsync(string subject, string avroSchema, bool normalize = false) =>
        RegisterSchemaAsync(subject, new Schema(avroSchema, SchemaType.Avro), normalize);

    public Task<RegisteredSchema> RegisterSchemaWithResponseAsync(string subject, Schema schema, bool normalize = false) =>
        Task.FromResult(Register(subject, schema.SchemaString));

    public Task<int> GetSchemaIdAsync(string subject, Schema schema, bool normalize = false) =>
        Task.FromResult(Lookup(subject, schema.SchemaString).Id);

    [Obsolete("Superseded by GetSchemaIdAsync(string, Schema, bool)")]
    public Task<int> GetSchemaIdAsync(string subject, string avroSchema, bool normalize = false) =>
        GetSchemaIdAsync(subject, new Schema(avroSchema, SchemaType.Avro), normalize);

    public Task<Schema> GetSchemaAsync(int id, string? format = null)
    {
        lock (gate)
        {
            return schemasById.TryGetValue(id, out var schema)
                ? Task.FromResult(new Schema(schema, SchemaType.Avro))
                : Task.FromException<Schema>(NotFound(SchemaRegistryErrorCodes.SchemaNotFound, $"Schema {id} not found."));
        }
    }

    public Task<Schema> GetSchemaBySubjectAndIdAsync(string subject, int id, string? format = null) => GetSchemaAsync(id, format);

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, Schema schema, bool ignoreDeletedSchemas, bool normalize = false) =>
        Task.FromResult(Lookup(subject, schema.SchemaString));

    public Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, bool ignoreDeletedSchemas = true)
    {
        lock (gate)
        {
            var versions = Versions(subject);
            return version >= 1 && version <= versions.Count
                ? Task.FromResult(Registered(subject, version, versions[version - 1]))
                : Task.FromException<RegisteredSchema>(NotFound(SchemaRegistryErrorCodes.VersionNotFound, $"Version {version} not found."));
        }
    }

    [Obsolete("Superseded by GetRegisteredSchemaAsync(string subject, int version).")]
    public async Task<string> GetSchemaAsync(string subject, int version) =>
        (await GetRegisteredSchemaAsync(subject, version)).SchemaString;

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject)
    {
        lock (gate)
        {
            var versions = Versions(subject);
            return Task.FromResult(Registered(subject, versions.Count, versions[^1]));
        }
    }

    public Task<List<string>> GetAllSubjectsAsync()
    {
        lock (gate)
        {
            return Task.FromResult(versionsBySubject.Keys.Order(StringComparer.Ordinal).ToList());
        }
    }

    public Task<List<int>> GetSubjectVersionsAsync(string subject)
    {
        lock (gate)
        {
            return Task.FromResult(Enumerable.Range(1, Versions(subject).Count).ToList());
        }
    }

    /// <summary>No subject is associated with a topic here, so serdes use their subject name strategy.</summary>
    public Task<List<Association>> GetAssociationsByResourceNameAsync(
        string resourceName, string resourceNamespace, string resourceType, List<string> associationTypes, string lifecycle,
        int offset, int limit) =>
        Task.FromResult(new List<Association>());

    [Obsolete("SubjectNameStrategy should now be specified via serializer configuration.")]
    public string ConstructKeySubjectName(string topic, string? recordType = null) => $"{topic}-key";

    [Obsolete("SubjectNameStrategy should now be specified via serializer configuration.")]
    public string ConstructValueSubjectName(string topic, string? recordType = null) => $"{topic}-value";

    public void ClearLatestCaches()
    {
    }

    public void ClearCaches()
    {
    }

    public void Dispose()
    {
    }

    public Task<Schema> GetSchemaByGuidAsync(string guid, string? format = null) => throw Unsupported("schema guids");

    public Task<RegisteredSchema> GetLatestWithMetadataAsync(
        string subject, IDictionary<string, string> metadata, bool ignoreDeletedSchemas) =>
        throw Unsupported("schema metadata");

    [Obsolete("Superseded by IsCompatibleAsync(string, Schema)")]
    public Task<bool> IsCompatibleAsync(string subject, string avroSchema) => throw Unsupported("compatibility checks");

    public Task<bool> IsCompatibleAsync(string subject, Schema schema) => throw Unsupported("compatibility checks");

    public Task<Compatibility> GetCompatibilityAsync(string? subject = null) => throw Unsupported("compatibility levels");

    public Task<Compatibility> UpdateCompatibilityAsync(Compatibility compatibility, string? subject = null) =>
        throw Unsupported("compatibility levels");

    public Task<AssociationResponse> CreateAssociationAsync(AssociationCreateOrUpdateRequest request) => throw Unsupported("associations");

    public Task DeleteAssociationsAsync(string resourceId, string resourceType, List<string> associationTypes, bool cascadeLifecycle) =>
        throw Unsupported("associations");

    private RegisteredSchema Register(string subject, string schema)
    {
        lock (gate)
        {
            if (!idsBySchema.TryGetValue(schema, out var id))
            {
                id = schemasById.Count + 1;
                schemasById[id] = schema;
                idsBySchema[schema] = id;
            }

            if (!versionsBySubject.TryGetValue(subject, out var versions))
                versionsBySubject[subject] = versions = [];
            if (!versions.Contains(id))
                versions.Add(id);
            return Registered(subject, versions.IndexOf(id) + 1, id);
        }
    }

    private RegisteredSchema Lookup(string subject, string schema)
    {
        lock (gate)
        {
            var versions = Versions(subject);
            return idsBySchema.TryGetValue(schema, out var id) && versions.Contains(id)
                ? Registered(subject, versions.IndexOf(id) + 1, id)
                : throw NotFound(SchemaRegistryErrorCodes.SchemaNotFound, $"Schema not found under subject '{subject}'.");
        }
    }

    private List<int> Versions(string subject) =>
        versionsBySubject.TryGetValue(subject, out var versions)
            ? versions
            : throw NotFound(SchemaRegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found.");

    private RegisteredSchema Registered(string subject, int version, int id) =>
        new(subject, version, id, schemasById[id], SchemaType.Avro, []);

    private static SchemaRegistryException NotFound(int errorCode, string message) => new(message, HttpStatusCode.NotFound, errorCode);

    private static NotSupportedException Unsupported(string what) =>
        new($"The in-memory schema registry has no {what}; use the embedded registry (OrderStreams.SchemaRegistry.Server).");
}
