using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Health;
using OrderStreams.Testing;

namespace OrderStreams.Hosting.Tests;

public sealed class ServiceDefaultsTests
{
    [Fact]
    public async Task Healthz_Running_200Ok()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_NoReadinessChecks_200()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_CheckNotReadyThenReady_503NamingItThen200()
    {
        var streams = new ReadinessSignal("restoring 3 of 12 tasks");
        var registry = new ReadinessSignal();
        registry.SetReady();
        await using var app = await TestApp.StartAsync(wire: builder => builder.Services.AddHealthChecks()
            .AddCheck("streams", streams, tags: [HealthTags.Ready])
            .AddCheck("schema-registry", registry, tags: [HealthTags.Ready]));

        var notReady = await app.Client.GetAsync("/readyz");
        var notReadyBody = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync()).RootElement;
        streams.SetReady();
        var ready = await app.Client.GetAsync("/readyz");
        var liveMeanwhile = await app.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("application/json; charset=utf-8", notReady.Content.Headers.ContentType?.ToString());
        Assert.Equal("not ready", notReadyBody.GetProperty("status").GetString());
        var checks = notReadyBody.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("ready").GetBoolean(), c.TryGetProperty("description", out var d) ? d.GetString() : null));
        Assert.Equal((false, "restoring 3 of 12 tasks"), checks["streams"]);
        Assert.Equal((true, null), checks["schema-registry"]);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, liveMeanwhile.StatusCode);
    }

    [Fact]
    public async Task UnhandledException_Problem500WithoutDetails()
    {
        await using var app = await TestApp.StartAsync(map: app =>
            app.MapGet("/boom", string () => throw new InvalidOperationException("connection string Password=hunter2 rejected")));

        var response = await app.Client.GetAsync("/boom");
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal("An unexpected error occurred; the service log has the details.", problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ServiceDefaultsTests", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJsonBody_Problem400()
    {
        await using var app = await TestApp.StartAsync(map: app => app.MapPost("/orders", (OrderRequest order) => order.OrderId));

        var response = await app.Client.PostAsync("/orders", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task UnknownPath_Problem404()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.GetAsync("/no-such-thing");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("Not Found", problem.GetProperty("title").GetString());
        Assert.Equal("Nothing at GET /no-such-thing.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongMethod_Problem405()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.DeleteAsync("/metrics");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("DELETE is not allowed on /metrics.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Metrics_Scrape_PrometheusTextThatPromtoolAccepts()
    {
        var meterName = $"OrderStreams.Services.Test{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Metrics:Meters:0"] = meterName,
            ["Metrics:Meters:1"] = "Microsoft.AspNetCore.Hosting",
        };
        await using var app = await TestApp.StartAsync(
            wire: builder => builder.Services.AddSingleton(services => new ServiceMetrics(services.GetRequiredService<IMeterFactory>(), meterName)),
            map: app => app.MapPost("/orders/{branch}", (string branch, ServiceMetrics metrics) =>
            {
                metrics.Placed.Add(1, new KeyValuePair<string, object?>("branch", branch));
                metrics.Duration.Record(0.004, new KeyValuePair<string, object?>("branch", branch));
                return Results.Accepted();
            }),
            settings: settings);
        foreach (var branch in new[] { "b1", "b2", "quote\"slash\\newline\nbranch" })
            (await app.Client.PostAsync($"/orders/{Uri.EscapeDataString(branch)}", null)).EnsureSuccessStatusCode();

        var response = await app.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var (exitCode, promtoolOutput) = await Promtool.CheckMetricsAsync(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        // OpenTelemetry's exporter names the meter (otel_scope_name) and sorts the other labels.
        var scope = $"otel_scope_name=\"{meterName}\"";
        Assert.Contains($"orders_placed_total{{{scope},branch=\"b1\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"orders_placed_total{{{scope},branch=\"quote\\\"slash\\\\newline\\nbranch\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"kafka_consumergroup_lag{{{scope},consumergroup=\"payment-completion\",partition=\"0\",topic=\"payments\"}} 7\n", text, StringComparison.Ordinal);
        Assert.Contains($"order_duration_seconds_bucket{{{scope},branch=\"b1\",le=\"0.005\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE order_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Equal((0, ""), (exitCode, promtoolOutput));
    }

    [Theory]
    [InlineData(null, "OrderStreams.Services.Test", LogLevel.Information, true)]
    [InlineData("Warning", "OrderStreams.Services.Test", LogLevel.Information, false)]
    [InlineData("Warning", "OrderStreams.Services.Test", LogLevel.Warning, true)]
    [InlineData(null, "Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Information, false)]
    [InlineData(null, "Microsoft.Hosting.Lifetime", LogLevel.Information, true)]
    public void AddServiceDefaults_LogLevelFromConfiguration_Applied(string? defaultLevel, string category, LogLevel level, bool enabled)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = defaultLevel });
        builder.AddServiceDefaults();
        using var host = builder.Build();

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.Equal(enabled, logger.IsEnabled(level));
    }

    [Fact]
    public void AddServiceDefaults_Console_SingleLineWithUtcTimestamps()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        using var host = builder.Build();

        var console = host.Services.GetRequiredService<IOptions<SimpleConsoleFormatterOptions>>().Value;

        Assert.Equal((true, true, "yyyy-MM-ddTHH:mm:ss.fffZ "), (console.SingleLine, console.UseUtcTimestamp, console.TimestampFormat));
    }

    public sealed record OrderRequest(string OrderId);

    private sealed class ServiceMetrics
    {
        public ServiceMetrics(IMeterFactory meters, string meterName)
        {
            var meter = meters.Create(meterName);
            Placed = meter.CreateCounter<long>("orders.placed", "{order}", "Orders placed.");
            Duration = meter.CreateHistogram<double>("order.duration", "s", "Time to place an order.");
            meter.CreateObservableGauge(
                "kafka.consumergroup.lag",
                () => new Measurement<long>(7, new("consumergroup", "payment-completion"), new("topic", "payments"), new("partition", 0)),
                "{message}",
                "Messages the group is behind the log end.");
            meter.CreateUpDownCounter<int>("tasks.active", "{task}", "Stream tasks running.").Add(12);
        }

        public Counter<long> Placed { get; }

        public Histogram<double> Duration { get; }
    }
}
