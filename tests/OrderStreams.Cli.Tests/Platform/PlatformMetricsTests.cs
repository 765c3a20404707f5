using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Platform;

[Collection(DevPlatformCollection.Name)]
public sealed class PlatformMetricsTests(DevPlatformFixture platform)
{
    [Fact]
    public async Task Metrics_OfEveryLiveServiceAndThePlatform_PassPromtool_WithKafkaExporterNames()
    {
        var instances = await DevPlatformFixture.EventuallyAsync(
            async () => (await platform.GetJsonAsync("api/platform")).GetProperty("instances").EnumerateArray().ToList(),
            all => all.All(i => i.GetProperty("state").GetString() == "running"), TimeSpan.FromMinutes(3), "every service running");

        foreach (var instance in instances)
        {
            var group = instance.GetProperty("applicationId").GetString();
            // Lag appears once the service has its partitions; until then the scrape is read again (but must never fail).
            var text = await DevPlatformFixture.EventuallyAsync(
                () => ScrapeAsync(new Uri(new Uri(instance.GetProperty("url").GetString()!), "metrics")),
                t => DevPlatformFixture.Sum(t, "kafka_consumergroup_lag", $"consumergroup=\"{group}\"") is not null, TimeSpan.FromMinutes(1), $"{group}'s lag on /metrics");

            Assert.Equal((0, ""), await Promtool.CheckMetricsAsync(text));
            foreach (var family in new[] { "kafka_consumergroup_lag_seconds", "kafka_consumergroup_current_offset", "streams_records_processed_total" })
                Assert.Contains($"\n{family}{{", text);
        }

        // The platform reads the topics' history every ten seconds.
        var own = await DevPlatformFixture.EventuallyAsync(
            () => platform.Http.GetStringAsync("metrics"),
            t => DevPlatformFixture.Sum(t, "kafka_topic_oldest_record_timestamp_seconds", "topic=\"orders.placed\"") is not null, TimeSpan.FromMinutes(1),
            "the oldest retained record of orders.placed on the platform's /metrics");
        Assert.Equal((0, ""), await Promtool.CheckMetricsAsync(own));
        Assert.True(DevPlatformFixture.Sum(own, "kafka_topic_history_complete", "topic=\"orders.placed\"") == 1, "orders.placed lost its start");
        Assert.NotNull(DevPlatformFixture.Sum(own, "kafka_topic_partition_current_offset", "partition=\"0\",topic=\"orders.placed\""));
        Assert.NotNull(DevPlatformFixture.Sum(own, "kafka_consumergroup_lag", "consumergroup=\"payment-completion\""));
    }

    private async Task<string> ScrapeAsync(Uri url)
    {
        using var response = await platform.Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: HTTP {(int)response.StatusCode} {body}");
        return body;
    }
}
