using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderStreams.Cli.Platform.Dashboard;

/// <summary>
/// The dev platform's web dashboard on 127.0.0.1: the pipeline funnel, lag per service and partition over time,
/// and a branch's live orders from the denormaliser, restaurant-dashboard style.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly WebApplication app;

    private DashboardServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="monitor">Where the numbers come from.</param>
    /// <param name="queryService">The denormaliser's base URL, when it runs, for branch orders.</param>
    /// <param name="port">0 picks a free port.</param>
    public static async Task<DashboardServer> StartAsync(PlatformMonitor monitor, Func<Uri?> queryService, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/", () => Results.Content(Page.Value, "text/html; charset=utf-8"));
        app.MapGet("/api/state", () => Results.Json(State(monitor), DashboardJson.Default.DashboardState));
        app.MapGet("/api/branches/{branchId}/orders", (string branchId, string? status) => BranchOrdersAsync(queryService(), branchId, status));

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
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("OrderStreams.Cli.Platform.Dashboard.index.html")
            ?? throw new InvalidOperationException("The dashboard page is missing from the build.");
        return new StreamReader(stream).ReadToEnd();
    });

    private static DashboardState State(PlatformMonitor monitor) => new(
        monitor.Latest,
        monitor.History.Select(s => new LagPoint(s.At, s.Services.ToDictionary(x => x.Service, x => x.Lag))).ToList());

    private static async Task<IResult> BranchOrdersAsync(Uri? denormaliser, string branchId, string? status)
    {
        if (denormaliser is null)
            return Results.Problem("The denormaliser is not running, so there is no order view to show.", statusCode: StatusCodes.Status503ServiceUnavailable);
        var query = status is null ? "" : $"?status={Uri.EscapeDataString(status)}";
        try
        {
            using var response = await Http.GetAsync(new Uri(denormaliser, $"/branches/{Uri.EscapeDataString(branchId)}/orders{query}"));
            var body = await response.Content.ReadAsStringAsync();
            return Results.Content(body, response.Content.Headers.ContentType?.ToString() ?? "application/json", statusCode: (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return Results.Problem($"The denormaliser did not answer: {e.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
