using System.CommandLine;
using OrderStreams.Platform;
using OrderStreams.Operations.History;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// The history check every rebuild from the log shares (app reset, app rebuild, replay, groups reset --to-earliest):
/// the dry run shows it per topic; an execution refuses when the log lost the start of a source partition, unless
/// <c>--accept-partial-history</c> accepts a view that is complete only from a later time.
/// </summary>
internal static class HistoryGuard
{
    public const string AcceptOptionName = "--accept-partial-history";

    public const string CompleteFromSetting = ServiceFleet.CompleteFromSetting;

    /// <summary><see cref="CompleteFromSetting"/> as an environment variable.</summary>
    public const string EnvironmentVariable = "Streams__CompleteFrom";

    /// <summary>A checker that knows the manifest's windowed topics, when this runs in a checkout (else every topic must keep its start).</summary>
    public static HistoryChecker Checker(IEnumerable<KeyValuePair<string, string>> kafkaSettings)
    {
        IReadOnlySet<string> windowed;
        try
        {
            windowed = HistoryChecker.Windowed(TopicsCommand.LoadManifest(null).Topics);
        }
        catch (FileNotFoundException)
        {
            windowed = new HashSet<string>();
        }
        return new HistoryChecker(kafkaSettings, windowed);
    }

    public static Option<bool> AcceptOption() => new(AcceptOptionName)
    {
        Description = "Rebuild even though the log lost the start of a source partition; "
                      + "the view is then marked complete only from the first time every partition still holds.",
    };

    /// <summary>The history of each source topic: complete, or which partitions lost their start, how many records and since when they hold records.</summary>
    public static void Print(HistoryReport report)
    {
        var table = new Table().Title("history in the log").AddColumns("source topic", "partitions", "oldest record", "history");
        foreach (var topic in report.ByTopic())
        {
            var history = topic.Complete ? "complete (every partition starts at offset 0)"
                : topic.Windowed ? $"keeps a window by design (role window): starts {HistoryReport.Text(topic.CompleteFrom!.Value)}, not needed before"
                : $"start gone in partition(s) {string.Join(", ", topic.StartGone)}: {topic.RecordsGone:N0} record(s) gone, "
                  + $"complete from {HistoryReport.Text(topic.CompleteFrom!.Value)}";
            var oldest = topic.OldestRecord is { } time ? HistoryReport.Text(time) : "-";
            table.AddRow(Markup.Escape(topic.Topic), $"{topic.Partitions}", oldest, Markup.Escape(history));
        }
        AnsiConsole.Write(table);
        if (report.CompleteFrom is { } from)
            Console.WriteLine($"A rebuild from this log is complete only from {HistoryReport.Text(from)}: earlier records of those partitions are gone.");
    }

    /// <summary>
    /// Whether an execution may go on: yes with the whole history; without it only when <paramref name="accepted"/>,
    /// else the refusal goes to standard error.
    /// </summary>
    public static bool Allows(HistoryReport report, bool accepted, string rebuild)
    {
        if (report.Complete) return true;
        if (!accepted)
        {
            Console.Error.WriteLine($"orderstreams: {report.Refusal(rebuild, AcceptOptionName)}");
            return false;
        }
        Console.WriteLine($"Partial history accepted: the rebuilt view is complete only from {HistoryReport.Text(report.CompleteFrom!.Value)}.");
        return true;
    }

    /// <summary>The settings that mark a rebuilt service's view complete only from the report's time; none with the whole history.</summary>
    public static Dictionary<string, string> Settings(HistoryReport report) =>
        report.CompleteFrom is { } from ? new() { [CompleteFromSetting] = HistoryReport.Text(from) } : [];
}
