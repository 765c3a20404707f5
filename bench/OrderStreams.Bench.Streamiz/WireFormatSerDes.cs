using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace OrderStreams.Bench.Streamiz;

/// <summary>A Streamiz serdes over a Confluent.Kafka serializer and deserializer: here our Avro wire-format ones.</summary>
internal sealed class WireFormatSerDes<T>(ISerializer<T> serializer, IDeserializer<T> deserializer) : AbstractSerDes<T>
{
    public override byte[] Serialize(T data, SerializationContext context) => serializer.Serialize(data, context);

    public override T Deserialize(byte[] data, SerializationContext context) => deserializer.Deserialize(data, data is null, context);
}
