using System.CommandLine;
using System.Text;
using OrderStreams.Operations.Clients;
using OrderStreams.Operations.DeadLetters;
using OrderStreams.OrderFlow;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams dlq redrive &lt;service&gt;</c>: dead letters back to the partition they were read from, as they were
/// (after the service was fixed) or corrected (<c>--value-json</c>, <c>--key</c>). Prints the plan and produces nothing
/// without <c>--execute</c>; each dead letter is redriven once, however often the command runs.
/// </summary>
internal static class DlqRedriveCommand
{
    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var manifestFile = TopicsCommand.ManifestOption();
        var service = DlqCommand.ServiceArgument();
        var at = new Option<string[]>("--at") { Description = "Only the dead letter at partition:offset (repeatable; default: every one not yet redriven)." };
        var valueJson = new Option<FileInfo?>("--value-json") { Description = "Redrive this value instead (Avro's JSON encoding, as dlq show prints it), encoded with the source topic's schema from the registry." };
        var key = new Option<string?>("--key") { Description = "Redrive with this key instead (the partition follows the key)." };
        var routing = new Option<string?>("--branch-routing") { Description = "The services' BranchRouting (branch=partition,…), to place a corrected key." };
        var skipEarlier = new Option<bool>("--skip-earlier") { Description = "Mark dead letters before the chosen ones handled without redriving them." };
        var execute = new Option<bool>("--execute") { Description = "Produce the plan. Without it, nothing changes." };
        var command = new Command("redrive", "Put dead letters back on their source topic partition, original or corrected, exactly once (dry run unless --execute).")
        {
            service, at, valueJson, key, routing, skipEarlier, execute, manifestFile,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            using var cluster = new ClusterConnection(connection.KafkaSettings(parse));
            var queue = new DeadLetterQueue(cluster, DlqCommand.ServiceName(parse.GetValue(service)!));
            var letters = await ScanProgressView.RunAsync($"reading {queue.Topic}", "dead letters", progress => Task.Run(() => queue.ReadAll(progress, cancellation), cancellation));
            var chosen = parse.GetValue(at) is { Length: > 0 } given ? given.Select(DlqCommand.Address).ToList() : null;
            var correction = await CorrectionAsync(parse, connection, cluster, letters, chosen, parse.GetValue(valueJson), parse.GetValue(key), parse.GetValue(routing), parse.GetValue(manifestFile));

            var redriver = new DeadLetterRedriver(cluster, queue);
            var plan = redriver.Plan(letters, chosen, correction, parse.GetValue(skipEarlier));
            Print(plan);
            if (plan.Steps.Count == 0)
            {
                Console.WriteLine($"Nothing to redrive: {(plan.AlreadyRedriven.Count > 0 ? "the chosen dead letters were redriven already" : $"every dead letter of {queue.Topic} is handled")}.");
                return ExitCodes.Ok;
            }
            if (!parse.GetValue(execute))
            {
                Console.WriteLine("Dry run: nothing produced. Run again with --execute to redrive.");
                return ExitCodes.Ok;
            }
            try
            {
                var produced = redriver.Execute(plan);
                Console.WriteLine($"Redrove {produced} record(s); {plan.Steps.Count - produced} marked handled without redriving. Committed to {queue.RedriveGroup}.");
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"orderstreams: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static async Task<RedriveCorrection?> CorrectionAsync(
        ParseResult parse, KafkaConnectionOptions connection, ClusterConnection cluster, IReadOnlyList<DeadLetter> letters,
        IReadOnlyList<(int Partition, long Offset)>? chosen, FileInfo? valueJson, string? key, string? routing, FileInfo? manifestFile)
    {
        if (valueJson is null && key is null) return null;
        var pending = letters.Where(d => !d.Redriven).ToList();
        var target = chosen switch
        {
            [var only] => only,
            null when pending.Count == 1 => (pending[0].Partition, pending[0].Offset),
            _ => throw new InvalidDataException("A correction (--value-json, --key) replaces one dead letter: name it with a single --at partition:offset."),
        };
        var letter = letters.FirstOrDefault(d => (d.Partition, d.Offset) == target)
            ?? throw new InvalidDataException($"{target.Partition}:{target.Offset} is not a dead letter of this service.");
        if (letter.Redriven || letter.Reason is not { } reason) return null;

        var value = letter.Value ?? [];
        if (valueJson is not null)
        {
            if (!valueJson.Exists) throw new InvalidDataException($"--value-json: {valueJson.FullName} does not exist.");
            var manifest = TopicsCommand.LoadManifest(manifestFile);
            var schema = manifest.Topics.FirstOrDefault(t => t.Name == reason.SourceTopic)?.ValueSchema;
            using var registry = connection.SchemaRegistry(parse);
            value = await CorrectedValue.FromJsonAsync(registry, reason.SourceTopic, await File.ReadAllTextAsync(valueJson.FullName), schema);
        }
        int? partition = null;
        if (key is not null)
        {
            BranchRoutingTable table;
            try
            {
                table = BranchRoutingTable.Parse(routing);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
            partition = table.PartitionFor(key, cluster.PartitionsOf([reason.SourceTopic]).Count);
        }
        return new RedriveCorrection(target.Partition, target.Offset, value, key is null ? null : Encoding.UTF8.GetBytes(key), partition);
    }

    private static void Print(RedrivePlan plan)
    {
        var table = new Table().Title(Markup.Escape($"redrive plan for {plan.Queue.Topic}")).AddColumns("dead letter", "action", "to", "source", "reason");
        foreach (var step in plan.Steps)
        {
            var reason = step.DeadLetter.Reason;
            var action = step.Action switch { RedriveAction.Original => "redrive as it was", RedriveAction.Corrected => "redrive corrected", _ => "skip (mark handled)" };
            var to = step.Target is { } t ? $"{t.Topic}/{t.Partition.Value}" : "-";
            var source = reason is null ? "?" : $"{reason.SourceTopic}/{reason.SourcePartition}/{reason.SourceOffset}";
            table.AddRow($"{step.DeadLetter.Partition}:{step.DeadLetter.Offset}", action, Markup.Escape(to), Markup.Escape(source), Markup.Escape(reason?.Exception ?? "?"));
        }
        foreach (var done in plan.AlreadyRedriven) table.AddRow($"{done.Partition}:{done.Offset}", "none: redriven already", "-", "-", "-");
        AnsiConsole.Write(table);
    }
}
