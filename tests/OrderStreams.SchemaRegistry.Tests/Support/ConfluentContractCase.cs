using Avro.Specific;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Specific;
using OrderStreams.Contracts;
using Ours = OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.SchemaRegistry.Tests.Support;

/// <summary>One generated record type with our serdes and Confluent's side by side, through a non-generic surface.</summary>
public interface IConfluentContractCase
{
    RecordSchema Schema { get; }

    object FromGeneric(GenericRecord datum);

    Task<byte[]> OursAsync(object value, string topic);

    Task<byte[]> ConfluentAsync(object value, string topic);

    Task<object> ReadOursAsync(byte[] data, string topic);

    Task<object> ReadConfluentAsync(byte[] data, string topic);
}

internal sealed class ConfluentContractCase<T>(ISchemaRegistryClient ours, ISchemaRegistryClient confluent) : IConfluentContractCase
    where T : class, IAvroRecord<T>, ISpecificRecord
{
    private readonly Ours.AvroSerializer<T> _ourSerializer = new(ours);
    private readonly Ours.AvroDeserializer<T> _ourDeserializer = new(ours);
    private readonly Confluent.SchemaRegistry.Serdes.AvroSerializer<T> _confluentSerializer = new(confluent);
    private readonly Confluent.SchemaRegistry.Serdes.AvroDeserializer<T> _confluentDeserializer = new(confluent);

    public RecordSchema Schema => T.Schema;

    public object FromGeneric(GenericRecord datum) => T.FromGeneric(datum);

    public async Task<byte[]> OursAsync(object value, string topic) => await _ourSerializer.SerializeAsync((T)value, Value(topic));

    public async Task<byte[]> ConfluentAsync(object value, string topic) =>
        await _confluentSerializer.SerializeAsync((T)value, Value(topic));

    public async Task<object> ReadOursAsync(byte[] data, string topic) =>
        await _ourDeserializer.DeserializeAsync(data, false, Value(topic));

    public async Task<object> ReadConfluentAsync(byte[] data, string topic) =>
        await _confluentDeserializer.DeserializeAsync(data, false, Value(topic));

    public override string ToString() => typeof(T).Name;

    private static SerializationContext Value(string topic) => new(MessageComponentType.Value, topic);
}

/// <summary>Every generated record type, by name.</summary>
internal static class ConfluentContractCases
{
    public static IReadOnlyList<Type> Types { get; } = typeof(AvroContracts).Assembly.GetTypes()
        .Where(t => t.IsPublic && typeof(ISpecificRecord).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> Names => new(Types.Select(t => t.Name));

    public static IConfluentContractCase For(string name, ISchemaRegistryClient ours, ISchemaRegistryClient confluent) =>
        (IConfluentContractCase)Activator.CreateInstance(
            typeof(ConfluentContractCase<>).MakeGenericType(Types.Single(t => t.Name == name)), ours, confluent)!;

    /// <summary>A fixed seed per type, so a failure reproduces.</summary>
    public static Random RandomFor(string name) => new(20261207 + name.Sum(c => c));
}
