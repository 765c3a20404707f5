using System.CommandLine;
using OrderStreams.Platform;
using OrderStreams.Operations.Reset;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams app</c>: operate a service as a whole — reset, rebuild, and on the dev platform start, stop and list instances.</summary>
internal static class AppCommand
{
    private static readonly TimeSpan GroupEmptyTimeout = TimeSpan.FromSeconds(90);

    public static Command Create() => new("app", "Operate a service: rebuild it from the log (reset, blue/green rebuild); start, stop and list its instances on the dev platform.")
    {
        AppResetCommand.Create(), AppRebuildCommand.Create(), Instance("start"), Instance("stop"), Instance("retire"), Status(),
    };

    private static Command Instance(string verb)
    {
        var connection = new KafkaConnectionOptions();
        var platformUrl = AppTarget.PlatformUrlOption();
        var service = new Argument<string>("service") { Description = $"One of {string.Join(", ", ServiceCatalog.All.Select(s => s.Name))}." };
        var applicationId = new Option<string?>("--application-id") { Description = "The version (default: the one answering queries, or the service's only instance)." };
        var command = verb switch
        {
            "start" => new Command("start", "Start a service instance on the dev platform (after app stop or app reset).") { service, applicationId, platformUrl },
            "stop" => new Command("stop", "Stop a service instance on the dev platform: it commits and leaves its group; its lag keeps being watched.") { service, applicationId, platformUrl },
            _ => new Command("retire", "Remove a service instance from the dev platform (a replay, an old version): stop it, delete its local state and, where the cluster can, its internal topics.")
            {
                service, applicationId, platformUrl,
            },
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => AppTarget.GuardedAsync(async () =>
        {
            var spec = ServiceCatalog.Find(parse.GetValue(service)!);
            using var target = await AppTarget.ResolveAsync(parse, connection, platformUrl, cancellation);
            var platform = target.RequirePlatform($"app {verb}");
            var id = target.ApplicationIdOf(spec, parse.GetValue(applicationId));
            if (verb == "retire") return await RetireAsync(target, platform, id, cancellation);
            var instance = verb == "start" ? await platform.StartAsync(spec.Name, id, cancellation) : await platform.StopAsync(id, cancellation);
            Console.WriteLine($"{instance.ApplicationId}: {instance.State}");
            if (verb == "stop") await WaitUntilGroupEmptyAsync(target, spec.Application(id), cancellation);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Retires an instance on the platform and deletes its internal topics where the cluster can.</summary>
    internal static async Task<int> RetireAsync(AppTarget target, Platform.Control.PlatformClient platform, string applicationId, CancellationToken cancellation)
    {
        await platform.RetireAsync(applicationId, cancellation);
        using var resetter = new ApplicationResetter(target.KafkaSettings);
        var deleted = resetter.DeleteInternalTopics(applicationId);
        Console.WriteLine(deleted > 0
            ? $"Retired {applicationId}: stopped, local state and {deleted} internal topic(s) deleted."
            : $"Retired {applicationId}: stopped, local state deleted (its internal topics stay: the cluster cannot delete topics).");
        return ExitCodes.Ok;
    }

    // Brokers drop a member that did not say goodbye (and the embedded one any member) only after its session timeout.
    private static async Task WaitUntilGroupEmptyAsync(AppTarget target, StreamsApplicationSpec application, CancellationToken cancellation)
    {
        using var resetter = new ApplicationResetter(target.KafkaSettings);
        var deadline = DateTime.UtcNow + GroupEmptyTimeout;
        while (resetter.HasActiveMembers(application))
        {
            if (DateTime.UtcNow > deadline)
            {
                Console.WriteLine($"Group '{application.ApplicationId}' still has members after {GroupEmptyTimeout.TotalSeconds:F0} s; another instance may run elsewhere.");
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
        Console.WriteLine($"Group '{application.ApplicationId}' has no members: it can be reset.");
    }

    private static Command Status()
    {
        var connection = new KafkaConnectionOptions();
        var platformUrl = AppTarget.PlatformUrlOption();
        var command = new Command("status", "The dev platform's service instances: state, query route, URL.") { platformUrl };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => AppTarget.GuardedAsync(async () =>
        {
            using var target = await AppTarget.ResolveAsync(parse, connection, platformUrl, cancellation);
            target.RequirePlatform("app status");
            var table = new Table().AddColumns("service", "application id", "state", "queries", "url");
            foreach (var i in target.Info!.Instances)
                table.AddRow(i.Service, i.ApplicationId, i.State, i.Serving ? "yes" : "", i.Url ?? "");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
