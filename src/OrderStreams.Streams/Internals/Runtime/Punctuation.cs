using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>One scheduled punctuator; disposing it cancels it.</summary>
internal sealed class Punctuation(long intervalMs, PunctuationType type, Punctuator punctuator, long next) : IDisposable
{
    public PunctuationType Type { get; } = type;

    public bool Cancelled { get; private set; }

    /// <summary>Fires when <paramref name="now"/> reached the next due time, once however many intervals passed, as Kafka does.</summary>
    public bool TryFire(long now)
    {
        if (Cancelled) return false;
        if (next == long.MinValue) next = now;
        if (now < next) return false;
        next = now - (now - next) % intervalMs + intervalMs;
        punctuator(now);
        return true;
    }

    public void Dispose() => Cancelled = true;
}
