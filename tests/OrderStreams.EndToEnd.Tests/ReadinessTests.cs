using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using OrderStreams.EndToEnd.Tests.Platform;
using OrderStreams.Testing;

namespace OrderStreams.EndToEnd.Tests;

/// <summary>A service restoring a large store from its changelog is not ready until the store is complete.</summary>
public sealed partial class ReadinessTests : IAsyncLifetime
{
    private const int ChangelogRecords = 60_000;
    private const string Changelog = "payment-completion-payment-state-changelog";

    private SingleBroker broker = null!;

    public async Task InitializeAsync() => broker = await SingleBroker.StartAsync("readiness");

    public async Task DisposeAsync() => await broker.DisposeAsync();

    [Fact]
    public async Task Readyz_WhileTheStoreRestores_IsNotReady_AndOnceReady_EveryChangelogRecordIsRestored()
    {
        broker.Broker.CreateTopicNamed(Changelog, 12);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.Broker.BootstrapServers, LingerMs = 20 }).Build())
        {
            for (var i = 0; i < ChangelogRecords; i++)
            {
                var state = $$"""{"EarlyPayments":[],"Verdict":0,"LastChange":"2026-01-01T00:00:{{i % 60:D2}}+00:00"}""";
                producer.Produce(Changelog, new Message<string, string> { Key = Guid.NewGuid().ToString(), Value = state });
                if (i % 10_000 == 0) producer.Poll(TimeSpan.Zero);
            }
            producer.Flush(TimeSpan.FromSeconds(60));
        }

        using var service = ServiceInstance.Start("payment-completion", "services/OrderStreams.PaymentCompletion", "OrderStreams.PaymentCompletion", new Dictionary<string, string>(broker.Broker.ServiceEnvironment())
        {
            ["SchemaRegistry__Url"] = broker.Registry.Url.ToString(),
        }, broker.WorkDirectory);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var notReady = new List<string>();
        await Eventually.Until(async () =>
        {
            if (service.HasExited) throw new InvalidOperationException(service.LogTail());
            try
            {
                using var response = await http.GetAsync(new Uri(service.Url, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK) return true;
                notReady.Add(await response.Content.ReadAsStringAsync());
            }
            catch (HttpRequestException)
            {
            }
            return false;
        }, TimeSpan.FromMinutes(5), () => service.LogTail());
        var metrics = await http.GetStringAsync(new Uri(service.Url, "/metrics"));

        Assert.Contains(notReady, body => body.Contains("\"description\":\"restoring state stores: ", StringComparison.Ordinal));
        Assert.Equal(ChangelogRecords, Sum(metrics, "streams_restore_records_total"));
        Assert.Equal(0, Sum(metrics, "streams_restore_remaining"));
    }

    private static long Sum(string metrics, string name) =>
        SampleLine().Matches(metrics).Where(m => m.Groups["name"].Value == name).Sum(m => (long)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
