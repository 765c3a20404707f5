namespace OrderStreams.SchemaRegistry;
/// <summary>The registry operations the serdes need; implemented by the REST client (with caching) and by in-memory fakes in tests.</summary>
public interface ISchemaRegistry
{
    /// <summary>Registers (or finds) the schema under the subject and returns its global id.</summary>
    Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken cancellationToken = default);
    /// <summary>The schema text with this global id.</summary>
    Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default);
}
