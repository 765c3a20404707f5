using System.CommandLine;
using System.Globalization;
using OrderStreams.Bench;
using OrderStreams.Bench.Rebalance;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;
using OrderStreams.Streams;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams bench rebalance</c>: the processing pause of scaling out 1→2→3 instances, classic vs KIP-848 groups.</summary>
internal static class RebalanceBenchCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Scale-outs per protocol; figures are reported per run, then as median and range.", DefaultValueFactory = _ => 3 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of each of the two co-partitioned source topics.", DefaultValueFactory = _ => 12 };
        var rate = new Option<int>("--rate") { Description = "Records per second into every source partition.", DefaultValueFactory = _ => 50 };
        var stall = new Option<int>("--stall-ms") { Description = "A partition unprocessed for longer than this has stalled.", DefaultValueFactory = _ => 500 };
        var session = new Option<int>("--classic-session-timeout-ms") { Description = "session.timeout.ms of classic members (the dev platform's).", DefaultValueFactory = _ => 6000 };
        var command = new Command("rebalance", "Measure, on the embedded broker, how long processing pauses when a streams application scales out 1→2→3 instances, with classic (range) and KIP-848 consumer groups.")
        {
            runs, partitions, rate, stall, session,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new RebalanceBenchSettings(
                parse.GetValue(partitions), parse.GetValue(rate), TimeSpan.FromMilliseconds(parse.GetValue(stall)),
                parse.GetValue(session), TimeSpan.FromMinutes(2));
            var results = await RunAsync(settings, Math.Max(1, parse.GetValue(runs)), cancellation);
            Print(results);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<List<(int Run, ConsumerGroupProtocol Protocol, RebalancePause Pause)>> RunAsync(
        RebalanceBenchSettings settings, int runs, CancellationToken cancellation)
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        using var control = EmbeddedClusterControl.Start(cluster);
        var stateDirectory = Directory.CreateTempSubdirectory("orderstreams-bench-rebalance-").FullName;
        try
        {
            using var topicAdmin = TopicAdmin.Create(new KafkaClientFactory(KafkaClientSettings.For(cluster.BootstrapServers)), control.Url);
            var environment = new BenchEnvironment(cluster.BootstrapServers, BenchCommand.ProducerSettings, BenchCommand.ConsumerSettings, stateDirectory)
            {
                TopicAdmin = topicAdmin,
            };
            var bench = new RebalanceBench(cluster, environment, settings, new Progress<string>(line => Console.Error.WriteLine(line)));
            var results = new List<(int, ConsumerGroupProtocol, RebalancePause)>();
            // Runs alternate the protocols, so a burst of load from elsewhere hits both alike.
            for (var run = 1; run <= runs; run++)
            {
                foreach (var protocol in new[] { ConsumerGroupProtocol.Classic, ConsumerGroupProtocol.Consumer })
                {
                    foreach (var pause in await bench.MeasureAsync(protocol, cancellation)) results.Add((run, protocol, pause));
                }
            }
            return results;
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    private static void Print(List<(int Run, ConsumerGroupProtocol Protocol, RebalancePause Pause)> results)
    {
        Console.WriteLine($"{"protocol",-9} {"step",-5} {"run",4} {"pause ms",9} {"longest stall ms",17} {"stalled partitions",19}");
        foreach (var (run, protocol, p) in results)
            Console.WriteLine($"{protocol,-9} {Step(p),-5} {run,4} {p.PauseMs,9:F0} {p.LongestStallMs,17:F0} {p.StalledPartitions,19}");
        Console.WriteLine();
        Console.WriteLine($"{"protocol",-9} {"step",-5} {"pause ms: median (min–max)",-28} {"longest stall ms: median (min–max)",-36}");
        foreach (var group in results.GroupBy(r => (r.Protocol, Step(r.Pause))))
        {
            Console.WriteLine($"{group.Key.Protocol,-9} {group.Key.Item2,-5} {Summary(group.Select(r => r.Pause.PauseMs)),-28} {Summary(group.Select(r => r.Pause.LongestStallMs)),-36}");
        }
    }

    private static string Step(RebalancePause pause) => $"{pause.Members - 1}→{pause.Members}";

    private static string Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median:F0} ({sorted[0]:F0}–{sorted[^1]:F0})");
    }
}
