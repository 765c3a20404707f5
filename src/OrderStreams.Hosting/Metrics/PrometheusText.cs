using System.Globalization;
using System.Text;

namespace OrderStreams.Hosting.Metrics;

/// <summary>Names, escaping and numbers of the Prometheus text exposition format 0.0.4.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// Instruments under <c>kafka.</c> keep their name without a unit suffix, so that dashboards built for
    /// kafka_exporter (<c>kafka_consumergroup_lag{consumergroup,topic,partition}</c>) work unchanged.
    /// </summary>
    private const string KafkaExporterNamespace = "kafka.";

    /// <summary>
    /// The exported family name: the instrument name in snake_case with every character outside <c>[a-z0-9_]</c>
    /// made <c>_</c>, the base unit's suffix (<c>s</c>, <c>ms</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, …)
    /// unless already there, and <c>_total</c> for counters.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        var name = SnakeCase(instrumentName);
        if (!IsKafkaExporterName(instrumentName)
            && BaseUnit(unit) is ({ } suffix, _)
            && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
            name = $"{name}_{suffix}";
        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        return name;
    }

    /// <summary>What measurements are divided by to be in the base unit: durations are exported in seconds whatever their unit.</summary>
    public static double UnitDivisor(string instrumentName, string? unit) =>
        !IsKafkaExporterName(instrumentName) && BaseUnit(unit) is (_, var divisor) ? divisor : 1;

    public static string LabelName(string tagKey) => SnakeCase(tagKey);

    private static bool IsKafkaExporterName(string instrumentName) =>
        instrumentName.StartsWith(KafkaExporterNamespace, StringComparison.Ordinal);

    /// <summary>Only units with a conventional Prometheus spelling get a suffix; annotations such as <c>{record}</c> get none.</summary>
    private static (string Suffix, double Divisor)? BaseUnit(string? unit) => unit switch
    {
        "s" => ("seconds", 1),
        "ms" => ("seconds", 1e3),
        "us" => ("seconds", 1e6),
        "ns" => ("seconds", 1e9),
        "By" => ("bytes", 1),
        "%" => ("percent", 1),
        _ => null,
    };

    /// <summary><c>consumerGroup.Lag</c> → <c>consumer_group_lag</c>; a leading digit gets a <c>_</c> in front.</summary>
    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            text.Append('_');
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])))
                    text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }
        }

        return text.ToString();
    }

    /// <summary>Appends a label value with <c>\</c>, <c>"</c> and line feeds escaped.</summary>
    public static void AppendLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    /// <summary>Appends HELP text with <c>\</c> and line feeds escaped (quotes stay as they are there).</summary>
    public static void AppendHelp(StringBuilder text, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    public static void AppendValue(StringBuilder text, double value)
    {
        if (double.IsPositiveInfinity(value))
            text.Append("+Inf");
        else if (double.IsNegativeInfinity(value))
            text.Append("-Inf");
        else if (double.IsNaN(value))
            text.Append("NaN");
        else
        {
            Span<char> digits = stackalloc char[32];
            _ = value.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture);
            text.Append(digits[..written]);
        }
    }

    public static void AppendValue(StringBuilder text, long value)
    {
        Span<char> digits = stackalloc char[20];
        _ = value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        text.Append(digits[..written]);
    }

    /// <summary>A tag value as label text: invariant culture, lower-case booleans, empty for null.</summary>
    public static string TagText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
