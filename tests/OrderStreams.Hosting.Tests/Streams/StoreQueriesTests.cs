using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderStreams.Hosting.Streams;
using OrderStreams.Streams;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;
using OrderStreams.Testing;

namespace OrderStreams.Hosting.Tests.Streams;

/// <summary>A query endpoint over a real streams application whose store is held half restored.</summary>
public sealed class StoreQueriesTests(TestBrokerFixture kafka) : IClassFixture<TestBrokerFixture>, IDisposable
{
    private const int Words = 10;
    private const int Lines = 200;

    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-hosting-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task AnswerAsync_StoreRestoring_503ProblemWithProgressAndStaleReadsOnRequest()
    {
        var (input, appId) = (kafka.CreateTopic("lines", 2), $"restoring-{Guid.NewGuid():N}");
        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build())
        {
            for (var i = 0; i < Lines; i++) producer.Produce(input, new Message<string, string> { Key = $"k{i}", Value = $"w{i % Words}" });
            producer.Flush(TimeSpan.FromSeconds(30));
        }
        using (var first = await StartAsync(input, appId, listener: null))
        {
            await Until(() => Total(first.Store<IReadOnlyKeyValueStore<string, long>>("counts")) == Lines);
            first.Close();
        }
        Directory.Delete(stateDir, recursive: true);
        using var held = new HeldRestore();
        using var streams = await StartAsync(input, appId, held);
        Assert.True(held.FirstBatch.Wait(TimeSpan.FromSeconds(60)), "no restore batch was written");
        await using var app = await TestApp.StartAsync(map: web => web.MapGet("/counts/{word}", (string word, HttpContext http) =>
            StoreQueries.AnswerAsync("The counts", () =>
            {
                var stale = StaleReads.Requested(http.Request);
                var store = streams.Store<IReadOnlyKeyValueStore<string, long>>(new StoreQueryParameters("counts") { EnableStaleStores = stale });
                if (stale) StaleReads.Mark(http.Response, streams.RestoringPartitions("counts").Select(p => p.Partition));
                return Task.FromResult(Results.Ok(store.Get(word)));
            })));

        var refused = await app.Client.GetAsync("/counts/w0");
        var body = await refused.Content.ReadAsStringAsync();
        var staleAnswer = await app.Client.GetAsync("/counts/w0?stale=true");
        held.Release();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains("The counts are restoring", problem.GetProperty("detail").GetString());
        Assert.Contains("?stale=true", problem.GetProperty("detail").GetString());
        var progress = problem.GetProperty("restoring").EnumerateArray().ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p =>
        {
            Assert.Equal("counts", p.GetProperty("store").GetString());
            Assert.InRange(p.GetProperty("partition").GetInt32(), 0, 1);
            Assert.True(p.GetProperty("restored").GetInt64() < p.GetProperty("toRestore").GetInt64());
        });
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, staleAnswer.StatusCode);
        Assert.False(string.IsNullOrEmpty(staleAnswer.Headers.GetValues(StaleReads.Header).Single()));
    }

    private async Task<KafkaStreams> StartAsync(string input, string appId, IStateRestoreListener? listener)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .GroupBy((_, word) => word, Grouped<string, string>.With(Serdes.String, Serdes.String, "words"))
            .Count(Materialized<string, long>.As("counts").WithCachingDisabled());
        var streams = new KafkaStreams(builder.Build(), new StreamsConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            ApplicationId = appId,
            StateDir = stateDir,
            CommitInterval = TimeSpan.FromMilliseconds(200),
            RestoreBatchSize = 10,
            TopicAdmin = kafka.Broker.Topics,
        });
        if (listener is not null) streams.SetGlobalStateRestoreListener(listener);
        await streams.StartAsync();
        return streams;
    }

    private static long Total(IReadOnlyKeyValueStore<string, long> store) => Enumerable.Range(0, Words).Sum(i => store.Get($"w{i}"));

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                if (condition()) return;
            }
            catch (InvalidStateStoreException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The counts did not reach the expected total in time.");
            await Task.Delay(100);
        }
    }
}
