using System.CommandLine;
using OrderStreams.Kafka.Topics;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams topics apply</c>: creates the manifest's missing topics and reports the ones that differ, never
/// changing an existing topic. Creating is additive and safe, so it runs without an <c>--execute</c>; <c>--dry-run</c>
/// only shows the plan. Exit codes: 0 the cluster matches, 2 a topic differs (left unchanged), 3 a dry run found
/// topics to create, 1 an error.
/// </summary>
internal static class TopicsApplyCommand
{
    public static Command Create()
    {
        var connection = new KafkaConnectionOptions();
        var manifestFile = TopicsCommand.ManifestOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be created; change nothing." };
        var replicationFactor = new Option<short?>("--replication-factor")
        {
            Description = "Replicas per partition for every topic instead of the manifest's, for a cluster with fewer brokers (docker-compose's single node).",
        };
        replicationFactor.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<short?>() is < 1) result.AddError("--replication-factor must be at least 1.");
        });
        var command = new Command("apply", "Create the manifest's missing topics; report (never change) topics that differ. Exit 0: in sync, 2: differences, 3: dry run with topics to create.")
        {
            manifestFile, dryRun, replicationFactor,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var manifest = TopicsCommand.LoadManifest(parse.GetValue(manifestFile));
            var topics = parse.GetValue(replicationFactor) is { } replicas
                ? manifest.Topics.Select(t => t with { ReplicationFactor = replicas }).ToList()
                : manifest.Topics;
            using var admin = connection.TopicAdmin(parse);
            TopicApplyResult result;
            try
            {
                result = await new TopicApplier(admin).ApplyAsync(topics, parse.GetValue(dryRun), cancellation);
            }
            catch (TopicAdminException e)
            {
                await Console.Error.WriteLineAsync($"orderstreams: {e.Message}");
                return ExitCodes.Failure;
            }
            Print(result);
            return result.Drifted.Count > 0 ? ExitCodes.Drift
                : result.DryRun && result.Missing.Count > 0 ? ExitCodes.PendingChanges
                : ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TopicApplyResult result)
    {
        var table = new Table().AddColumns("topic", "status", "detail");
        foreach (var check in result.Checks)
        {
            var (status, detail) = check.Status switch
            {
                TopicStatus.Missing => (result.DryRun ? "to create" : "created", $"{check.Spec.Partitions} partitions, replication {check.Spec.ReplicationFactor}"),
                TopicStatus.Differs => (check.ShorterRetention is null ? "differs" : "differs, shorter retention",
                    string.Join("; ", check.Differences.Select(d => $"{d.Setting}: cluster {d.Cluster}, manifest {d.Manifest}"))),
                _ => ("ok", ""),
            };
            table.AddRow(Markup.Escape(check.Spec.Name), status, Markup.Escape(detail));
        }
        AnsiConsole.Write(table);

        if (result.Checks.Select(c => c.ConfigsNotChecked).FirstOrDefault(r => r is not null) is { } reason)
        {
            Console.WriteLine($"Configs not compared: {reason}.");
            Console.WriteLine("Retention cannot be read from this cluster, so whether a topic keeps less history than the manifest asks is not checked.");
        }
        foreach (var check in result.ShorterRetention)
            Console.WriteLine($"Shorter retention than the manifest asks: {check.Spec.Name}: {check.ShorterRetention}. A rebuild from it can miss records.");
        var matching = result.Checks.Count(c => c.Status == TopicStatus.Matches);
        var created = result.DryRun ? $"{result.Missing.Count} to create (dry run: nothing changed)" : $"{result.Missing.Count} created";
        Console.WriteLine($"{created}, {result.Drifted.Count} differ from the manifest (left unchanged), {matching} match.");
        if (result.Drifted.Count > 0)
            Console.WriteLine("Existing topics are never changed by apply: more partitions would move keys to other partitions, fewer or other configs lose data. Change them deliberately.");
    }
}
