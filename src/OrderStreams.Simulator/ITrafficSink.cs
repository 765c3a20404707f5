using OrderStreams.Avro.Specific;

namespace OrderStreams.Simulator;

/// <summary>Where the simulator's events go: Kafka in the platform, a list in tests.</summary>
public interface ITrafficSink
{
    /// <param name="traceParent">The W3C trace context of the order the event belongs to (<see cref="OrderTrace"/>), if any.</param>
    void Publish<T>(string topic, string key, T value, DateTimeOffset timestamp, string? traceParent = null)
        where T : class, IAvroRecord<T>;
}
