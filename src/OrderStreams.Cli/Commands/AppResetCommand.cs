using System.CommandLine;
using OrderStreams.Platform;
using OrderStreams.Operations.Groups;
using OrderStreams.Operations.History;
using OrderStreams.Operations.Lag;
using OrderStreams.Operations.Rebuild;
using OrderStreams.Operations.Reset;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams app reset &lt;service&gt;</c>: kafka-streams-application-reset in one step, so the restarted service
/// rebuilds its state and outputs from the log. Prints the plan and changes nothing unless <c>--execute</c>; refuses
/// while the group has members, and when the log lost the start of a source partition unless
/// <c>--accept-partial-history</c>; <c>--follow</c> shows the rebuild after the restart with a progress bar and ETA.
/// </summary>
internal static class AppResetCommand
{
    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var platformUrl = AppTarget.PlatformUrlOption();
        var service = new Argument<string>("service") { Description = $"One of {string.Join(", ", ServiceCatalog.All.Select(s => s.Name))}." };
        var applicationId = new Option<string?>("--application-id") { Description = "The version to reset (default: the one answering queries, or the service's name)." };
        var stateDir = new Option<DirectoryInfo?>("--state-dir") { Description = "The service's Streams:StateDir on this machine (default: the dev platform's)." };
        var execute = new Option<bool>("--execute") { Description = "Apply the plan. Without it, nothing changes." };
        var follow = new Option<bool>("--follow") { Description = "After the reset, show the rebuild (progress and ETA) until the restarted service has caught up." };
        var acceptPartial = HistoryGuard.AcceptOption();

        var command = new Command("reset", "Reset a service to rebuild its state and outputs from the log (dry run unless --execute).")
        {
            service, applicationId, stateDir, execute, follow, acceptPartial, platformUrl,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => AppTarget.GuardedAsync(async () =>
        {
            var spec = ServiceCatalog.Find(parse.GetValue(service)!);
            using var target = await AppTarget.ResolveAsync(parse, connection, platformUrl, cancellation);
            var id = target.ApplicationIdOf(spec, parse.GetValue(applicationId));
            var localState = parse.GetValue(stateDir)?.FullName ?? target.Instance(id)?.StateDirectory;

            using var resetter = new ApplicationResetter(target.KafkaSettings);
            var plan = resetter.Plan(spec.Application(id), localState);
            Print(spec, plan);
            using var checker = HistoryGuard.Checker(target.KafkaSettings);
            var history = checker.Check(spec.HistoryTopics(plan.Application.SourceTopics));
            HistoryGuard.Print(history);
            if (!parse.GetValue(execute))
            {
                using var groups = new OffsetResetter(target.KafkaSettings);
                try
                {
                    groups.EnsureInactive(id, plan.Offsets);
                    Console.WriteLine("Dry run: nothing changed. Run again with --execute to apply.");
                }
                catch (ActiveGroupException e)
                {
                    Console.WriteLine($"Dry run: nothing changed. {e.Message}");
                }
                return ExitCodes.Ok;
            }

            if (!HistoryGuard.Allows(history, parse.GetValue(acceptPartial), $"a reset of '{id}'")) return ExitCodes.Failure;
            ApplicationResetResult result;
            try
            {
                result = resetter.Execute(plan);
            }
            catch (ActiveGroupException e)
            {
                var hint = target.Platform is null ? "" : $" On the dev platform: orderstreams app stop {spec.Name}.";
                await Console.Error.WriteLineAsync($"orderstreams: {e.Message}{hint}");
                return ExitCodes.Failure;
            }
            using var lag = new LagReader(target.KafkaSettings);
            var tracker = new CatchUpTracker(lag, plan.Application);
            Console.WriteLine(
                $"Reset '{id}': {result.PartitionsReset} partition(s) moved, {result.TopicsDeleted} internal topic(s) deleted, " +
                $"{result.TombstonesWritten} changelog tombstone(s) written, local state {(result.StateDirectoryDeleted ? "deleted" : "not on this machine")}.");
            if (target.Platform is { } platform) await platform.FollowAsync(spec.Name, id, "reset", history.CompleteFrom, cancellation);
            Console.WriteLine(target.Platform is null
                ? $"Start {spec.Name} with an empty state directory; it rebuilds {plan.RecordsToReprocess:N0} records from the log."
                : $"Start it (orderstreams app start {spec.Name}); it rebuilds {plan.RecordsToReprocess:N0} records from the log.");
            if (history.CompleteFrom is { } from)
            {
                var time = HistoryReport.Text(from);
                Console.WriteLine(target.Platform is null
                    ? $"Its view is complete only from {time}: start it with {HistoryGuard.EnvironmentVariable}={time} so its /metrics say so."
                    : $"Its view is complete only from {time}: the platform starts it with {HistoryGuard.CompleteFromSetting} so its /metrics say so.");
            }
            if (!parse.GetValue(follow)) return ExitCodes.Ok;
            return await RebuildProgressView.FollowAsync(tracker, id, cancellation) is null ? ExitCodes.Failure : ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(ServiceSpec spec, ApplicationResetPlan plan)
    {
        var offsets = new Table().Title($"reset plan for {Markup.Escape(plan.Application.ApplicationId)}")
            .AddColumns("topic", "partitions", "to", "records re-read (+) / skipped (-)");
        foreach (var topic in plan.Offsets.GroupBy(o => o.Topic))
        {
            var source = plan.Application.SourceTopics.Contains(topic.Key);
            offsets.AddRow(topic.Key, $"{topic.Count()}", source ? "earliest" : "end", $"{topic.Sum(o => o.Change):+#;-#;0}");
        }
        AnsiConsole.Write(offsets);

        var internals = new Table().AddColumns("internal topic", "kind", "action");
        foreach (var step in plan.InternalTopics)
            internals.AddRow(step.Topic.Name, step.Topic.Kind.ToString(), Describe(step.Action));
        if (plan.InternalTopics.Count > 0) AnsiConsole.Write(internals);
        else Console.WriteLine("No internal topics yet.");

        Console.WriteLine(plan.BrokerDeletesTopics
            ? "The cluster deletes topics: internal topics are deleted and created again, empty, when the service starts."
            : "The cluster has no DeleteTopics (embedded broker): changelogs get a tombstone per live key, repartition topics are skipped to their end.");
        Console.WriteLine(plan.StateDirectory is null
            ? "Local state: not on this machine (give --state-dir, or start the instances with empty state directories)."
            : $"Local state to delete: {plan.StateDirectory}.");
        var outputs = spec.OutputTopics.Except(spec.IntermediateTopics).ToList();
        if (outputs.Count > 0)
            Console.WriteLine($"Reprocessing writes {string.Join(", ", outputs)} again: readers see each record's result once more (every step of the order flow tolerates that).");
    }

    private static string Describe(InternalTopicAction action) => action switch
    {
        InternalTopicAction.Delete => "delete",
        InternalTopicAction.WriteTombstones => "tombstone every live key",
        InternalTopicAction.SkipToEnd => "skip to end",
        _ => "keep",
    };
}
