using System.Diagnostics;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>Reads the <c>traceparent</c> header of every record of a topic with kcat, an independent Kafka client.</summary>
internal static class KcatHeaders
{
    /// <summary>The traceparent of every record, by partition and offset (null: the record has none).</summary>
    public static IReadOnlyDictionary<(int Partition, long Offset), string?> TraceParents(string bootstrapServers, string topic)
    {
        var start = new ProcessStartInfo("kcat", ["-C", "-b", bootstrapServers, "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%p %o %h\\n"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kcat = Process.Start(start)!;
        var errors = kcat.StandardError.ReadToEndAsync();
        var records = new Dictionary<(int, long), string?>();
        while (kcat.StandardOutput.ReadLine() is { } line)
        {
            var parts = line.Split(' ', 3);
            var traceParent = parts.Length < 3 ? null
                : parts[2].Split(',').Select(h => h.Split('=', 2)).FirstOrDefault(h => h[0] == "traceparent" && h.Length == 2)?[1];
            records[(int.Parse(parts[0]), long.Parse(parts[1]))] = traceParent;
        }
        if (!kcat.WaitForExit(TimeSpan.FromSeconds(60))) kcat.Kill();
        if (kcat.ExitCode != 0) throw new InvalidOperationException($"kcat on {topic} exited with {kcat.ExitCode}: {errors.Result}");
        return records;
    }
}
