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
    /// The exported family name: the instrument name with every character outside <c>[a-zA-Z0-9_:]</c> made <c>_</c>,
    /// the unit's suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, …) unless already there, and
    /// <c>_total</c> for counters.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (!instrumentName.StartsWith(KafkaExporterNamespace, StringComparison.Ordinal)
            && UnitSuffix(unit) is { } suffix
            && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
            name = $"{name}_{suffix}";
        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        return name;
    }

    public static string LabelName(string tagKey) => Sanitize(tagKey, allowColon: false);

    /// <summary>Only units with a conventional Prometheus spelling get a suffix; annotations such as <c>{record}</c> get none.</summary>
    private static string? UnitSuffix(string? unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "%" => "percent",
        _ => null,
    };

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
            return "_";
        return string.Create(name.Length + (char.IsAsciiDigit(name[0]) ? 1 : 0), (name, allowColon), static (span, state) =>
        {
            var (source, colon) = state;
            var offset = 0;
            if (char.IsAsciiDigit(source[0]))
                span[offset++] = '_';
            foreach (var c in source)
                span[offset++] = char.IsAsciiLetterOrDigit(c) || c == '_' || (colon && c == ':') ? c : '_';
        });
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
