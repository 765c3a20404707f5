using System.Buffers.Binary;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using OrderStreams.Avro.Schemas;
using OrderStreams.Contracts.Tests.Support;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Serdes;

/// <summary>
/// Our serdes against Confluent's (Confluent.SchemaRegistry.Serdes.Avro on Apache.Avro) over every schema of
/// <c>schemas/</c> and <c>schemas/history/</c>, with random values, on one embedded registry.
/// </summary>
public sealed class ConfluentSerdesDifferentialTests : IAsyncLifetime
{
    private const int Iterations = 40;
    private RegistryFixture _registry = null!;
    private CachedSchemaRegistryClient _confluent = null!;

    public static TheoryData<string> Types => ConfluentContractCases.Names;

    public static TheoryData<string> HistorySchemas => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemas", "history"), "*.avsc").Select(Path.GetFileName).Order()!);

    public async Task InitializeAsync()
    {
        _registry = await RegistryFixture.StartAsync();
        _confluent = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _registry.Url });
    }

    public async Task DisposeAsync()
    {
        _confluent.Dispose();
        await _registry.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Serialize_SameRecord_ConfluentWritesOurBytesAndSchemaId(string type)
    {
        var contract = Case(type);
        await ForRandomValues(type, contract, async value =>
            Assert.Equal(await contract.OursAsync(value, "ours"), await contract.ConfluentAsync(value, "confluent")));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Deserialize_EachOthersBytes_ReturnsTheWrittenValue(string type)
    {
        var contract = Case(type);
        await ForRandomValues(type, contract, async value =>
        {
            Assert.Equal(value, await contract.ReadOursAsync(await contract.ConfluentAsync(value, "confluent"), "confluent"));
            Assert.Equal(value, await contract.ReadConfluentAsync(await contract.OursAsync(value, "ours"), "ours"));
        });
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task ConfluentGenericRecord_OurBytes_ReadsAndRewritesThemUnchanged(string type)
    {
        var contract = Case(type);
        var reader = new AvroDeserializer<GenericRecord>(_confluent);
        var writer = new AvroSerializer<GenericRecord>(_confluent);
        var context = new SerializationContext(MessageComponentType.Value, "ours");
        await ForRandomValues(type, contract, async value =>
        {
            var ours = await contract.OursAsync(value, "ours");
            var generic = await reader.DeserializeAsync(ours, false, context);
            Assert.Equal(contract.Schema.FullName, generic.Schema.Fullname);
            Assert.Equal(ours, await writer.SerializeAsync(generic, context));
        });
    }

    [Theory]
    [MemberData(nameof(HistorySchemas))]
    public async Task Deserialize_OldVersionRecord_ConfluentAndOursGiveTheSameCurrentValue(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "schemas", "history", file);
        var old = (RecordSchema)AvroSchema.Parse(await File.ReadAllTextAsync(path));
        var type = ConfluentContractCases.Types
            .Single(t => ((RecordSchema)t.GetProperty("Schema")!.GetValue(null)!).FullName == old.FullName).Name;
        var contract = Case(type);
        var topic = "history";
        var id = await _confluent.RegisterSchemaAsync($"{topic}-value", new Schema(old.ToJson(), SchemaType.Avro));
        var writer = new OrderStreams.Avro.Generic.GenericDatumWriter(old);
        var random = ConfluentContractCases.RandomFor(file);
        for (var i = 0; i < Iterations; i++)
        {
            var framed = Frame(id, writer.Serialize(RandomDatum.Record(old, random)));
            var ours = await contract.ReadOursAsync(framed, topic);
            Assert.Equal(ours, await contract.ReadConfluentAsync(framed, topic));
            Assert.Equal(type, ours.GetType().Name);
        }
    }

    private IConfluentContractCase Case(string type) => ConfluentContractCases.For(type, _registry.Client(), _confluent);

    private static async Task ForRandomValues(string type, IConfluentContractCase contract, Func<object, Task> check)
    {
        var random = ConfluentContractCases.RandomFor(type);
        for (var i = 0; i < Iterations; i++)
            await check(contract.FromGeneric(RandomDatum.Record(contract.Schema, random)));
    }

    private static byte[] Frame(int schemaId, byte[] body)
    {
        var framed = new byte[5 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), schemaId);
        body.CopyTo(framed.AsSpan(5));
        return framed;
    }
}
