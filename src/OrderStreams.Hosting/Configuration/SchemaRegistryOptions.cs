using System.ComponentModel.DataAnnotations;
using OrderStreams.SchemaRegistry;

namespace OrderStreams.Hosting.Configuration;

/// <summary>
/// How to reach the Confluent-compatible schema registry (section <c>SchemaRegistry</c>); passed to Confluent.SchemaRegistry's
/// client, whose defaults apply to what is unset.
/// </summary>
public sealed class SchemaRegistryOptions
{
    public const string Section = "SchemaRegistry";

    /// <summary>Base URL, e.g. <c>http://localhost:8081</c>.</summary>
    [Required(ErrorMessage = "SchemaRegistry:Url (environment variable SchemaRegistry__Url) is required, e.g. http://localhost:8081.")]
    [Url(ErrorMessage = "SchemaRegistry:Url (environment variable SchemaRegistry__Url) must be an http(s) URL.")]
    public string Url { get; init; } = "";

    /// <summary><c>user:password</c> for HTTP basic authentication (Confluent's <c>basic.auth.user.info</c>); none when unset.</summary>
    [RegularExpression("^[^:]+:.*$", ErrorMessage = "SchemaRegistry:BasicAuthUserInfo (environment variable SchemaRegistry__BasicAuthUserInfo) must be user:password.")]
    public string? BasicAuthUserInfo { get; init; }

    /// <summary>Per-request timeout in milliseconds (<c>schema.registry.request.timeout.ms</c>, Confluent's default 30000).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "SchemaRegistry:RequestTimeoutMs (environment variable SchemaRegistry__RequestTimeoutMs) must be positive.")]
    public int? RequestTimeoutMs { get; init; }

    /// <summary>Retries of a failed request (<c>schema.registry.max.retries</c>, Confluent's default 3).</summary>
    [Range(0, int.MaxValue, ErrorMessage = "SchemaRegistry:MaxRetries (environment variable SchemaRegistry__MaxRetries) must be 0 or more.")]
    public int? MaxRetries { get; init; }

    /// <summary>A CA certificate (PEM) to trust for an https registry (<c>schema.registry.ssl.ca.location</c>).</summary>
    public string? SslCaLocation { get; init; }

    /// <summary>A PKCS#12 client certificate for mutual TLS (<c>schema.registry.ssl.keystore.location</c>).</summary>
    public string? SslKeystoreLocation { get; init; }

    /// <summary>The client certificate's password (<c>schema.registry.ssl.keystore.password</c>).</summary>
    public string? SslKeystorePassword { get; init; }

    /// <summary>False skips verifying the registry's certificate (<c>enable.ssl.certificate.verification</c>); for tests only.</summary>
    public bool? EnableSslCertificateVerification { get; init; }

    public SchemaRegistrySettings ToSettings() => new()
    {
        Url = Url,
        BasicAuthUserInfo = BasicAuthUserInfo,
        RequestTimeoutMs = RequestTimeoutMs,
        MaxRetries = MaxRetries,
        SslCaLocation = SslCaLocation,
        SslKeystoreLocation = SslKeystoreLocation,
        SslKeystorePassword = SslKeystorePassword,
        EnableSslCertificateVerification = EnableSslCertificateVerification,
    };
}
