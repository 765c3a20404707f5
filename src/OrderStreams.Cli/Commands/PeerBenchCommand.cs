using System.Globalization;
using System.Text.Json;
using OrderStreams.Bench;
using OrderStreams.Bench.Peer;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>bench runtime --peer streamiz</c>: runs the <see cref="PeerBench"/> on a fresh embedded cluster, prints the table,
/// writes JSON.
/// </summary>
internal static class PeerBenchCommand
{
    public static async Task<int> RunAsync(PeerBenchOptions options, FileInfo? json, CancellationToken cancellation)
    {
        var peer = StreamizPeer.Locate();
        var (report, differences) = await BenchCommand.OnEmbeddedClusterAsync<(PeerBenchReport?, IReadOnlyList<string>)>(
            async (cluster, environment, progress) =>
        {
            var bench = new PeerBench(cluster, environment, options.Settings, peer, progress);
            var pipelines = PeerPipeline.All(peer).Where(p => options.Pipelines.Contains(p.Name)).ToList();
            var found = options.VerifyRecords > 0 ? await bench.VerifyAsync(pipelines, options.VerifyRecords, cancellation) : [];
            if (found.Count > 0) return (null, found);
            var ceiling = new List<PipelineSample>();
            var figures = await bench.MeasureAsync(
                pipelines, options.Rounds, options.RestoreRecords, options.ScaleOut, ceiling, cancellation);
            var medians = new PipelineSample(
                Statistics.Median(ceiling.Select(s => s.RecordsPerSecond)), Statistics.Median(ceiling.Select(s => s.P50Ms)),
                Statistics.Median(ceiling.Select(s => s.P99Ms)), Statistics.Median(ceiling.Select(s => s.FirstOutputMs)));
            var report = new PeerBenchReport(
                BenchCommand.Machine(), peer.Versions, options.Rounds, options.Settings, options.VerifyRecords, medians, figures);
            return (report, []);
        });
        if (report is null)
        {
            Console.Error.WriteLine("The engines' outputs differ, so their figures would not compare the same work:");
            foreach (var difference in differences) Console.Error.WriteLine($"  {difference}");
            return ExitCodes.DataError;
        }
        Print(report);
        if (json is not null)
        {
            var text = JsonSerializer.Serialize(report, BenchJson.Default.PeerBenchReport);
            await File.WriteAllTextAsync(json.FullName, text, CancellationToken.None);
        }
        return ExitCodes.Ok;
    }

    public static void Print(PeerBenchReport report)
    {
        var ceiling = report.Ceiling;
        Console.WriteLine(report.Machine);
        Console.WriteLine(
            $"{report.Engines}; medians of {report.Rounds} rounds; outputs compared over {report.VerifiedRecords:N0} records first");
        Console.WriteLine($"pass-through ceiling: {ceiling.RecordsPerSecond:N0} records/s over {report.Settings.Records:N0} records, "
            + $"p50 {ceiling.P50Ms:F2} ms, p99 {ceiling.P99Ms:F2} ms at {report.Settings.LatencyRate:N0} records/s, "
            + $"first output {ceiling.FirstOutputMs:F0} ms");
        Console.WriteLine(
            $"{"figure",-42} {"unit",-10} {"runtime",10} {"streamiz",10} {"streamiz ÷",11} {"runtime ×",10} {"streamiz ×",11}");
        Console.WriteLine($"{"",-42} {"",-10} {"",10} {"",10} {"runtime",11} {"ceiling",10} {"ceiling",11}");
        foreach (var f in report.Figures)
        {
            Console.WriteLine(
                $"{f.Figure,-42} {f.Unit,-10} {Value(f.Runtime, f.Unit),10} {Value(f.Streamiz, f.Unit),10} {f.StreamizToRuntime,11:F2} "
                + $"{Ratio(f.RuntimeToCeiling),10} {Ratio(f.StreamizToCeiling),11}");
        }
    }

    private static string Value(double value, string unit) => unit switch
    {
        "records/s" or "partitions" => value.ToString("N0", CultureInfo.InvariantCulture),
        "s" => value.ToString("F2", CultureInfo.InvariantCulture),
        _ => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "";
}
