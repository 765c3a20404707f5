namespace OrderStreams.SchemaRegistry.Serdes;

/// <summary>Which registry subject a topic's key or value schema is registered under.</summary>
public interface ISubjectNameStrategy
{
    /// <param name="topic">The topic the record is produced to.</param>
    /// <param name="isKey">True for the key's schema, false for the value's.</param>
    /// <param name="recordFullName">The full name of the schema's record (<c>com.orderstreams.events.OrderPlaced</c>), or null for a non-record schema.</param>
    string SubjectFor(string topic, bool isKey, string? recordFullName);
}
