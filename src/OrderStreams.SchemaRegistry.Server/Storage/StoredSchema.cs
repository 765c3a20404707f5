namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>A schema under its global id: the parsed schema, its metadata and the GUID both derive.</summary>
internal sealed record StoredSchema(ParsedSchema Parsed, SchemaMetadata? Metadata, string Guid)
{
    public string Text => Parsed.Text;
}
