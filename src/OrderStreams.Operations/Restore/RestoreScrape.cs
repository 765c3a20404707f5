using System.Globalization;
using System.Text.RegularExpressions;

namespace OrderStreams.Operations.Restore;

/// <summary>
/// Which store partitions a service restores, read from its <c>/metrics</c>: the runtime's <c>streams_restore_remaining</c>
/// and <c>streams_restore_restored</c> gauges (labels <c>store</c>, <c>partition</c>) exist only while a partition restores.
/// </summary>
public static partial class RestoreScrape
{
    private const string Remaining = "streams_restore_remaining";
    private const string Restored = "streams_restore_restored";

    public static IReadOnlyList<PartitionRestore> Parse(string metrics)
    {
        var progress = new Dictionary<(string Store, int Partition), (long Restored, long Remaining)>();
        foreach (var line in metrics.Split('\n'))
        {
            var match = Sample().Match(line.Trim());
            if (!match.Success || match.Groups["name"].Value is not (Remaining or Restored)) continue;
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (!labels.TryGetValue("store", out var store) || !labels.TryGetValue("partition", out var text)
                || !int.TryParse(text, CultureInfo.InvariantCulture, out var partition)
                || !double.TryParse(match.Groups["value"].Value, CultureInfo.InvariantCulture, out var value)) continue;
            var known = progress.GetValueOrDefault((store, partition));
            progress[(store, partition)] = match.Groups["name"].Value == Remaining
                ? known with { Remaining = (long)value }
                : known with { Restored = (long)value };
        }
        return progress.Select(p => new PartitionRestore(p.Key.Store, p.Key.Partition, p.Value.Restored, p.Value.Remaining))
            .OrderBy(p => p.Partition).ThenBy(p => p.Store, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>.*)\}\s+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
