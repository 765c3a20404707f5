using OrderStreams.Avro.Specific;

namespace OrderStreams.Simulator;

/// <summary>Where the simulator's events go: Kafka in the platform, a list in tests.</summary>
public interface ITrafficSink
{
    void Publish<T>(string topic, string key, T value, DateTimeOffset timestamp)
        where T : class, IAvroRecord<T>;
}
