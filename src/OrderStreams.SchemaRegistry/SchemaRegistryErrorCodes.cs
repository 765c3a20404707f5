namespace OrderStreams.SchemaRegistry;

/// <summary>The <c>error_code</c> values of the Confluent Schema Registry REST API that this project produces or handles.</summary>
public static class SchemaRegistryErrorCodes
{
    public const int SubjectNotFound = 40401;
    public const int VersionNotFound = 40402;
    public const int SchemaNotFound = 40403;
    public const int SubjectSoftDeleted = 40404;
    public const int SubjectNotSoftDeleted = 40405;
    public const int SchemaVersionSoftDeleted = 40406;
    public const int SchemaVersionNotSoftDeleted = 40407;
    public const int SubjectLevelCompatibilityNotConfigured = 40408;
    public const int SubjectLevelModeNotConfigured = 40409;
    public const int AssociationNotFound = 40410;
    /// <summary>With HTTP 409, as Confluent Platform 8.0.4+, 8.1.2+ and 8.2+ answer; earlier releases put 409 here too.</summary>
    public const int IncompatibleSchema = 40901;
    public const int InvalidSchema = 42201;
    public const int InvalidVersion = 42202;
    public const int InvalidCompatibilityLevel = 42203;
    public const int InvalidMode = 42204;
    public const int OperationNotPermitted = 42205;
    public const int StoreError = 50001;
}
