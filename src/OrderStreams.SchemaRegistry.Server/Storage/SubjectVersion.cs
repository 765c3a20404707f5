namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>Where a schema id is used: an item of <c>GET /schemas/ids/{id}/versions</c>.</summary>
internal sealed record SubjectVersion(string Subject, int Version);
