using OrderStreams.Avro.Specific;

namespace OrderStreams.Simulator.Tests;

/// <summary>Keeps everything the simulator publishes, in order.</summary>
internal sealed class RecordingSink : ITrafficSink
{
    public List<(string Topic, string Key, object Value, DateTimeOffset Timestamp)> Published { get; } = [];

    /// <summary>The trace context of each published event that had one, in order.</summary>
    public List<(string Topic, object Value, string TraceParent)> Traced { get; } = [];

    public void Publish<T>(string topic, string key, T value, DateTimeOffset timestamp, string? traceParent = null)
        where T : class, IAvroRecord<T>
    {
        Published.Add((topic, key, value, timestamp));
        if (traceParent is not null) Traced.Add((topic, value, traceParent));
    }

    public IEnumerable<T> On<T>(string topic) => Published.Where(p => p.Topic == topic).Select(p => (T)p.Value);
}
