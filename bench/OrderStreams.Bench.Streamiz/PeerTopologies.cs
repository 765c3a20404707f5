using OrderStreams.Bench.Peer;
using OrderStreams.Contracts.Events;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;

namespace OrderStreams.Bench.Streamiz;

/// <summary>
/// The pipelines of <c>bench runtime</c> written with Streamiz, operator for operator as the CLI's
/// <c>RuntimeTopologies</c> writes them with our runtime, over the same topics, serdes and store names.
/// </summary>
internal static class PeerTopologies
{
    public static Topology Build(PeerArguments arguments, ISerDes<OrderPlaced> orders) => arguments.Mode switch
    {
        PeerProtocol.Modes.StatelessAvroMap => StatelessAvroMap(arguments.Input, arguments.Output, orders),
        PeerProtocol.Modes.StatefulAggregate => StatefulAggregate(arguments.Input, arguments.Output, orders, caching: true),
        PeerProtocol.Modes.StatefulUncached => StatefulAggregate(arguments.Input, arguments.Output, orders, caching: false),
        PeerProtocol.Modes.Restore => Restore(arguments.Input),
        PeerProtocol.Modes.Stamp => Stamp(arguments.Input, arguments.Output, arguments.Instance),
        _ => throw new ArgumentException($"Unknown mode '{arguments.Mode}'."),
    };

    /// <summary>Avro in, a mapped copy of each order out.</summary>
    private static Topology StatelessAvroMap(string input, string output, ISerDes<OrderPlaced> orders)
    {
        var builder = new StreamBuilder();
        builder.Stream(input, new StringSerDes(), orders)
            .MapValues((order, _) => order with { DeliveryAddress = order.DeliveryAddress.ToUpperInvariant() })
            .To(output, new StringSerDes(), orders);
        return builder.Build();
    }

    /// <summary>Per-branch totals in a changelogged RocksDB store, with Streamiz's record cache on or off.</summary>
    private static Topology StatefulAggregate(string input, string output, ISerDes<OrderPlaced> orders, bool caching)
    {
        var totals = RocksDb.As<string, BranchTotals>(PeerProtocol.Stores.BranchTotals)
            .WithKeySerdes(new StringSerDes())
            .WithValueSerdes(new BranchTotals.SerDes());
        totals = caching ? totals.WithCachingEnabled() : totals.WithCachingDisabled();
        var builder = new StreamBuilder();
        builder.Stream(input, new StringSerDes(), orders)
            .GroupByKey()
            .Aggregate(() => default(BranchTotals), (_, order, sum) => sum.Add(order.Totals.Total.AmountCents), totals)
            .ToStream()
            .To(output, new StringSerDes(), new BranchTotals.SerDes());
        return builder.Build();
    }

    /// <summary>The input as a table in a changelogged RocksDB store: started on a filled changelog, it restores.</summary>
    private static Topology Restore(string input)
    {
        var builder = new StreamBuilder();
        builder.Stream(input, new ByteArraySerDes(), new ByteArraySerDes())
            .ToTable(RocksDb.As<byte[], byte[]>(PeerProtocol.Stores.OrdersById)
                .WithKeySerdes(new ByteArraySerDes())
                .WithValueSerdes(new ByteArraySerDes()));
        return builder.Build();
    }

    /// <summary>Each record's value (its source partition) stamped with the time it was processed and the instance that did.</summary>
    private static Topology Stamp(string input, string output, int instance)
    {
        var builder = new StreamBuilder();
        builder.Stream(input, new ByteArraySerDes(), new StringSerDes())
            .MapValues((source, _) => $"{source}:{DateTime.UtcNow.Ticks}:{instance}")
            .To(output, new ByteArraySerDes(), new StringSerDes());
        return builder.Build();
    }
}
