using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Streams;
using OrderStreams.Streams;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Bench;

/// <summary>The topologies <c>bench runtime</c> measures against the pass-through, over the bench's Avro orders.</summary>
public static class RuntimeTopologies
{
    private static readonly AvroSerde<OrderPlaced> Orders = new(BenchPayload.Registry);

    /// <summary>Bytes in, the same bytes out: the engine's own cost, without serdes or state.</summary>
    public static Topology Bytes(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<byte[], byte[]>.With(Serdes.ByteArray, Serdes.ByteArray))
            .To(output, Produced<byte[], byte[]>.With(Serdes.ByteArray, Serdes.ByteArray));
        return builder.Build();
    }

    /// <summary>Avro in, a mapped copy of each order out (deserialize, map, serialize): what a stateless service step costs.</summary>
    public static Topology StatelessAvroMap(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, OrderPlaced>.With(Serdes.String, Orders))
            .MapValues(order => order with { DeliveryAddress = order.DeliveryAddress.ToUpperInvariant() })
            .To(output, Produced<string, OrderPlaced>.With(Serdes.String, Orders));
        return builder.Build();
    }

    /// <summary>Avro in, per-branch totals kept in a changelogged RocksDB store behind the record cache (the default): each branch's latest total out on every commit.</summary>
    public static Topology StatefulAggregate(string input, string output) => StatefulAggregate(input, output, caching: true);

    /// <summary>The same without the record cache: every new total out, a store write and a changelog record per input.</summary>
    public static Topology StatefulAggregateUncached(string input, string output) => StatefulAggregate(input, output, caching: false);

    private static Topology StatefulAggregate(string input, string output, bool caching)
    {
        var totals = Materialized<string, BranchTotals>.As("branch-totals").WithValueSerde(BranchTotals.Serde);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, OrderPlaced>.With(Serdes.String, Orders))
            .GroupByKey()
            .Aggregate(() => default(BranchTotals), (_, order, totals) => totals.Add(order.Totals.Total.AmountCents), caching ? totals : totals.WithCachingDisabled())
            .ToStream()
            .To(output, Produced<string, BranchTotals>.With(Serdes.String, BranchTotals.Serde));
        return builder.Build();
    }
}
