using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Avro.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Specific;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;

namespace OrderStreams.Benchmarks.Avro;

/// <summary>
/// Encode and decode of the same objects with our generated codec, Apache.Avro specific records (the generated
/// types through <c>ISpecificRecord</c>), Apache.Avro generic records and System.Text.Json (source-generated).
/// Apache.Avro specific is the baseline: docs/benchmarks.md keeps our codec only where it is at least 2x faster.
/// Encoders write into a reused buffer; decoders read a byte array into new objects.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AvroCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json = new(Stream.Null);
    private readonly ApacheAvroCodec<OrderPlaced> _orderPlacedApache = new();
    private readonly ApacheAvroCodec<OrderView> _orderViewApache = new();
    private readonly ApacheAvroCodec<DriverStatusChanged> _pingApache = new();
    private Encoded _orderPlaced = null!;
    private Encoded _orderView = null!;
    private Encoded _ping = null!;

    [GlobalSetup]
    public void Setup()
    {
        _orderPlaced = Encoded.Of(SampleEvents.OrderPlaced, _orderPlacedApache, EventJsonContext.Default.OrderPlaced);
        _orderView = Encoded.Of(SampleEvents.OrderView, _orderViewApache, EventJsonContext.Default.OrderView);
        _ping = Encoded.Of(SampleEvents.DriverPing, _pingApache, EventJsonContext.Default.DriverStatusChanged);
        Console.WriteLine($"// sizes (bytes): OrderPlaced avro {_orderPlaced.Avro.Length} json {_orderPlaced.Json.Length}; " +
                          $"OrderView avro {_orderView.Avro.Length} json {_orderView.Json.Length}; " +
                          $"DriverStatusChanged avro {_ping.Avro.Length} json {_ping.Json.Length}");
    }

    [Benchmark, BenchmarkCategory("OrderPlaced encode")]
    public int OrderPlaced_Ours_Encode() => AvroEncode(SampleEvents.OrderPlaced);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderPlaced encode")]
    public long OrderPlaced_ApacheSpecific_Encode() => _orderPlacedApache.EncodeSpecific(SampleEvents.OrderPlaced);

    [Benchmark, BenchmarkCategory("OrderPlaced encode")]
    public long OrderPlaced_ApacheGeneric_Encode() => _orderPlacedApache.EncodeGeneric(_orderPlaced.Generic);

    [Benchmark, BenchmarkCategory("OrderPlaced encode")]
    public int OrderPlaced_Json_Encode() => JsonEncode(SampleEvents.OrderPlaced, EventJsonContext.Default.OrderPlaced);

    [Benchmark, BenchmarkCategory("OrderPlaced decode")]
    public OrderPlaced OrderPlaced_Ours_Decode() => AvroDecode<OrderPlaced>(_orderPlaced.Avro);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderPlaced decode")]
    public OrderPlaced OrderPlaced_ApacheSpecific_Decode() => _orderPlacedApache.DecodeSpecific(_orderPlaced.Avro);

    [Benchmark, BenchmarkCategory("OrderPlaced decode")]
    public GenericRecord OrderPlaced_ApacheGeneric_Decode() => _orderPlacedApache.DecodeGeneric(_orderPlaced.Avro);

    [Benchmark, BenchmarkCategory("OrderPlaced decode")]
    public OrderPlaced OrderPlaced_Json_Decode() => JsonSerializer.Deserialize(_orderPlaced.Json, EventJsonContext.Default.OrderPlaced)!;

    [Benchmark, BenchmarkCategory("OrderView encode")]
    public int OrderView_Ours_Encode() => AvroEncode(SampleEvents.OrderView);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderView encode")]
    public long OrderView_ApacheSpecific_Encode() => _orderViewApache.EncodeSpecific(SampleEvents.OrderView);

    [Benchmark, BenchmarkCategory("OrderView encode")]
    public long OrderView_ApacheGeneric_Encode() => _orderViewApache.EncodeGeneric(_orderView.Generic);

    [Benchmark, BenchmarkCategory("OrderView encode")]
    public int OrderView_Json_Encode() => JsonEncode(SampleEvents.OrderView, EventJsonContext.Default.OrderView);

    [Benchmark, BenchmarkCategory("OrderView decode")]
    public OrderView OrderView_Ours_Decode() => AvroDecode<OrderView>(_orderView.Avro);

    [Benchmark(Baseline = true), BenchmarkCategory("OrderView decode")]
    public OrderView OrderView_ApacheSpecific_Decode() => _orderViewApache.DecodeSpecific(_orderView.Avro);

    [Benchmark, BenchmarkCategory("OrderView decode")]
    public GenericRecord OrderView_ApacheGeneric_Decode() => _orderViewApache.DecodeGeneric(_orderView.Avro);

    [Benchmark, BenchmarkCategory("OrderView decode")]
    public OrderView OrderView_Json_Decode() => JsonSerializer.Deserialize(_orderView.Json, EventJsonContext.Default.OrderView)!;

    [Benchmark, BenchmarkCategory("DriverStatusChanged encode")]
    public int DriverStatusChanged_Ours_Encode() => AvroEncode(SampleEvents.DriverPing);

    [Benchmark(Baseline = true), BenchmarkCategory("DriverStatusChanged encode")]
    public long DriverStatusChanged_ApacheSpecific_Encode() => _pingApache.EncodeSpecific(SampleEvents.DriverPing);

    [Benchmark, BenchmarkCategory("DriverStatusChanged encode")]
    public long DriverStatusChanged_ApacheGeneric_Encode() => _pingApache.EncodeGeneric(_ping.Generic);

    [Benchmark, BenchmarkCategory("DriverStatusChanged encode")]
    public int DriverStatusChanged_Json_Encode() => JsonEncode(SampleEvents.DriverPing, EventJsonContext.Default.DriverStatusChanged);

    [Benchmark, BenchmarkCategory("DriverStatusChanged decode")]
    public DriverStatusChanged DriverStatusChanged_Ours_Decode() => AvroDecode<DriverStatusChanged>(_ping.Avro);

    [Benchmark(Baseline = true), BenchmarkCategory("DriverStatusChanged decode")]
    public DriverStatusChanged DriverStatusChanged_ApacheSpecific_Decode() => _pingApache.DecodeSpecific(_ping.Avro);

    [Benchmark, BenchmarkCategory("DriverStatusChanged decode")]
    public GenericRecord DriverStatusChanged_ApacheGeneric_Decode() => _pingApache.DecodeGeneric(_ping.Avro);

    [Benchmark, BenchmarkCategory("DriverStatusChanged decode")]
    public DriverStatusChanged DriverStatusChanged_Json_Decode() =>
        JsonSerializer.Deserialize(_ping.Json, EventJsonContext.Default.DriverStatusChanged)!;

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

    /// <summary>One sample's Avro bytes (identical from every Avro encoder), JSON bytes and Apache.Avro generic record.</summary>
    private sealed record Encoded(byte[] Avro, byte[] Json, GenericRecord Generic)
    {
        public static Encoded Of<T>(T value, ApacheAvroCodec<T> apache, JsonTypeInfo<T> json)
            where T : class, IAvroRecord<T>, global::Avro.Specific.ISpecificRecord
        {
            var avro = AvroRecord.Serialize(value);
            var generic = apache.DecodeGeneric(avro);
            var lengths = new[] { apache.EncodeSpecific(value), apache.EncodeGeneric(generic) };
            if (lengths.Any(length => length != avro.Length))
                throw new InvalidOperationException(
                    $"Apache.Avro wrote {string.Join("/", lengths)} bytes for {typeof(T).Name}, ours {avro.Length}.");
            return new Encoded(avro, JsonSerializer.SerializeToUtf8Bytes(value, json), generic);
        }
    }
}
