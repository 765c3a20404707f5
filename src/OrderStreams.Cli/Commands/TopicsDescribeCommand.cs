using System.CommandLine;
using System.Text.Json;
using Confluent.Kafka;
using OrderStreams.Kafka.Topics;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams topics describe</c>: partitions, leaders, replicas, watermarks and configs.</summary>
internal static class TopicsDescribeCommand
{
    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var manifestFile = TopicsCommand.ManifestOption();
        var names = new Argument<string[]>("topic") { Description = "Topics to describe (default: every topic of the cluster but the broker's own).", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var command = new Command("describe", "Partitions (leader, replicas, in-sync replicas, low and high watermark) and configs of topics.")
        {
            names, manifestFile, json,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var manifest = TopicsCommand.LoadManifest(parse.GetValue(manifestFile));
            var wanted = parse.GetValue(names) is { Length: > 0 } given ? given : null;
            using var admin = connection.TopicAdmin(parse);
            var described = (await admin.DescribeTopicsAsync(wanted, cancellation)).Where(d => wanted is not null || !TopicsCommand.IsBrokerInternal(d.Name)).ToList();
            var missing = wanted?.Except(described.Select(d => d.Name)).ToList() ?? [];
            if (missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"orderstreams: no such topic: {string.Join(", ", missing)}");
                return ExitCodes.NoInput;
            }

            var watermarks = TopicWatermarks.Query(
                connection.Clients(parse),
                described.SelectMany(d => d.Partitions.Select(p => new TopicPartition(d.Name, p.Id))));
            var declared = manifest.Topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var reports = described.Select(d => new TopicReport(
                d.Name,
                d.ReplicationFactor,
                d.Partitions.Select(p =>
                {
                    var marks = watermarks[new TopicPartition(d.Name, p.Id)];
                    return new PartitionReport(p.Id, p.Leader, p.Replicas, p.InSyncReplicas, marks.Low.Value, marks.High.Value);
                }).ToList(),
                d.Configs,
                d.ConfigsUnavailable,
                declared.TryGetValue(d.Name, out var spec) ? TopicsCommand.Standing(TopicCheck.Of(spec, d)) : "not in manifest")).ToList();

            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(reports, TopicsJson.Default.ListTopicReport));
            else foreach (var report in reports) Print(report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TopicReport report)
    {
        var title = $"{report.Name}: {report.Partitions.Count} partitions, replication {report.ReplicationFactor}, {report.Partitions.Sum(p => p.Records)} records; manifest: {report.Manifest}";
        var table = new Table().Title(Markup.Escape(title)).AddColumns("partition", "leader", "replicas", "in sync", "low", "high", "records");
        foreach (var p in report.Partitions)
            table.AddRow($"{p.Partition}", $"{p.Leader}", string.Join(",", p.Replicas), string.Join(",", p.InSyncReplicas), $"{p.LowWatermark}", $"{p.HighWatermark}", $"{p.Records}");
        AnsiConsole.Write(table);
        var configs = report.Configs is null
            ? $"configs: unknown ({report.ConfigsUnavailable})"
            : "configs: " + string.Join(", ", report.Configs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        Console.WriteLine(configs);
        Console.WriteLine();
    }
}
