using System.Text;
using BenchmarkDotNet.Attributes;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Specific;
using OrderStreams.Benchmarks.Avro;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.Operations.Trace;

namespace OrderStreams.Benchmarks.Operations;

/// <summary>
/// What <c>orderstreams trace</c> does per record it reads: look for the order id's UTF-8 bytes in the Avro body and
/// decode only the matches, against decoding every record and comparing its orderId field. The log is a mix of orders
/// and their views, one of which is the traced order.
/// </summary>
[MemoryDiagnoser]
public class TraceMatchBenchmarks
{
    private const int Records = 1_000;
    private readonly Guid traced = Guid.NewGuid();
    private (byte[] Body, GenericDatumReader Reader)[] log = [];
    private byte[] needle = [];

    [GlobalSetup]
    public void Setup()
    {
        var placed = GenericDatumReader.For(OrderPlaced.Schema);
        var view = GenericDatumReader.For(OrderView.Schema);
        log = Enumerable.Range(0, Records).Select(i =>
        {
            var id = i == Records / 2 ? traced : Guid.NewGuid();
            return i % 2 == 0
                ? (AvroRecord.Serialize(SampleEvents.OrderPlaced with { OrderId = id }), placed)
                : (AvroRecord.Serialize(SampleEvents.OrderView with { OrderId = id }), view);
        }).ToArray();
        needle = Encoding.UTF8.GetBytes(traced.ToString());
    }

    [Benchmark(Baseline = true)]
    public int DecodeEveryRecord()
    {
        var found = 0;
        var id = traced.ToString();
        foreach (var (body, reader) in log)
        {
            if (reader.Read(body) is GenericRecord record && OrderEvents.OrderIdOf(record) == id) found++;
        }
        return found;
    }

    [Benchmark]
    public int SearchBytesThenDecodeMatches()
    {
        var found = 0;
        var id = traced.ToString();
        foreach (var (body, reader) in log)
        {
            if (body.AsSpan().IndexOf(needle) >= 0 && reader.Read(body) is GenericRecord record && OrderEvents.OrderIdOf(record) == id) found++;
        }
        return found;
    }
}
