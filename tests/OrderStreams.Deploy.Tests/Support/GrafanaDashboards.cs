using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>The provisioned Grafana dashboards (<c>deploy/grafana/dashboards/*.json</c>) and the PromQL they run.</summary>
internal static partial class GrafanaDashboards
{
    public const string Folder = "deploy/grafana/dashboards";

    public static IReadOnlyList<(string File, JsonObject Dashboard)> All { get; } =
        Directory.GetFiles(RepositoryPaths.Of(Folder), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonNode.Parse(File.ReadAllText(f))!.AsObject())).ToList();

    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) => dashboard["panels"]!.AsArray().Select(p => p!.AsObject());

    public static IEnumerable<JsonObject> Variables(JsonObject dashboard) => dashboard["templating"]!["list"]!.AsArray().Select(v => v!.AsObject());

    /// <summary>Every query: panel targets and query variables, with the dashboard file they are in.</summary>
    public static IEnumerable<(string File, string Expression)> Expressions() =>
        All.SelectMany(d => Panels(d.Dashboard).SelectMany(p => p["targets"]!.AsArray()).Select(t => (d.File, (string)t!["expr"]!))
            .Concat(Variables(d.Dashboard).Where(v => (string?)v["type"] == "query").Select(v => (d.File, LabelValuesSelector((string)v["query"]!["query"]!)))));

    /// <summary>
    /// <paramref name="expression"/> as Prometheus receives it: Grafana's interval variables become durations, dashboard
    /// variables a value they can take.
    /// </summary>
    public static string Substituted(string expression) => Variable().Replace(expression, m => m.Groups["name"].Value switch
    {
        "__rate_interval" or "__interval" => "1m",
        "__range" => "30m",
        "branch" => "0",
        var other => other,
    });

    /// <summary>The series selector inside Grafana's <c>label_values(selector, label)</c>.</summary>
    private static string LabelValuesSelector(string query)
    {
        var match = LabelValues().Match(query);
        return match.Success ? match.Groups["selector"].Value : query;
    }

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^label_values\((?<selector>.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$")]
    private static partial Regex LabelValues();
}
