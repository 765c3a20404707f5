using System.CommandLine;
using System.Text.Json;
using OrderStreams.Platform;
using OrderStreams.Operations.Lag;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams groups</c>: consumer-group lag with Burrow-style status.</summary>
internal static class GroupsCommand
{
    public static Command Create() => new("groups", "Consumer groups: lag per group, topic and partition, and offset resets.") { Lag(), GroupResetCommand.Create() };

    private static Command Lag()
    {
        var connection = new KafkaConnectionOptions();
        var groups = new Option<string[]>("--group") { Description = "Group(s) to show (default: every service of the platform).", AllowMultipleArgumentsPerToken = true };
        var topics = new Option<string[]>("--topic") { Description = "Only these topics (default: every topic the group has committed offsets on, and a service's input topics)." };
        var watch = new Option<bool>("--watch") { Description = "Refresh every two seconds; statuses follow Burrow's rules over the last ten readings." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document per reading instead of a table." };

        var command = new Command("lag", "Committed offset, end offset and lag in records and seconds per partition, with an OK/WARN/STALL/STOP/REWIND status.")
        {
            groups, topics, watch, json,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            using var reader = new LagReader(connection.KafkaSettings(parse));
            var names = parse.GetValue(groups) is { Length: > 0 } given ? given : ServiceCatalog.All.Select(s => s.Name).ToArray();
            if (names.Length == 0) throw new InvalidDataException("Name a group with --group.");
            var windows = names.ToDictionary(n => n, _ => new LagWindow());
            do
            {
                var readings = names.Select(group =>
                {
                    // A service that has not committed yet still lags on its inputs, from the log start.
                    var inputs = ServiceCatalog.All.FirstOrDefault(s => s.Name == group)?.InputTopics ?? [];
                    var wanted = parse.GetValue(topics) is { Length: > 0 } only ? only : reader.TopicsOf(group).Union(inputs, StringComparer.Ordinal);
                    var reading = reader.Read(group, wanted);
                    windows[group].Add(reading);
                    return LagReport.From(reading, windows[group].Evaluate(reading.At));
                }).ToList();
                if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(readings, LagReportJson.Default.ListLagReport));
                else Print(readings);
            }
            while (parse.GetValue(watch) && await Pause(cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(IReadOnlyList<LagReport> reports)
    {
        var table = new Table().AddColumns("group", "topic", "partition", "committed", "end", "lag", "lag s", "status");
        foreach (var report in reports)
        {
            foreach (var p in report.Partitions)
                table.AddRow(report.Group, p.Topic, $"{p.Partition}", p.CommittedOffset?.ToString() ?? "-", $"{p.EndOffset}", $"{p.Lag}", $"{p.LagSeconds:F1}", p.Status);
            table.AddRow($"[bold]{Markup.Escape(report.Group)}[/]", "", "", "", "total", $"[bold]{report.TotalLag}[/]", $"{report.MaxLagSeconds:F1}", $"[bold]{report.Status}[/]");
        }
        AnsiConsole.Write(table);
    }

    private static async Task<bool> Pause(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
