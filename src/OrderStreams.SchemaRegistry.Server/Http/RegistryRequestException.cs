namespace OrderStreams.SchemaRegistry.Server.Http;

/// <summary>A request the registry refuses, carried to the HTTP layer as status + Confluent error code + message.</summary>
internal sealed class RegistryRequestException(int status, int errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;

    public int ErrorCode { get; } = errorCode;

    public static RegistryRequestException SubjectNotFound(string subject) =>
        new(404, SchemaRegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found.");

    public static RegistryRequestException VersionNotFound(string subject, int version) =>
        new(404, SchemaRegistryErrorCodes.VersionNotFound, $"Version {version} not found for subject '{subject}'.");

    /// <param name="what">The id, GUID or place looked in; null when no schema matched a query.</param>
    public static RegistryRequestException SchemaNotFound(string? what) =>
        new(404, SchemaRegistryErrorCodes.SchemaNotFound, what is null ? "Schema not found." : $"Schema {what} not found.");

    public static RegistryRequestException InvalidSchema(string reason) =>
        new(422, SchemaRegistryErrorCodes.InvalidSchema, $"Invalid schema: {reason}");

    public static RegistryRequestException InvalidVersion(string version) =>
        new(422, SchemaRegistryErrorCodes.InvalidVersion,
            $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\".");

    public static RegistryRequestException InvalidCompatibilityLevel(string? level) =>
        new(422, SchemaRegistryErrorCodes.InvalidCompatibilityLevel,
            $"Invalid compatibility level '{level}'. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.");

    public static RegistryRequestException Incompatible(string subject, IReadOnlyList<string> messages) =>
        new(409, SchemaRegistryErrorCodes.IncompatibleSchema,
            $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join("; ", messages)}]");
}
