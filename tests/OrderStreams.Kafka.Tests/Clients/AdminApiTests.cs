using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Kafka.Tests.Clients;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class AdminApiTests(TestBrokerFixture kafka)
{
    [EmbeddedBrokerFact("tests the admin probe on the embedded broker")]
    public void IsAvailable_EmbeddedBroker_FalseWithoutWaiting()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(AdminApi.IsAvailable(admin, TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [EmbeddedBrokerFact("tests the admin probe on the embedded broker")]
    public void Sources_NeverCallListConsumerGroupsAsync()
    {
        // librdkafka 2.16's mock cluster answers it with an error and then aborts the process (double free).
        var callers = new[] { "src", "services" }
            .SelectMany(folder => Directory.EnumerateFiles(RepositoryPaths.Of(folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => File.ReadAllText(file).Contains(".ListConsumerGroupsAsync(", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(callers);
    }
}
