using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderStreams.Platform.Control;
using OrderStreams.Hosting.Metrics;

namespace OrderStreams.Platform.Dashboard;

/// <summary>
/// The dev platform's web server on 127.0.0.1: the dashboard (pipeline funnel, lag per service and partition over
/// time, lag of routed hot branches, rebuild progress, a branch's live orders restaurant-dashboard style), the
/// platform's <c>/metrics</c>, its control API and the query gateway.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    /// <summary>The connection line that carries <see cref="Url"/> to the other commands.</summary>
    public const string UrlSetting = "dashboard.url";

    private const int ChartPoints = 300;
    private readonly WebApplication app;

    private DashboardServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="platform">Where the numbers come from and what the control API acts on.</param>
    /// <param name="port">0 picks a free port.</param>
    public static async Task<DashboardServer> StartAsync(DevPlatform platform, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.AddPrometheusMetrics();
        var app = builder.Build();
        PlatformMetrics.Register(app.Services.GetRequiredService<IMeterFactory>(), platform.Monitor);

        app.MapGet("/", () => Results.Content(Page.Value, "text/html; charset=utf-8"));
        app.MapGet("/api/state", () => Results.Json(State(platform), DashboardJson.Default.DashboardState));
        app.MapControlEndpoints(platform);
        app.MapQueryGateway(platform.Fleet);
        app.MapPrometheusMetrics();

        await app.StartAsync();
        return new DashboardServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("OrderStreams.Platform.Dashboard.index.html")
            ?? throw new InvalidOperationException("The dashboard page is missing from the build.");
        return new StreamReader(stream).ReadToEnd();
    });

    private static DashboardState State(DevPlatform platform)
    {
        var history = platform.Monitor.History;
        var points = history.Skip(Math.Max(0, history.Count - ChartPoints))
            .Select(s => new HistoryPoint(
                s.At,
                s.Services.ToDictionary(x => x.ApplicationId, x => new GroupPoint(x.Lag, x.ProcessedPerSecond, x.PartitionLag)),
                s.Simulator.Rush))
            .ToList();
        var queries = ServiceCatalog.All.First(s => s.ServesQueries).Name;
        return new DashboardState(platform.Monitor.Latest, points, platform.BranchRouting.DedicatedPartitions, $"/query/{queries}/");
    }
}
