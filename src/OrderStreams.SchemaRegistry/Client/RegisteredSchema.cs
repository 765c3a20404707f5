namespace OrderStreams.SchemaRegistry.Client;

/// <summary>One version of a subject: the body of <c>GET /subjects/{s}/versions/{v}</c> and <c>POST /subjects/{s}</c>.</summary>
public sealed record RegisteredSchema(string Subject, int Id, int Version, string Schema);
