namespace OrderStreams.Bench.Peer;

/// <summary>The two engines the peer benchmark compares.</summary>
public enum PeerEngine
{
    Runtime,
    Streamiz,
}
