using System.CommandLine;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams broker</c>: the embedded Kafka cluster with every manifest topic, until stopped.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers") { Description = "Number of brokers in the cluster.", DefaultValueFactory = _ => 3 };
        var manifest = new Option<FileInfo?>("--manifest") { Description = $"Topic manifest (default: {TopicManifest.RelativePath} of this checkout)." };
        var bootstrapFile = new Option<FileInfo?>("--bootstrap-file") { Description = "Also write the bootstrap.servers line to this file once the topics exist." };

        var command = new Command("broker", "Run the embedded Kafka cluster (librdkafka's mock cluster) on 127.0.0.1 with every topic of the manifest.")
        {
            brokers, manifest, bootstrapFile,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var topics = TopicManifest.Load(parse.GetValue(manifest)?.FullName ?? TopicManifest.Locate(Environment.CurrentDirectory));
            using var cluster = EmbeddedKafkaCluster.Start(parse.GetValue(brokers));
            using var control = EmbeddedClusterControl.Start(cluster);
            foreach (var topic in topics.Topics) cluster.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor);

            var bootstrapLine = $"bootstrap.servers={cluster.BootstrapServers}";
            if (parse.GetValue(bootstrapFile) is { } file) await WriteAtomicallyAsync(file, bootstrapLine);
            Console.WriteLine(bootstrapLine);
            Console.WriteLine($"{EmbeddedClusterControl.UrlSetting}={control.Url}");
            await Console.Error.WriteLineAsync(
                $"Embedded Kafka: {cluster.BrokerCount} brokers, {topics.Topics.Count} topics. In memory only; stop with Ctrl-C.");

            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    // Whoever polls for the file never sees it half-written.
    private static async Task WriteAtomicallyAsync(FileInfo file, string line)
    {
        var partial = file.FullName + ".partial";
        await File.WriteAllTextAsync(partial, line + Environment.NewLine);
        File.Move(partial, file.FullName, overwrite: true);
    }
}
