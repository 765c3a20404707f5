using System.CommandLine;
using OrderStreams.Cli.Platform;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// The options every command that talks to Kafka takes: bootstrap servers and the usual security settings, and the
/// schema registry. Without <c>--bootstrap-servers</c> they default to the running <c>orderstreams dev</c> platform.
/// </summary>
internal sealed class KafkaConnectionOptions
{
    private readonly Option<string?> bootstrap = new("--bootstrap-servers") { Description = "Kafka bootstrap servers (default: the running dev platform)." };
    private readonly Option<string?> securityProtocol = new("--security-protocol") { Description = "plaintext, ssl, sasl_plaintext or sasl_ssl." };
    private readonly Option<string?> saslMechanism = new("--sasl-mechanism") { Description = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512." };
    private readonly Option<string?> saslUsername = new("--sasl-username");
    private readonly Option<string?> saslPassword = new("--sasl-password") { Description = "Or set KAFKA_SASL_PASSWORD." };
    private readonly Option<string?> registry = new("--schema-registry-url") { Description = "Schema registry (default: the running dev platform's)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { bootstrap, securityProtocol, saslMechanism, saslUsername, saslPassword, registry }) command.Add(option);
    }

    /// <summary>librdkafka settings for the chosen cluster.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="platformBootstrapServers">The cluster of a dev platform chosen otherwise (<c>--platform-url</c>), used when no <c>--bootstrap-servers</c> is given.</param>
    /// <exception cref="InvalidDataException">No cluster given and no dev platform running.</exception>
    public Dictionary<string, string> KafkaSettings(ParseResult parse, string? platformBootstrapServers = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = parse.GetValue(bootstrap) ?? platformBootstrapServers ?? RunningPlatform().GetValueOrDefault("bootstrap.servers")
                ?? throw new InvalidDataException("No cluster: pass --bootstrap-servers, or start the dev platform (./orderstreams.sh dev)."),
        };
        Set(settings, "security.protocol", parse.GetValue(securityProtocol));
        Set(settings, "sasl.mechanism", parse.GetValue(saslMechanism));
        Set(settings, "sasl.username", parse.GetValue(saslUsername));
        Set(settings, "sasl.password", parse.GetValue(saslPassword) ?? Environment.GetEnvironmentVariable("KAFKA_SASL_PASSWORD"));
        return settings;
    }

    public string? SchemaRegistryUrl(ParseResult parse) => parse.GetValue(registry) ?? RunningPlatform().GetValueOrDefault("schema.registry.url");

    private static IReadOnlyDictionary<string, string> RunningPlatform()
    {
        try
        {
            return ConnectionFile.Read(Checkout.DevStateDirectory());
        }
        catch (FileNotFoundException)
        {
            return new Dictionary<string, string>();
        }
    }

    private static void Set(Dictionary<string, string> settings, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) settings[key] = value;
    }
}
