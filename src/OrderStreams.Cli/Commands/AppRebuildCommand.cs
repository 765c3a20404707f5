using System.CommandLine;
using OrderStreams.Platform;
using OrderStreams.Platform.Control;
using OrderStreams.Operations.History;
using OrderStreams.Operations.Lag;
using OrderStreams.Operations.Rebuild;
using OrderStreams.Operations.Reset;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams app rebuild &lt;service&gt;</c>: blue/green. A new version (<c>denormaliser-v2</c>, a new application
/// id, so a new consumer group, internal topics and state) starts beside the running one and builds from the log;
/// when it has caught up, the query gateway switches to it and the old version is retired. The old version answers
/// queries the whole time, and the platform marks the new version's lag as expected. It refuses when the log lost the
/// start of an input partition, unless <c>--accept-partial-history</c> (then the new version's view is marked complete
/// only from the first time every partition still holds).
/// </summary>
internal static class AppRebuildCommand
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var platformUrl = AppTarget.PlatformUrlOption();
        var service = new Argument<string>("service") { Description = "A service that serves queries: " + string.Join(", ", ServiceCatalog.All.Where(s => s.ServesQueries).Select(s => s.Name)) + "." };
        var execute = new Option<bool>("--execute") { Description = "Run the rebuild. Without it, only the plan is printed." };
        var acceptPartial = HistoryGuard.AcceptOption();

        var command = new Command("rebuild", "Blue/green rebuild: start a new version beside the running one, switch queries to it once caught up, retire the old one.")
        {
            service, execute, acceptPartial, platformUrl,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => AppTarget.GuardedAsync(async () =>
        {
            var spec = ServiceCatalog.Find(parse.GetValue(service)!);
            if (!spec.ServesQueries)
            {
                await Console.Error.WriteLineAsync(
                    $"orderstreams: {spec.Name} serves no queries, so there is nothing to switch, and a second version would write {string.Join(", ", spec.OutputTopics)} twice. Rebuild it in place with app reset.");
                return ExitCodes.Usage;
            }
            using var target = await AppTarget.ResolveAsync(parse, connection, platformUrl, cancellation);
            var platform = target.RequirePlatform("app rebuild starts, switches and retires service instances, which");
            var current = target.ApplicationIdOf(spec, null);
            using var lag = new LagReader(target.KafkaSettings);
            using var resetter = new ApplicationResetter(target.KafkaSettings);
            var next = ApplicationVersions.Next(spec.Name, id => target.Instance(id) is not null || lag.TopicsOf(id).Count > 0 || resetter.InternalTopicsOf(id).Count > 0);

            var steps = new Table().Title($"rebuild plan for {Markup.Escape(spec.Name)}").AddColumns("step", "what");
            steps.AddRow("1", $"start {next} beside {current} (new consumer group, internal topics and state; reads every input from the earliest offset)");
            steps.AddRow("2", $"follow its catch-up; the platform exports orderstreams_rebuild_in_progress{{consumergroup=\"{next}\"}} 1 meanwhile");
            steps.AddRow("3", $"switch the query gateway ({platform.Url}query/{spec.Name}/) from {current} to {next}");
            steps.AddRow("4", $"retire {current}: stop it and delete its local state");
            AnsiConsole.Write(steps);
            Console.WriteLine($"{next} writes {string.Join(", ", spec.OutputTopics)} as well while it catches up: readers see every view once more, ending with the current one.");
            using var checker = HistoryGuard.Checker(target.KafkaSettings);
            var history = checker.Check(spec.HistoryTopics(spec.InputTopics));
            HistoryGuard.Print(history);
            if (!parse.GetValue(execute))
            {
                Console.WriteLine("Dry run: nothing changed. Run again with --execute to rebuild.");
                return ExitCodes.Ok;
            }
            if (!HistoryGuard.Allows(history, parse.GetValue(acceptPartial), $"a rebuild of {spec.Name} as {next}")) return ExitCodes.Failure;

            var tracker = new CatchUpTracker(lag, spec.Application(next));
            await platform.StartAsync(spec.Name, next, cancellation, HistoryGuard.Settings(history));
            await platform.FollowAsync(spec.Name, next, "rebuild", history.CompleteFrom, cancellation);
            Console.WriteLine($"Started {next}; {current} keeps answering queries.");
            if (await RebuildProgressView.FollowAsync(tracker, next, cancellation) is null)
            {
                Console.WriteLine($"Stopped following: {next} keeps catching up and {current} keeps answering queries. Run app rebuild again or retire {next}.");
                return ExitCodes.Failure;
            }
            await WaitUntilReadyAsync(platform, next, cancellation);
            await platform.RouteQueriesAsync(next, cancellation);
            Console.WriteLine($"Queries of {spec.Name} now go to {next}.");
            return await AppCommand.RetireAsync(target, platform, current, cancellation);
        }));
        return command;
    }

    // Caught up by its committed offsets is not yet ready to answer: stores may still be restoring after a rebalance.
    private static async Task WaitUntilReadyAsync(PlatformClient platform, string applicationId, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            var state = (await platform.InfoAsync(cancellation)).Instances.FirstOrDefault(i => i.ApplicationId == applicationId)?.State;
            if (state == "running") return;
            if (state is null or "stopped" or "exited") throw new PlatformException($"{applicationId} is {state ?? "gone"}; queries stay where they are.");
            if (DateTime.UtcNow > deadline) throw new PlatformException($"{applicationId} was not ready within {ReadyTimeout.TotalMinutes} minutes; queries stay where they are.");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }
}
