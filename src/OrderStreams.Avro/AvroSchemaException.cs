namespace OrderStreams.Avro;

/// <summary>
/// A schema that cannot be parsed or is invalid. The message reads
/// <c>source: $.json.path: reason</c>, e.g. <c>OrderPlaced.avsc: $.fields[3].type: unknown type 'Money'</c>.
/// </summary>
public sealed class AvroSchemaException : AvroException
{
    public AvroSchemaException(string reason, string? sourceName = null, string? jsonPath = null, Exception? innerException = null)
        : base(Format(reason, sourceName, jsonPath), innerException)
    {
        Reason = reason;
        SourceName = sourceName;
        JsonPath = jsonPath;
    }

    /// <summary>The problem itself, without the source and path.</summary>
    public string Reason { get; }

    /// <summary>The file or subject the schema came from, when known.</summary>
    public string? SourceName { get; }

    /// <summary>Where in the schema JSON the problem is, e.g. <c>$.fields[3].type</c>.</summary>
    public string? JsonPath { get; }

    private static string Format(string reason, string? sourceName, string? jsonPath)
    {
        var prefix = (sourceName, jsonPath) switch
        {
            (null, null) => "",
            (null, _) => jsonPath + ": ",
            (_, null) => sourceName + ": ",
            _ => sourceName + ": " + jsonPath + ": ",
        };
        return prefix + reason;
    }
}
