using System.Diagnostics;
using OrderStreams.Deploy.Tests.Support;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests;

public sealed class LiveMetricsTests(LivePlatformFixture platform) : IClassFixture<LivePlatformFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Scrape_HasEveryServiceMetricTheDashboardsQuery_WithTheLabelsTheyUse()
    {
        var wanted = ServiceMetricsQueried();
        var seen = new MetricsExposition();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        // Often enough to catch the restore gauges, which exist only while a restore runs.
        while (clock.Elapsed < Deadline && !platform.Service.HasExited && !Covers(seen, wanted))
        {
            try
            {
                seen.Add(await http.GetStringAsync(new Uri(platform.Url, "/metrics")));
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(20);
        }

        var missing = wanted.Where(w => !seen.Has(w.Key)).Select(w => w.Key).ToList();
        var unlabelled = wanted.Where(w => seen.Has(w.Key)).SelectMany(w => w.Value.Except(seen.LabelsOf(w.Key)).Select(l => $"{w.Key}{{{l}}}")).ToList();
        Assert.True(missing.Count == 0 && unlabelled.Count == 0,
            $"Not on /metrics within {Deadline}: {string.Join(", ", missing.Concat(unlabelled))}. Service stderr: {platform.Service.Errors}");
    }

    [Fact]
    public async Task ImageHealthcheck_PassesAgainstTheServiceAndFailsWhereNothingListens()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline && !platform.Service.HasExited && !await AnswersAsync(http, new Uri(platform.Url, "/healthz")))
            await Task.Delay(200);

        Assert.Equal(0, Healthcheck(platform.Url.ToString().TrimEnd('/')));
        Assert.NotEqual(0, Healthcheck("http://0.0.0.0:1"));
    }

    /// <summary>Metric names (with the labels the queries use) the dashboards take from the services' own /metrics.</summary>
    private static Dictionary<string, HashSet<string>> ServiceMetricsQueried()
    {
        var wanted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, expression) in GrafanaDashboards.Expressions())
        {
            var selectors = PromQl.Selectors(expression).Where(s => s.Matchers.Any(m => m.Label == "job" && m.Value == "orderstreams")).ToList();
            var labels = selectors.SelectMany(s => s.Matchers.Select(m => m.Label)).Concat(PromQl.GroupingLabels(expression)).Where(l => !PromQl.TargetLabels.Contains(l)).ToHashSet();
            foreach (var (metric, _) in selectors.Where(s => !PromQl.PrometheusSeries.Contains(s.Metric)))
            {
                if (!wanted.TryGetValue(metric, out var set)) wanted[metric] = set = [];
                set.UnionWith(labels.Where(l => l != "le" || metric.EndsWith("_bucket", StringComparison.Ordinal)));
            }
        }
        return wanted;
    }

    private static bool Covers(MetricsExposition seen, Dictionary<string, HashSet<string>> wanted) =>
        wanted.All(w => seen.Has(w.Key) && w.Value.IsSubsetOf(seen.LabelsOf(w.Key)));

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url)
    {
        try
        {
            return (await http.GetAsync(url)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Runs the service image's HEALTHCHECK script as the container would, with <c>Urls</c> as the image sets it.</summary>
    private static int Healthcheck(string urls)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.Of("deploy/healthz.sh"));
        start.Environment["Urls"] = urls;
        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
