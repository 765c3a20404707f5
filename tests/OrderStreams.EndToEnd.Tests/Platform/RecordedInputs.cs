using OrderStreams.Avro.Specific;
using OrderStreams.Simulator;

namespace OrderStreams.EndToEnd.Tests.Platform;

/// <summary>Passes the simulator's events on to Kafka and keeps a copy: the pipeline's inputs, from which the reference is computed.</summary>
internal sealed class RecordedInputs(ITrafficSink kafka) : ITrafficSink
{
    private readonly Lock gate = new();
    private readonly List<(string Topic, object Value, DateTimeOffset Timestamp)> published = [];

    public void Publish<T>(string topic, string key, T value, DateTimeOffset timestamp, string? traceParent = null)
        where T : class, IAvroRecord<T>
    {
        kafka.Publish(topic, key, value, timestamp, traceParent);
        lock (gate) published.Add((topic, value, timestamp));
    }

    /// <summary>Every value published to <paramref name="topic"/> so far, in publishing order.</summary>
    public IReadOnlyList<T> On<T>(string topic)
    {
        lock (gate) return published.Where(p => p.Topic == topic).Select(p => (T)p.Value).ToList();
    }
}
