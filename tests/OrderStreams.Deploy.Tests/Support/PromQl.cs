using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>The parts of PromQL expressions the checks need, and promtool to check their syntax.</summary>
internal static partial class PromQl
{
    /// <summary>Labels Prometheus adds to every scraped series (target labels), not the services.</summary>
    public static readonly IReadOnlySet<string> TargetLabels = new HashSet<string>(StringComparer.Ordinal) { "job", "instance", "service" };

    /// <summary>Series Prometheus makes itself for every target.</summary>
    public static readonly IReadOnlySet<string> PrometheusSeries = new HashSet<string>(StringComparer.Ordinal) { "up" };

    /// <summary>Every <c>metric{matchers}</c> in <paramref name="expression"/>: the metric and its matchers (label, operator, value).</summary>
    public static IEnumerable<(string Metric, IReadOnlyList<(string Label, string Operator, string Value)> Matchers)> Selectors(string expression) =>
        Selector().Matches(expression).Select(m => (m.Groups["metric"].Value,
            (IReadOnlyList<(string, string, string)>)Matcher().Matches(m.Groups["matchers"].Value)
                .Select(x => (x.Groups["label"].Value, x.Groups["op"].Value, Regex.Unescape(x.Groups["value"].Value))).ToList()));

    /// <summary>Labels of <c>by (…)</c> clauses.</summary>
    public static IEnumerable<string> GroupingLabels(string expression) =>
        By().Matches(expression).SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The alternatives of a regex matcher value such as <c>orders\.placed|payments</c>, unescaped.</summary>
    public static IReadOnlyList<string> Alternatives(string regex) => regex.Split('|').Select(a => a.Replace(@"\.", ".", StringComparison.Ordinal)).ToList();

    /// <summary>Runs <c>promtool check rules</c> on the expressions as recording rules; returns its output when it fails.</summary>
    public static string? CheckSyntax(IEnumerable<string> expressions)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-rules-{Guid.NewGuid():N}.yml");
        var rules = expressions.Select((e, i) => $"      - record: dashboard:expression_{i}\n        expr: '{e.Replace("'", "''", StringComparison.Ordinal)}'");
        File.WriteAllText(file, "groups:\n  - name: dashboards\n    rules:\n" + string.Join('\n', rules) + "\n");
        try
        {
            var (exitCode, output) = Promtool("check", "rules", file);
            return exitCode == 0 ? null : output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static (int ExitCode, string Output) Promtool(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start promtool (Debian package prometheus, installed by scripts/setup.sh).");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors);
    }

    [GeneratedRegex(@"(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<matchers>[^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"\bby\s*\((?<labels>[^)]*)\)")]
    private static partial Regex By();
}
