namespace OrderStreams.SchemaRegistry.Client;

/// <summary>Where a schema id is used: an item of <c>GET /schemas/ids/{id}/versions</c>.</summary>
public sealed record SubjectVersion(string Subject, int Version);
