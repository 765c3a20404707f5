using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Kafka.Tests.Embedded;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class EmbeddedKafkaClusterTests(TestBrokerFixture kafka)
{
    [EmbeddedBrokerFact("tests the mock cluster itself")]
    public void BootstrapServers_ListsOneLoopbackAddressPerBroker()
    {
        var servers = kafka.BootstrapServers.Split(',');
        Assert.Equal(kafka.Cluster.BrokerCount, servers.Length);
        Assert.All(servers, s => Assert.StartsWith("127.0.0.1:", s));
    }

    [EmbeddedBrokerFact("tests the mock cluster itself")]
    public void CreateTopic_Twice_IsIdempotentButRefusesAnotherPartitionCount()
    {
        var name = TestBrokerFixture.UniqueName("twice");
        Assert.True(kafka.Cluster.CreateTopic(name, 4));
        Assert.False(kafka.Cluster.CreateTopic(name, 4));
        var error = Assert.Throws<InvalidOperationException>(() => kafka.Cluster.CreateTopic(name, 5));
        Assert.Contains("exists with 4 partitions, not 5", error.Message);
    }

    [Fact]
    public void Metadata_ReportsTheCreatedPartitionCount()
    {
        var topic = kafka.CreateTopic("metadata", 7);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();

        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));

        Assert.Equal(7, Assert.Single(metadata.Topics).Partitions.Count);
    }

    [Fact]
    public async Task ProduceThenConsume_RoundTripsKeysValuesAndHeaders()
    {
        var topic = kafka.CreateTopic("roundtrip", 3);
        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < 30; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, string>
                {
                    Key = $"k{i}",
                    Value = $"v{i}",
                    Headers = [new Header("n", [(byte)i])],
                });
            }
        }

        using var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(TestBrokerFixture.UniqueName("g"))).Build();
        consumer.Subscribe(topic);
        var received = new Dictionary<string, (string Value, byte Header)>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < 30 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                received[result.Message.Key] = (result.Message.Value, result.Message.Headers.GetLastBytes("n")[0]);
        }
        consumer.Close();

        Assert.Equal(30, received.Count);
        Assert.Equal(("v17", (byte)17), received["k17"]);
    }

    [EmbeddedBrokerFact("tests the mock cluster itself")]
    public async Task Control_CreatesAndListsTopicsOverHttp()
    {
        using var http = new HttpClient { BaseAddress = kafka.Control.Url };
        var name = TestBrokerFixture.UniqueName("over-http");

        var created = await http.PostAsJsonAsync("topics", new TopicRequest(name, 5));
        var again = await http.PostAsJsonAsync("topics", new TopicRequest(name, 5));
        var conflict = await http.PostAsJsonAsync("topics", new TopicRequest(name, 6));
        var invalid = await http.PostAsJsonAsync("topics", new { name, partitions = 0 });
        var listed = await http.GetFromJsonAsync<Dictionary<string, int>>("topics");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("exists with 5 partitions", await conflict.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(5, listed![name]);
    }
}
