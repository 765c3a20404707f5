using System.Globalization;

namespace OrderStreams.Kafka.Topics;

/// <summary>
/// How long a topic keeps records, compared between the manifest and a cluster's configs. A topic whose policy
/// includes delete loses records older than retention.ms (-1: never) and, with retention.bytes, the oldest records of
/// a partition past that size; a compact-only topic keeps the latest value per key for ever.
/// </summary>
internal static class TopicRetention
{
    /// <summary>Why <paramref name="configs"/> keep less history than <paramref name="spec"/> asks, or null when they keep as much.</summary>
    public static string? Shortfall(TopicSpec spec, IReadOnlyDictionary<string, string> configs)
    {
        if (!Policies(configs.GetValueOrDefault("cleanup.policy") ?? "delete").Contains("delete")) return null;
        var asked = Policies(spec.CleanupPolicy).Contains("delete") ? spec.RetentionMs : -1;
        var reasons = new List<string>();
        if (Number(configs, "retention.ms") is { } kept and >= 0 && (asked < 0 || kept < asked))
            reasons.Add($"records are deleted after {Duration(kept)}, the manifest keeps them {(asked < 0 ? "forever" : Duration(asked))}");
        if (Number(configs, "retention.bytes") is { } bytes and >= 0)
            reasons.Add($"retention.bytes {bytes.ToString(CultureInfo.InvariantCulture)} deletes a partition's oldest records past that size, the manifest sets no size limit");
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    public static HashSet<string> Policies(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Milliseconds in the manifest's units (7d, 12h, 90m, 30s, else ms).</summary>
    public static string Duration(long ms) => ms switch
    {
        _ when ms > 0 && ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
        _ when ms > 0 && ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
        _ when ms > 0 && ms % 60_000 == 0 => $"{ms / 60_000}m",
        _ when ms > 0 && ms % 1_000 == 0 => $"{ms / 1_000}s",
        _ => $"{ms}ms",
    };

    private static long? Number(IReadOnlyDictionary<string, string> configs, string name) =>
        long.TryParse(configs.GetValueOrDefault(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
