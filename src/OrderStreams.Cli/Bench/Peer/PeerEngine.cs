namespace OrderStreams.Cli.Bench.Peer;

/// <summary>The two engines the peer benchmark compares.</summary>
internal enum PeerEngine
{
    Runtime,
    Streamiz,
}
