using System.Diagnostics;
using OrderStreams.Platform;
using OrderStreams.Kafka.Topics;
using OrderStreams.Streams;

namespace OrderStreams.Bench.Peer;

/// <summary>
/// The Streamiz side of the peer benchmark: its program (built beside the CLI, in the same configuration) and the
/// settings it is started with — the bench's commit interval, our runtime's record cache size and the very producer
/// and consumer settings our runtime's clients get.
/// </summary>
public sealed class StreamizPeer(string assembly)
{
    private const string Project = "OrderStreams.Bench.Streamiz";

    /// <summary>The engines compared, with the versions the peer was built against (read from its output folder).</summary>
    public string Versions =>
        $"runtime (OrderStreams) vs Streamiz.Kafka.Net {Version("Streamiz.Kafka.Net")} on Confluent.Kafka {Version("Confluent.Kafka")}";

    /// <summary>The peer program built in this CLI's configuration, or a message saying how to build it.</summary>
    public static StreamizPeer Locate()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var assembly = Path.Combine(Checkout.Root(), "bench", Project, "bin", configuration, "net10.0", Project + ".dll");
        return File.Exists(assembly)
            ? new StreamizPeer(assembly)
            : throw new FileNotFoundException(
                $"The Streamiz peer is not built: {assembly} is missing (run dotnet build bench/{Project} -c {configuration}).", assembly);
    }

    /// <summary>Starts the peer on <paramref name="mode"/> (a <see cref="PeerProtocol.Modes"/> name).</summary>
    public PeerProcess Start(
        BenchEnvironment environment, string mode, string applicationId, string input, string output,
        TimeSpan? commitInterval = null, int instance = 1, long expectedRecords = 0)
    {
        List<string> arguments =
        [
            "--mode", mode,
            "--bootstrap-servers", environment.BootstrapServers,
            "--application-id", applicationId,
            "--input", input,
            "--output", output,
            "--state-dir", Path.Combine(environment.StateDirectory, applicationId, $"instance-{instance}"),
            "--commit-interval-ms", ((int)(commitInterval ?? BenchEnvironment.CommitInterval).TotalMilliseconds).ToString(),
            "--schema-id", BenchPayload.SchemaId.ToString(),
            "--cache-max-bytes", new StreamsConfig().CacheMaxBytesBuffering.ToString(),
            "--instance", instance.ToString(),
            "--expected-records", expectedRecords.ToString(),
        ];
        foreach (var (key, value) in environment.Clients.ProducerConfig().Where(Passed))
            arguments.AddRange(["--producer", $"{key}={value}"]);
        foreach (var (key, value) in environment.Clients.ConsumerConfig().Where(Passed))
            arguments.AddRange(["--consumer", $"{key}={value}"]);
        return PeerProcess.Start(assembly, arguments);
    }

    /// <summary>Creates what Streamiz would create itself on Apache Kafka: the embedded broker has no CreateTopics.</summary>
    public static Task CreateChangelogAsync(
        BenchEnvironment environment, string applicationId, string store, int partitions, CancellationToken cancellation)
    {
        var admin = environment.TopicAdmin
            ?? throw new InvalidOperationException("The peer benchmark needs a topic admin to create Streamiz's changelogs.");
        var changelog = PeerProtocol.Changelog(applicationId, store);
        var spec = new TopicSpec(changelog, partitions, -1, "compact", -1, "", null, null, $"Changelog of Streamiz store {store}.");
        return admin.EnsureTopicsAsync([spec], cancellation);
    }

    private string Version(string library) =>
        FileVersionInfo.GetVersionInfo(Path.Combine(Path.GetDirectoryName(assembly)!, library + ".dll")).ProductVersion?.Split('+')[0]
            ?? "(unknown version)";

    private static bool Passed(KeyValuePair<string, string> setting) => setting.Key != "bootstrap.servers";
}
