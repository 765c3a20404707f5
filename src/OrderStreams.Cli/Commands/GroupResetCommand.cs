using System.CommandLine;
using System.Globalization;
using OrderStreams.Operations.Groups;
using OrderStreams.Operations.History;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams groups reset</c>: kafka-consumer-groups --reset-offsets semantics. Prints the plan and changes
/// nothing unless <c>--execute</c>; refuses while the group has active members, and, to the earliest offset, when the
/// log lost the start of a partition, unless <c>--accept-partial-history</c>.
/// </summary>
internal static class GroupResetCommand
{
    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var group = new Option<string>("--group") { Description = "The consumer group (a service's application id).", Required = true };
        var topics = new Option<string[]>("--topic") { Description = "topic or topic:p,p,… (repeatable; default: every topic the group has committed offsets on)." };
        var toEarliest = new Option<bool>("--to-earliest") { Description = "Reprocess everything still in the log." };
        var toLatest = new Option<bool>("--to-latest") { Description = "Skip everything not yet consumed." };
        var toDateTime = new Option<DateTimeOffset?>("--to-datetime") { Description = "The first offset at or after this time (ISO 8601, e.g. 2026-11-22T08:00:00Z)." };
        var toOffset = new Option<long?>("--to-offset") { Description = "This offset on every selected partition." };
        var shiftBy = new Option<long?>("--shift-by") { Description = "Move by this many records (negative: back)." };
        var execute = new Option<bool>("--execute") { Description = "Apply the plan. Without it, nothing changes." };
        var acceptPartial = HistoryGuard.AcceptOption();

        var command = new Command("reset", "Move a group's committed offsets (dry run unless --execute).")
        {
            group, topics, toEarliest, toLatest, toDateTime, toOffset, shiftBy, execute, acceptPartial,
        };
        connection.AddTo(command);
        command.Validators.Add(result =>
        {
            var chosen = new Option[] { toEarliest, toLatest, toDateTime, toOffset, shiftBy }.Count(o => result.GetResult(o) is { Implicit: false });
            if (chosen != 1) result.AddError("Choose exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset, --shift-by.");
        });
        command.SetAction(parse =>
        {
            var name = parse.GetValue(group)!;
            ResetTarget target = parse.GetValue(toEarliest) ? new ResetTarget.Earliest()
                : parse.GetValue(toLatest) ? new ResetTarget.Latest()
                : parse.GetValue(toDateTime) is { } time ? new ResetTarget.ToDateTime(time)
                : parse.GetValue(toOffset) is { } offset ? new ResetTarget.ToOffset(offset)
                : new ResetTarget.ShiftBy(parse.GetValue(shiftBy)!.Value);

            var settings = connection.KafkaSettings(parse);
            using var resetter = new OffsetResetter(settings);
            var partitions = SelectPartitions(resetter, settings, name, parse.GetValue(topics) ?? []);
            var plan = resetter.Plan(name, partitions, target);
            Print(name, plan);
            HistoryReport? history = null;
            if (target is ResetTarget.Earliest)
            {
                using var checker = HistoryGuard.Checker(settings);
                history = checker.Check(partitions);
                HistoryGuard.Print(history);
            }

            if (!parse.GetValue(execute))
            {
                try
                {
                    resetter.EnsureInactive(name, plan);
                    Console.WriteLine("Dry run: nothing changed. Run again with --execute to apply.");
                }
                catch (ActiveGroupException e)
                {
                    Console.WriteLine($"Dry run: nothing changed. {e.Message}");
                }
                return ExitCodes.Ok;
            }
            var accepted = parse.GetValue(acceptPartial);
            if (history is not null && !HistoryGuard.Allows(history, accepted, $"a reset of '{name}' to the earliest offsets")) return ExitCodes.Failure;
            try
            {
                resetter.Apply(name, plan);
            }
            catch (ActiveGroupException e)
            {
                Console.Error.WriteLine($"orderstreams: {e.Message}");
                return ExitCodes.Failure;
            }
            Console.WriteLine($"Reset {plan.Count} partition(s) of '{name}'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<Confluent.Kafka.TopicPartition> SelectPartitions(OffsetResetter resetter, Dictionary<string, string> settings, string group, string[] selections)
    {
        if (selections.Length == 0)
        {
            using var reader = new Operations.Lag.LagReader(settings);
            var consumed = reader.TopicsOf(group);
            if (consumed.Count == 0) throw new InvalidDataException($"Group '{group}' has committed no offsets; name its topics with --topic.");
            return resetter.PartitionsOf(consumed);
        }
        var chosen = new List<Confluent.Kafka.TopicPartition>();
        foreach (var selection in selections)
        {
            var (topic, list) = selection.Split(':', 2) is [var t, var p] ? (t, p) : (selection, null);
            var all = resetter.PartitionsOf([topic]);
            if (list is null)
            {
                chosen.AddRange(all);
                continue;
            }
            foreach (var part in list.Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || all.All(tp => tp.Partition.Value != number))
                    throw new InvalidDataException($"'{selection}': {topic} has no partition '{part}' (it has 0..{all.Count - 1}).");
                chosen.Add(new Confluent.Kafka.TopicPartition(topic, number));
            }
        }
        return chosen;
    }

    private static void Print(string group, IReadOnlyList<OffsetReset> plan)
    {
        var table = new Table().Title($"reset plan for {Markup.Escape(group)}").AddColumns("topic", "partition", "current", "target", "log start", "log end", "records re-read (+) / skipped (-)");
        foreach (var p in plan)
            table.AddRow(p.Topic, $"{p.Partition}", p.Current?.ToString(CultureInfo.InvariantCulture) ?? "-", $"{p.Target}", $"{p.LogStart}", $"{p.LogEnd}", $"{p.Change:+#;-#;0}");
        AnsiConsole.Write(table);
    }
}
