using System.CommandLine;
using System.Text.Json;
using OrderStreams.Kafka.Topics;
using Spectre.Console;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams topics</c>: the topic manifest against any cluster (Apache Kafka or the embedded broker).</summary>
internal static class TopicsCommand
{
    public static Command Create() => new("topics", $"The topics of {TopicManifest.RelativePath} against a cluster: list, describe, apply.")
    {
        List(), TopicsDescribeCommand.Create(), TopicsApplyCommand.Create(),
    };

    /// <summary>The <c>--manifest</c> option every topics command takes.</summary>
    public static Option<FileInfo?> ManifestOption() => new("--manifest") { Description = $"Topic manifest (default: {TopicManifest.RelativePath} of this checkout)." };

    public static TopicManifest LoadManifest(FileInfo? file) => TopicManifest.Load(file?.FullName ?? TopicManifest.Locate(Environment.CurrentDirectory));

    /// <summary>Topics whose names start with <c>__</c> are the broker's own (offsets, transactions).</summary>
    public static bool IsBrokerInternal(string topic) => topic.StartsWith("__", StringComparison.Ordinal);

    private static Command List()
    {
        var connection = new KafkaConnectionOptions();
        var manifestFile = ManifestOption();
        var all = new Option<bool>("--all") { Description = "Include the broker's internal topics (__consumer_offsets, …)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "Every topic of the cluster and of the manifest: partitions, replication, and how it stands against the manifest.")
        {
            manifestFile, all, json,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var manifest = LoadManifest(parse.GetValue(manifestFile));
            using var admin = connection.TopicAdmin(parse);
            var described = (await admin.DescribeTopicsAsync(null, cancellation))
                .Where(d => parse.GetValue(all) || !IsBrokerInternal(d.Name))
                .ToDictionary(d => d.Name, StringComparer.Ordinal);
            var declared = manifest.Topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var listing = described.Keys.Union(declared.Keys).Order(StringComparer.Ordinal).Select(name =>
            {
                var current = described.GetValueOrDefault(name);
                var standing = declared.TryGetValue(name, out var spec) ? Standing(TopicCheck.Of(spec, current)) : "not in manifest";
                return new TopicListing(name, current?.Partitions.Count, current?.ReplicationFactor, standing);
            }).ToList();

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(listing, TopicsJson.Default.ListTopicListing));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("topic", "partitions", "replication", "manifest");
            foreach (var row in listing)
                table.AddRow(Markup.Escape(row.Name), $"{row.Partitions?.ToString() ?? "-"}", $"{row.Replication?.ToString() ?? "-"}", Markup.Escape(row.Manifest));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One line on how a manifest topic stands: matches, missing, or what differs.</summary>
    public static string Standing(TopicCheck check) => check.Status switch
    {
        TopicStatus.Missing => "missing",
        TopicStatus.Differs => "differs: " + string.Join("; ", check.Differences.Select(d => $"{d.Setting} {d.Cluster} (manifest {d.Manifest})")),
        _ => check.ConfigsNotChecked is null ? "matches" : "matches (configs not checked)",
    };
}
