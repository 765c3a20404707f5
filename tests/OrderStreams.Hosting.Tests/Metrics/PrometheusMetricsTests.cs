using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrderStreams.Testing;

namespace OrderStreams.Hosting.Tests.Metrics;

/// <summary>What dashboards, alerts and the platform rely on in <c>/metrics</c>, as OpenTelemetry's exporter serves it.</summary>
public sealed class PrometheusMetricsTests
{
    private readonly string meterName = $"OrderStreams.Services.Test{Guid.NewGuid():N}";

    [Fact]
    public async Task Metrics_ObservableSeriesNoLongerReported_GoneFromTheNextScrape()
    {
        var restoring = new ConcurrentDictionary<int, long> { [3] = 25, [7] = 40 };
        await using var app = await StartAsync(meter => meter.CreateObservableGauge(
            "streams.restore.remaining",
            () => restoring.Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("partition", r.Key))),
            description: "Changelog records left to restore."));

        var both = await ScrapeAsync(app);
        restoring.TryRemove(3, out _);
        var one = await ScrapeAsync(app);
        restoring.Clear();
        var none = await ScrapeAsync(app);

        Assert.Equal([25, 40], Values(both, "streams_restore_remaining"));
        Assert.Equal([40], Values(one, "streams_restore_remaining"));
        Assert.Empty(Values(none, "streams_restore_remaining"));
    }

    [Fact]
    public async Task Metrics_ObservableValueChanges_EveryScrapeReadsItAnew()
    {
        var lag = 5L;
        await using var app = await StartAsync(meter => meter.CreateObservableGauge(
            "kafka.consumergroup.lag",
            () => new Measurement<long>(lag, new("consumergroup", "driver-assignment"), new("topic", "drivers.status"), new("partition", 0)),
            description: "Records behind the high watermark."));

        var first = await ScrapeAsync(app);
        lag = 500;
        var second = await ScrapeAsync(app);

        Assert.Equal([5], Values(first, "kafka_consumergroup_lag"));
        Assert.Equal([500], Values(second, "kafka_consumergroup_lag"));
    }

    [Fact]
    public async Task Metrics_MoreTagSetsThanTheLimit_RestInTheOverflowSeries()
    {
        Counter<long>? lookups = null;
        await using var app = await StartAsync(
            meter => lookups = meter.CreateCounter<long>("lookups", description: "Lookups by order."),
            new() { ["Metrics:MaxSeriesPerMetric"] = "3" });
        foreach (var order in new[] { "o1", "o2", "o3", "o4", "o5", "o1" })
            lookups!.Add(1, new KeyValuePair<string, object?>("order", order));

        var text = await ScrapeAsync(app);

        var series = Lines(text, "lookups_total").ToList();
        Assert.Contains(series, l => l.Contains("order=\"o1\"", StringComparison.Ordinal) && l.EndsWith(" 2", StringComparison.Ordinal));
        Assert.Contains(series, l => l.Contains("otel_metric_overflow=\"true\"", StringComparison.Ordinal));
        Assert.Equal(6, Values(text, "lookups_total").Sum());
        Assert.Equal((0, ""), await Promtool.CheckMetricsAsync(text));
    }

    [Fact]
    public async Task Metrics_DefaultMeters_RuntimeAndAspNetCoreFromOpenTelemetryInstrumentation()
    {
        await using var app = await TestApp.StartAsync();
        (await app.Client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        var text = await ScrapeAsync(app);

        foreach (var family in new[]
                 {
                     "dotnet_gc_collections_total", "dotnet_thread_pool_threads", "dotnet_assemblies_loaded", "dotnet_process_cpus",
                     "http_server_request_duration_seconds_bucket",
                 })
            Assert.Contains($"\n{family}{{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_count{", text.Replace("_duration_seconds_count{", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal((0, ""), await Promtool.CheckMetricsAsync(text));
    }

    private Task<TestApp> StartAsync(Action<Meter> instruments, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Metrics:Meters:0"] = meterName };
        return TestApp.StartAsync(
            wire: builder => builder.Services.AddSingleton(services =>
            {
                var meter = services.GetRequiredService<IMeterFactory>().Create(meterName);
                instruments(meter);
                return meter;
            }),
            map: app => app.Services.GetRequiredService<Meter>(),
            settings: all);
    }

    private static Task<string> ScrapeAsync(TestApp app) => app.Client.GetStringAsync("/metrics");

    private static IEnumerable<string> Lines(string exposition, string family) =>
        exposition.Split('\n').Where(l => l.StartsWith(family + "{", StringComparison.Ordinal));

    private static List<long> Values(string exposition, string family) =>
        [.. Lines(exposition, family).Select(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Order()];
}
