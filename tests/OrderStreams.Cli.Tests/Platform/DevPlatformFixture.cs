using System.Text.Json;
using System.Text.RegularExpressions;
using OrderStreams.Native;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Platform;

/// <summary>
/// One <c>orderstreams dev</c> per test collection, as a user runs it: the embedded broker, the four services as
/// processes, a bounded simulation (orders stop after <see cref="Orders"/>; driver pings go on, so there is always load).
/// The rate is low so that on a loaded 2-core machine every service keeps up with the pings of the drivers staffed for it.
/// </summary>
public sealed partial class DevPlatformFixture : IDisposable
{
    public const int Orders = 60;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string stateDirectory = Directory.CreateTempSubdirectory("orderstreams-dev-").FullName;
    private readonly ChildProcess dev;

    public DevPlatformFixture()
    {
        // The tests' own clients load librdkafka from the package as the CLI does.
        NativeLibraries.EnsureKafka();
        dev = ChildProcess.StartDotnet(RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
        [
            "dev", "--state-dir", stateDirectory, "--configuration", RepositoryPaths.Configuration, "--max-orders", $"{Orders}", "--orders-per-second", "3",
            // Renamed drivers change delivered orders' views only when rebuilt (the denormaliser re-emits live orders only).
            "--driver-rename-every", "100000",
        ]);
        var lines = new Dictionary<string, string>();
        dev.WaitForLine(line => line.StartsWith("dashboard.url=", StringComparison.Ordinal), StartTimeout, line =>
        {
            if (line.Split('=', 2) is [var key, var value]) lines[key] = value;
        });
        BootstrapServers = lines["bootstrap.servers"];
        SchemaRegistryUrl = lines["schema.registry.url"];
        BranchRouting = lines["branch.routing"];
        DashboardUrl = new Uri(lines["dashboard.url"]);
        Http = new HttpClient { BaseAddress = DashboardUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BootstrapServers { get; }

    public string SchemaRegistryUrl { get; }

    /// <summary>The services' branch routing (hot branches on partitions of their own), as <c>branch=partition,…</c>.</summary>
    public string BranchRouting { get; }

    /// <summary>The connection options of every CLI command against the platform's cluster and registry.</summary>
    public string[] Connection => ["--bootstrap-servers", BootstrapServers, "--schema-registry-url", SchemaRegistryUrl];

    public Uri DashboardUrl { get; }

    /// <summary>The last lines of an instance's log (the platform writes it below its state directory).</summary>
    public string LogOf(string applicationId)
    {
        using var stream = new FileStream(Path.Combine(stateDirectory, "logs", applicationId + ".log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public HttpClient Http { get; }

    /// <summary><c>orderstreams</c> with the platform's connection options appended.</summary>
    public (int ExitCode, string Output, string Errors) Cli(params string[] args) =>
        Tests.Cli.Run([.. args, "--platform-url", DashboardUrl.ToString(), "--bootstrap-servers", BootstrapServers]);

    public ChildProcess StartCli(params string[] args) =>
        ChildProcess.StartDotnet(RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
            [.. args, "--platform-url", DashboardUrl.ToString(), "--bootstrap-servers", BootstrapServers]);

    public async Task<JsonElement> GetJsonAsync(string path) => JsonDocument.Parse(await Http.GetStringAsync(path)).RootElement;

    /// <summary>The instance of <paramref name="service"/> that answers queries or, for other services, its only one.</summary>
    public async Task<JsonElement> InstanceAsync(string service)
    {
        var instances = (await GetJsonAsync("api/platform")).GetProperty("instances").EnumerateArray().Where(i => i.GetProperty("service").GetString() == service).ToList();
        return instances.FirstOrDefault(i => i.GetProperty("serving").GetBoolean()) is { ValueKind: JsonValueKind.Object } serving ? serving : instances.Single();
    }

    /// <summary>
    /// Waits until the simulator's driver pings flow. The platform starts the traffic only once every service instance
    /// is ready, so a test that stops a service before then holds all the load back, for up to three minutes.
    /// </summary>
    public Task UnderLoadAsync() => EventuallyAsync(
        async () => (await GetJsonAsync("api/state")).GetProperty("latest") is { ValueKind: JsonValueKind.Object } latest
            ? latest.GetProperty("simulator").GetProperty("pings").GetInt64()
            : 0,
        pings => pings > 0, TimeSpan.FromMinutes(4), "driver pings");

    /// <summary>
    /// Sum of one metric's samples that carry every <c>name="value"</c> pair of <paramref name="labels"/> (in any order,
    /// among others), or null when there are none.
    /// </summary>
    public static double? Sum(string exposition, string metric, string labels)
    {
        var wanted = Label().Matches(labels).Select(m => m.Value).ToList();
        var values = Sample().Matches(exposition)
            .Where(m => m.Groups["name"].Value == metric && !wanted.Except(Label().Matches(m.Groups["labels"].Value).Select(l => l.Value)).Any())
            .Select(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return values.Count == 0 ? null : values.Sum();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every second.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen within {timeout}; last seen: {last}");
            await Task.Delay(TimeSpan.FromSeconds(1));
            last = await read();
        }
        return last;
    }

    public void Dispose()
    {
        Http.Dispose();
        try
        {
            dev.Stop(TimeSpan.FromSeconds(90));
        }
        finally
        {
            dev.Dispose();
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*""")]
    private static partial Regex Label();
}
