using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Configuration;

namespace OrderStreams.Hosting.Tests.Configuration;

public sealed class KafkaOptionsTests
{
    [Fact]
    public async Task AddValidatedOptions_BootstrapServersMissing_HostStartFailsNamingTheVariable()
    {
        using var host = Build(new Dictionary<string, string?> { ["Kafka:SecurityProtocol"] = "sasl_ssl" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Kafka:BootstrapServers (environment variable Kafka__BootstrapServers) is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddValidatedOptions_UnknownProtocolAndDuplicatedSetting_EveryProblemInTheMessage()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "localhost:9092",
            ["Kafka:SecurityProtocol"] = "tls",
            ["Kafka:SaslUsername"] = "svc",
            ["Kafka:Settings:bootstrap.servers"] = "elsewhere:9092",
            ["Kafka:ConsumerSettings:security.protocol"] = "ssl",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Kafka:SecurityProtocol (environment variable Kafka__SecurityProtocol) is 'tls'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:SaslPassword (environment variable Kafka__SaslPassword) is required when Kafka:SaslUsername is set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:Settings:bootstrap.servers duplicates Kafka:BootstrapServers", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:ConsumerSettings:security.protocol duplicates Kafka:SecurityProtocol", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddValidatedOptions_EnvironmentVariables_BoundWithDoubleUnderscore()
    {
        var prefix = $"OSTEST{Guid.NewGuid():N}_";
        (string Name, string Value)[] variables =
        [
            ($"{prefix}Kafka__BootstrapServers", "broker-1:9092,broker-2:9092"),
            ($"{prefix}Kafka__SaslMechanism", "scram-sha-512"),
            ($"{prefix}Kafka__EmbeddedAdminUrl", "http://127.0.0.1:5099/"),
            ($"{prefix}Kafka__Settings__linger.ms", "20"),
            ($"{prefix}Kafka__ProducerSettings__batch.size", "65536"),
            ($"{prefix}Kafka__ConsumerSettings__fetch.wait.max.ms", "10"),
        ];
        foreach (var (name, value) in variables)
            Environment.SetEnvironmentVariable(name, value);
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddEnvironmentVariables(prefix);
            builder.AddValidatedOptions<KafkaOptions>(KafkaOptions.Section);
            using var host = builder.Build();

            var options = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;

            Assert.Equal("broker-1:9092,broker-2:9092", options.BootstrapServers);
            Assert.Equal("http://127.0.0.1:5099/", options.EmbeddedAdminUrl);
            Assert.Equal(
                [new("bootstrap.servers", "broker-1:9092,broker-2:9092"), new("sasl.mechanism", "SCRAM-SHA-512"), new KeyValuePair<string, string>("linger.ms", "20")],
                options.ClientSettings());
            Assert.Equal(new Dictionary<string, string> { ["batch.size"] = "65536" }, options.ProducerSettings);
            Assert.Equal(new Dictionary<string, string> { ["fetch.wait.max.ms"] = "10" }, options.ConsumerSettings);
        }
        finally
        {
            foreach (var (name, _) in variables)
                Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void ClientSettings_EverythingSet_LibrdkafkaKeysWithoutTheEmbeddedAdminUrl()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "kafka:9093",
            SecurityProtocol = "SASL_SSL",
            SaslMechanism = "plain",
            SaslUsername = "payment-completion",
            SaslPassword = "secret",
            SslCaLocation = "/etc/kafka/ca.pem",
            EmbeddedAdminUrl = "http://127.0.0.1:5099/",
            Settings = new() { ["client.id"] = "payment-completion-1" },
        };

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["bootstrap.servers"] = "kafka:9093",
                ["security.protocol"] = "sasl_ssl",
                ["sasl.mechanism"] = "PLAIN",
                ["sasl.username"] = "payment-completion",
                ["sasl.password"] = "secret",
                ["ssl.ca.location"] = "/etc/kafka/ca.pem",
                ["client.id"] = "payment-completion-1",
            },
            options.ClientSettings().ToDictionary());
    }

    [Fact]
    public void ToString_WithPassword_DoesNotShowIt() =>
        Assert.DoesNotContain("secret", new KafkaOptions { BootstrapServers = "k:9092", SaslPassword = "secret" }.ToString(), StringComparison.Ordinal);

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddValidatedOptions<KafkaOptions>(KafkaOptions.Section);
        return builder.Build();
    }
}
