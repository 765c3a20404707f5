using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Specific;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Benchmarks.Avro;

/// <summary>
/// Generated Avro codecs against System.Text.Json (source-generated) on the same objects. Both write into a
/// reused buffer and read from a byte array, so the numbers compare the codecs, not allocation of the output.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AvroCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json = new(Stream.Null);
    private byte[] _orderPlacedAvro = [];
    private byte[] _orderPlacedJson = [];
    private byte[] _orderViewAvro = [];
    private byte[] _orderViewJson = [];
    private byte[] _pingAvro = [];
    private byte[] _pingJson = [];

    [GlobalSetup]
    public void Setup()
    {
        _orderPlacedAvro = AvroRecord.Serialize(SampleEvents.OrderPlaced);
        _orderPlacedJson = JsonSerializer.SerializeToUtf8Bytes(SampleEvents.OrderPlaced, EventJsonContext.Default.OrderPlaced);
        _orderViewAvro = AvroRecord.Serialize(SampleEvents.OrderView);
        _orderViewJson = JsonSerializer.SerializeToUtf8Bytes(SampleEvents.OrderView, EventJsonContext.Default.OrderView);
        _pingAvro = AvroRecord.Serialize(SampleEvents.DriverPing);
        _pingJson = JsonSerializer.SerializeToUtf8Bytes(SampleEvents.DriverPing, EventJsonContext.Default.DriverStatusChanged);
        Console.WriteLine($"// sizes (bytes): OrderPlaced avro {_orderPlacedAvro.Length} json {_orderPlacedJson.Length}; " +
                          $"OrderView avro {_orderViewAvro.Length} json {_orderViewJson.Length}; DriverStatusChanged avro {_pingAvro.Length} json {_pingJson.Length}");
    }

    [Benchmark, BenchmarkCategory("OrderPlaced encode")]
    public int OrderPlaced_Avro_Encode() => AvroEncode(SampleEvents.OrderPlaced);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderPlaced encode")]
    public int OrderPlaced_Json_Encode() => JsonEncode(SampleEvents.OrderPlaced, EventJsonContext.Default.OrderPlaced);

    [Benchmark, BenchmarkCategory("OrderPlaced decode")]
    public OrderPlaced OrderPlaced_Avro_Decode() => AvroDecode<OrderPlaced>(_orderPlacedAvro);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderPlaced decode")]
    public OrderPlaced OrderPlaced_Json_Decode() => JsonSerializer.Deserialize(_orderPlacedJson, EventJsonContext.Default.OrderPlaced)!;

    [Benchmark, BenchmarkCategory("OrderView encode")]
    public int OrderView_Avro_Encode() => AvroEncode(SampleEvents.OrderView);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderView encode")]
    public int OrderView_Json_Encode() => JsonEncode(SampleEvents.OrderView, EventJsonContext.Default.OrderView);

    [Benchmark, BenchmarkCategory("OrderView decode")]
    public OrderView OrderView_Avro_Decode() => AvroDecode<OrderView>(_orderViewAvro);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderView decode")]
    public OrderView OrderView_Json_Decode() => JsonSerializer.Deserialize(_orderViewJson, EventJsonContext.Default.OrderView)!;

    [Benchmark, BenchmarkCategory("DriverStatusChanged decode")]
    public DriverStatusChanged DriverStatusChanged_Avro_Decode() => AvroDecode<DriverStatusChanged>(_pingAvro);

    [Benchmark(Baseline = true), BenchmarkCategory("DriverStatusChanged decode")]
    public DriverStatusChanged DriverStatusChanged_Json_Decode() => JsonSerializer.Deserialize(_pingJson, EventJsonContext.Default.DriverStatusChanged)!;

    private int AvroEncode<T>(T value)
        where T : IAvroRecord<T>
    {
        _buffer.ResetWrittenCount();
        var writer = new AvroWriter(_buffer);
        value.Write(ref writer);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    private static T AvroDecode<T>(byte[] data)
        where T : IAvroRecord<T>
    {
        var reader = new AvroReader(data);
        return T.Read(ref reader);
    }

    private int JsonEncode<T>(T value, JsonTypeInfo<T> type)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, type);
        _json.Flush();
        return _buffer.WrittenCount;
    }
}
