namespace OrderStreams.SchemaRegistry.Client;

/// <summary>Where the registry is and how to talk to it; keys as Confluent clients name them where one exists.</summary>
public sealed record SchemaRegistryClientConfig
{
    /// <summary><c>schema.registry.url</c>: the registry's base URL.</summary>
    public required string Url { get; init; }

    /// <summary><c>schema.registry.basic.auth.user.info</c>: <c>user:password</c> for HTTP basic authentication, or null for none.</summary>
    public string? BasicAuthUserInfo { get; init; }

    /// <summary>Retries after a 5xx answer or a connection failure (so at most this plus one attempts).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay; each later one doubles it (with jitter), up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
