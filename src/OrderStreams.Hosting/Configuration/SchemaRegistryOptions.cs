using System.ComponentModel.DataAnnotations;

namespace OrderStreams.Hosting.Configuration;

/// <summary>How to reach the Confluent-compatible schema registry (section <c>SchemaRegistry</c>).</summary>
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
}
