using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Specific;
using OrderStreams.Kafka.Clients;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Simulator.Kafka;

/// <summary>Produces the simulator's events to Kafka as Confluent-framed Avro, keyed as the manifest says, partitioned by murmur2.</summary>
public sealed class KafkaTrafficSink : ITrafficSink, IDisposable
{
    private readonly IProducer<string, byte[]> producer;
    private readonly ISchemaRegistryClient registry;
    private readonly Dictionary<Type, object> serializers = new();
    private long failed;

    /// <param name="clients">Makes the producer.</param>
    /// <param name="registry">Where value schemas are registered.</param>
    /// <param name="partitioner">Chooses partitions instead of murmur2, e.g. to follow a branch routing table.</param>
    public KafkaTrafficSink(KafkaClientFactory clients, ISchemaRegistryClient registry, PartitionerDelegate? partitioner = null)
    {
        this.registry = registry;
        producer = clients.CreateProducer<string, byte[]>(build: builder =>
        {
            if (partitioner is not null) builder.SetDefaultPartitioner(partitioner);
        });
    }

    /// <summary>Records the broker did not accept (reported, never retried by the simulator).</summary>
    public long Failed => Interlocked.Read(ref failed);

    public void Publish<T>(string topic, string key, T value, DateTimeOffset timestamp, string? traceParent = null)
        where T : class, IAvroRecord<T>
    {
        var message = new Message<string, byte[]>
        {
            Key = key,
            Value = Serializer<T>().Serialize(value, new SerializationContext(MessageComponentType.Value, topic)),
            Timestamp = new Timestamp(timestamp),
            Headers = traceParent is null ? null : new Headers { { OrderTrace.Header, Encoding.ASCII.GetBytes(traceParent) } },
        };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, report =>
                {
                    if (report.Error.IsError) Interlocked.Increment(ref failed);
                });
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    public void Flush(TimeSpan timeout) => producer.Flush(timeout);

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }

    private AvroSerializer<T> Serializer<T>()
        where T : class, IAvroRecord<T>
    {
        if (!serializers.TryGetValue(typeof(T), out var serializer))
        {
            serializer = new AvroSerializer<T>(registry);
            serializers[typeof(T)] = serializer;
        }
        return (AvroSerializer<T>)serializer;
    }
}
