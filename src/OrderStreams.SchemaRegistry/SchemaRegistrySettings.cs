using Confluent.SchemaRegistry;

namespace OrderStreams.SchemaRegistry;

/// <summary>
/// How services and tools reach a schema registry, passed through to Confluent.SchemaRegistry's client (the one
/// registry client of OrderStreams). Unset values keep Confluent's defaults.
/// </summary>
public sealed record SchemaRegistrySettings
{
    /// <summary><c>schema.registry.url</c>: one URL, or several separated by commas.</summary>
    public required string Url { get; init; }

    /// <summary><c>basic.auth.user.info</c>: <c>user:password</c> for HTTP basic authentication.</summary>
    public string? BasicAuthUserInfo { get; init; }

    /// <summary><c>schema.registry.request.timeout.ms</c>.</summary>
    public int? RequestTimeoutMs { get; init; }

    /// <summary><c>schema.registry.max.retries</c>.</summary>
    public int? MaxRetries { get; init; }

    /// <summary><c>schema.registry.ssl.ca.location</c>: a CA certificate (PEM) to trust for an https registry.</summary>
    public string? SslCaLocation { get; init; }

    /// <summary><c>schema.registry.ssl.keystore.location</c>: a PKCS#12 client certificate.</summary>
    public string? SslKeystoreLocation { get; init; }

    /// <summary><c>schema.registry.ssl.keystore.password</c>.</summary>
    public string? SslKeystorePassword { get; init; }

    /// <summary><c>enable.ssl.certificate.verification</c>; on unless set to false.</summary>
    public bool? EnableSslCertificateVerification { get; init; }

    public SchemaRegistryConfig ToConfluentConfig() => new()
    {
        Url = Url,
        BasicAuthCredentialsSource = BasicAuthUserInfo is null ? null : AuthCredentialsSource.UserInfo,
        BasicAuthUserInfo = BasicAuthUserInfo,
        RequestTimeoutMs = RequestTimeoutMs,
        MaxRetries = MaxRetries,
        SslCaLocation = SslCaLocation,
        SslKeystoreLocation = SslKeystoreLocation,
        SslKeystorePassword = SslKeystorePassword,
        EnableSslCertificateVerification = EnableSslCertificateVerification,
    };

    public ISchemaRegistryClient CreateClient() => new CachedSchemaRegistryClient(ToConfluentConfig());
}
