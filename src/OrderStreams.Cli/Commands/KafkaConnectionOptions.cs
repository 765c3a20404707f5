using System.CommandLine;
using Confluent.SchemaRegistry;
using OrderStreams.Platform;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;
using OrderStreams.SchemaRegistry;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// The options every command that talks to Kafka takes: bootstrap servers and the usual security settings, and the
/// schema registry. Without <c>--bootstrap-servers</c> they default to the running <c>orderstreams dev</c> platform.
/// </summary>
internal sealed class KafkaConnectionOptions
{
    private readonly Option<string?> bootstrap = new("--bootstrap-servers") { Description = "Kafka bootstrap servers (default: the running dev platform)." };
    private readonly Option<FileInfo?> commandConfig = new("--command-config") { Description = "A properties file of librdkafka client settings (key=value lines), as Kafka's own tools take." };
    private readonly Option<string?> securityProtocol = new("--security-protocol") { Description = "plaintext, ssl, sasl_plaintext or sasl_ssl." };
    private readonly Option<string?> saslMechanism = new("--sasl-mechanism") { Description = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512." };
    private readonly Option<string?> saslUsername = new("--sasl-username");
    private readonly Option<string?> saslPassword = new("--sasl-password") { Description = "Or set KAFKA_SASL_PASSWORD." };
    private readonly Option<string?> sslCaLocation = new("--ssl-ca-location") { Description = "CA certificate(s) to verify the brokers with (PEM file)." };
    private readonly Option<string?> embeddedAdmin = new("--embedded-admin-url") { Description = "The embedded broker's control endpoint, which creates its topics (default: the running dev platform's, when talking to it)." };
    private readonly Option<string?> registry = new("--schema-registry-url") { Description = "Schema registry (default: the running dev platform's)." };
    private readonly Option<string?> registryAuth = new("--schema-registry-basic-auth") { Description = "user:password for the schema registry, or set SCHEMA_REGISTRY_BASIC_AUTH." };

    public void AddTo(Command command)
    {
        Option[] all = [bootstrap, commandConfig, securityProtocol, saslMechanism, saslUsername, saslPassword, sslCaLocation, embeddedAdmin, registry, registryAuth];
        foreach (var option in all) command.Add(option);
    }

    /// <summary>librdkafka settings for the chosen cluster.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="platformBootstrapServers">The cluster of a dev platform chosen otherwise (<c>--platform-url</c>), used when neither <c>--bootstrap-servers</c> nor <c>--command-config</c> names one.</param>
    /// <exception cref="InvalidDataException">No cluster given and no dev platform running, or an unreadable --command-config.</exception>
    public Dictionary<string, string> KafkaSettings(ParseResult parse, string? platformBootstrapServers = null)
    {
        var settings = parse.GetValue(commandConfig) is { } file ? ReadProperties(file) : new Dictionary<string, string>(StringComparer.Ordinal);
        if (parse.GetValue(bootstrap) is { } servers) settings["bootstrap.servers"] = servers;
        else if (!settings.ContainsKey("bootstrap.servers"))
        {
            settings["bootstrap.servers"] = platformBootstrapServers ?? RunningPlatform().GetValueOrDefault("bootstrap.servers")
                ?? throw new InvalidDataException("No cluster: pass --bootstrap-servers, or start the dev platform (./orderstreams.sh dev).");
        }
        Set(settings, "security.protocol", parse.GetValue(securityProtocol));
        Set(settings, "sasl.mechanism", parse.GetValue(saslMechanism));
        Set(settings, "sasl.username", parse.GetValue(saslUsername));
        Set(settings, "sasl.password", parse.GetValue(saslPassword) ?? Environment.GetEnvironmentVariable("KAFKA_SASL_PASSWORD"));
        Set(settings, "ssl.ca.location", parse.GetValue(sslCaLocation));
        return settings;
    }

    /// <summary>The clients of the chosen cluster, all from <see cref="KafkaSettings"/>.</summary>
    public KafkaClientFactory Clients(ParseResult parse, string? platformBootstrapServers = null) =>
        new(new KafkaClientSettings(KafkaSettings(parse, platformBootstrapServers)));

    /// <summary>
    /// The topic admin of the chosen cluster: through the embedded broker's control endpoint when there is one to use
    /// (given explicitly, or the running platform's while the command talks to that platform's broker), else the AdminClient.
    /// </summary>
    public ITopicAdmin TopicAdmin(ParseResult parse)
    {
        var clients = Clients(parse);
        var running = RunningPlatform();
        var url = parse.GetValue(embeddedAdmin)
            ?? (running.GetValueOrDefault("bootstrap.servers") == clients.Settings.BootstrapServers ? running.GetValueOrDefault(EmbeddedClusterControl.UrlSetting) : null);
        return Kafka.Topics.TopicAdmin.Create(clients, url is null ? null : new Uri(url));
    }

    public string? SchemaRegistryUrl(ParseResult parse) => parse.GetValue(registry) ?? RunningPlatform().GetValueOrDefault("schema.registry.url");

    /// <summary>A client of the chosen schema registry.</summary>
    /// <exception cref="InvalidDataException">No registry given and no dev platform running.</exception>
    public ISchemaRegistryClient SchemaRegistry(ParseResult parse) => new SchemaRegistrySettings
    {
        Url = SchemaRegistryUrl(parse)
            ?? throw new InvalidDataException("No schema registry: pass --schema-registry-url, or start the dev platform (./orderstreams.sh dev)."),
        BasicAuthUserInfo = parse.GetValue(registryAuth) ?? Environment.GetEnvironmentVariable("SCHEMA_REGISTRY_BASIC_AUTH"),
    }.CreateClient();

    private static Dictionary<string, string> ReadProperties(FileInfo file)
    {
        if (!file.Exists) throw new InvalidDataException($"--command-config: {file.FullName} does not exist.");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in File.ReadLines(file.FullName).Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.Length == 0 || line[0] is '#' or '!') continue;
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0) throw new InvalidDataException($"{file.FullName}:{number}: expected key=value, not '{line}'.");
            settings[parts[0]] = parts[1];
        }
        return settings;
    }

    /// <summary>A setting of the running dev platform, when the command talks to its cluster (no <c>--bootstrap-servers</c>, <c>--command-config</c> given).</summary>
    public string? PlatformSetting(ParseResult parse, string key) =>
        parse.GetValue(bootstrap) is null && parse.GetValue(commandConfig) is null ? RunningPlatform().GetValueOrDefault(key) : null;

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
