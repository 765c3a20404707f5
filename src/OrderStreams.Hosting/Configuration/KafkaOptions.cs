using System.ComponentModel.DataAnnotations;

namespace OrderStreams.Hosting.Configuration;

/// <summary>
/// How to reach the Kafka cluster (section <c>Kafka</c>, environment variables <c>Kafka__BootstrapServers</c>, …).
/// <see cref="ClientSettings"/> turns it into librdkafka settings for Confluent.Kafka clients.
/// </summary>
public sealed class KafkaOptions : IValidatableObject
{
    public const string Section = "Kafka";

    /// <summary>The key the embedded broker's control endpoint goes by in client settings (<c>orderstreams broker</c> prints it).</summary>
    public const string EmbeddedAdminUrlKey = "embedded.admin.url";

    private static readonly string[] SecurityProtocols = ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"];
    private static readonly string[] SaslMechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI"];

    private static readonly (string Key, string Property, Func<KafkaOptions, string?> Read)[] TypedSettings =
    [
        ("bootstrap.servers", nameof(BootstrapServers), o => o.BootstrapServers),
        ("security.protocol", nameof(SecurityProtocol), o => o.SecurityProtocol?.ToLowerInvariant()),
        ("sasl.mechanism", nameof(SaslMechanism), o => o.SaslMechanism?.ToUpperInvariant()),
        ("sasl.username", nameof(SaslUsername), o => o.SaslUsername),
        ("sasl.password", nameof(SaslPassword), o => o.SaslPassword),
        ("ssl.ca.location", nameof(SslCaLocation), o => o.SslCaLocation),
    ];

    /// <summary><c>bootstrap.servers</c>: comma-separated <c>host:port</c> list.</summary>
    [Required(ErrorMessage = "Kafka:BootstrapServers (environment variable Kafka__BootstrapServers) is required, e.g. localhost:9092.")]
    public string BootstrapServers { get; init; } = "";

    /// <summary><c>security.protocol</c>: plaintext, ssl, sasl_plaintext or sasl_ssl; librdkafka's default (plaintext) when unset.</summary>
    public string? SecurityProtocol { get; init; }

    /// <summary><c>sasl.mechanism</c>: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or GSSAPI.</summary>
    public string? SaslMechanism { get; init; }

    public string? SaslUsername { get; init; }

    public string? SaslPassword { get; init; }

    /// <summary><c>ssl.ca.location</c>: path of the CA certificate(s) that signed the brokers' certificates.</summary>
    public string? SslCaLocation { get; init; }

    /// <summary>
    /// The embedded broker's control endpoint (<see cref="EmbeddedAdminUrlKey"/>), through which topics are created
    /// because the embedded broker has no CreateTopics API. Unset against a real cluster. Not a librdkafka setting,
    /// so it is not part of <see cref="ClientSettings"/>.
    /// </summary>
    [Url(ErrorMessage = "Kafka:EmbeddedAdminUrl (environment variable Kafka__EmbeddedAdminUrl) must be an http(s) URL.")]
    public string? EmbeddedAdminUrl { get; init; }

    /// <summary>Any other librdkafka settings by their librdkafka name (<c>Kafka:Settings:linger.ms</c>), passed through unchanged.</summary>
    public Dictionary<string, string> Settings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>librdkafka settings for the service's producers only (<c>Kafka:ProducerSettings:linger.ms</c>), over <see cref="Settings"/>.</summary>
    public Dictionary<string, string> ProducerSettings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>librdkafka settings for the service's consumers only (<c>Kafka:ConsumerSettings:fetch.wait.max.ms</c>), over <see cref="Settings"/>.</summary>
    public Dictionary<string, string> ConsumerSettings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The librdkafka settings every client shares: the typed ones that are set, then <see cref="Settings"/>.</summary>
    public IEnumerable<KeyValuePair<string, string>> ClientSettings()
    {
        foreach (var (key, _, read) in TypedSettings)
        {
            if (read(this) is { } value)
                yield return new(key, value);
        }

        foreach (var setting in Settings)
            yield return setting;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SecurityProtocol is { } protocol && !SecurityProtocols.Contains(protocol, StringComparer.OrdinalIgnoreCase))
            yield return Invalid(nameof(SecurityProtocol), $"is '{protocol}'; expected one of {string.Join(", ", SecurityProtocols)}");
        if (SaslMechanism is { } mechanism && !SaslMechanisms.Contains(mechanism, StringComparer.OrdinalIgnoreCase))
            yield return Invalid(nameof(SaslMechanism), $"is '{mechanism}'; expected one of {string.Join(", ", SaslMechanisms)}");
        if (SaslUsername is not null && SaslPassword is null)
            yield return Invalid(nameof(SaslPassword), "is required when Kafka:SaslUsername is set");
        foreach (var (section, settings) in new[] { (nameof(Settings), Settings), (nameof(ProducerSettings), ProducerSettings), (nameof(ConsumerSettings), ConsumerSettings) })
        {
            foreach (var (key, property) in TypedSettings.Select(t => (t.Key, t.Property)).Append((EmbeddedAdminUrlKey, nameof(EmbeddedAdminUrl))))
            {
                if (settings.ContainsKey(key))
                    yield return new ValidationResult(
                        $"Kafka:{section}:{key} duplicates Kafka:{property} (environment variable Kafka__{property}); set only the latter.",
                        [section]);
            }
        }
    }

    private static ValidationResult Invalid(string property, string problem) =>
        new($"Kafka:{property} (environment variable Kafka__{property}) {problem}.", [property]);
}
