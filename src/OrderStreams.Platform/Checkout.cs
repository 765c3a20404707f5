using OrderStreams.Kafka.Topics;

namespace OrderStreams.Platform;

/// <summary>The OrderStreams checkout the CLI runs in: found by its topic manifest above the current directory.</summary>
public static class Checkout
{
    public static string Root() => Path.GetDirectoryName(Path.GetDirectoryName(TopicManifest.Locate(Environment.CurrentDirectory)))!;

    /// <summary>Where <c>orderstreams dev</c> keeps its state by default.</summary>
    public static string DevStateDirectory() => Path.Combine(Root(), ".state", "dev");
}
