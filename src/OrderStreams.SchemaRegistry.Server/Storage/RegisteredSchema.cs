namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>One version of a subject: the body of <c>GET /subjects/{s}/versions/{v}</c>, lookups and registrations.</summary>
internal sealed record RegisteredSchema(string Subject, int Id, int Version, string Schema, string Guid, SchemaMetadata? Metadata);
