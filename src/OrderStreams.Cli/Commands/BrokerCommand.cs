using System.CommandLine;
using OrderStreams.Platform;
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
            using var kafka = EmbeddedKafka.Start(parse.GetValue(brokers), parse.GetValue(manifest)?.FullName);
            if (parse.GetValue(bootstrapFile) is { } file) await WriteAtomicallyAsync(file, kafka.ConnectionLines[0]);
            foreach (var line in kafka.ConnectionLines) Console.WriteLine(line);
            await Console.Error.WriteLineAsync(
                $"Embedded Kafka: {kafka.Cluster.BrokerCount} brokers, {kafka.Manifest.Topics.Count} topics. In memory only; stop with Ctrl-C.");
            await ShutdownSignal.WaitAsync(cancellation);
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
