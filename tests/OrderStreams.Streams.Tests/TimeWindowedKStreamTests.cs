using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests;

public sealed class TimeWindowedKStreamTests
{
    private static readonly Consumed<string, string> Strings = Consumed<string, string>.With(Serdes.String, Serdes.String);

    [Fact]
    public void Count_Tumbling_CountsPerWindowAndDropsAfterGrace()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings)
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeAndGrace(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50)))
            .Count(Materialized<string, long>.As("counts"))
            .ToStream()
            .To("out", Produced<Windowed<string>, long>.With(Serdes.TimeWindowed(Serdes.String, TimeSpan.FromMilliseconds(100)), Serdes.Long));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "a", timestamp: 10);
        input.PipeInput("k", "b", timestamp: 90);
        input.PipeInput("k", "c", timestamp: 120);
        input.PipeInput("k", "late-but-in-grace", timestamp: 50);
        input.PipeInput("k", "d", timestamp: 260);
        input.PipeInput("k", "too-late", timestamp: 60);

        var store = driver.GetWindowStore<string, long>("counts");
        Assert.Equal(3, store.Fetch("k", 0));
        Assert.Equal(1, store.Fetch("k", 100));
        Assert.Equal(1, store.Fetch("k", 200));
        var last = driver.CreateOutputTopic("out", Serdes.TimeWindowed(Serdes.String, TimeSpan.FromMilliseconds(100)), Serdes.Long).ReadRecordsToList().Last();
        Assert.Equal((new Windowed<string>("k", 200, 300), 1L), (last.Key, last.Value));
    }

    [Fact]
    public void Aggregate_Hopping_UpdatesEveryOverlappingWindow()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings)
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(TimeSpan.FromMilliseconds(10)).AdvanceBy(TimeSpan.FromMilliseconds(5)))
            .Aggregate(() => "", (_, v, agg) => agg + v, Materialized<string, string>.As("hops").WithValueSerde(Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "a", timestamp: 7);
        input.PipeInput("k", "b", timestamp: 12);

        var store = driver.GetWindowStore<string, string>("hops");
        Assert.Equal([new(0, "a"), new(5, "ab"), new(10, "b")], store.Fetch("k", 0, 20).ToList());
    }

    [Fact]
    public void Join_StreamsWithinWindow_JoinedInEitherOrder()
    {
        var builder = new StreamsBuilder();
        var orders = builder.Stream("orders", Strings);
        var payments = builder.Stream("payments", Strings);
        orders.Join(payments, (o, p) => $"{o}+{p}", JoinWindows.OfTimeDifferenceWithNoGrace(TimeSpan.FromMilliseconds(100)), StreamJoined<string, string, string>.With(Serdes.String, Serdes.String, Serdes.String))
            .To("out", Produced<string, string>.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var orderInput = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);
        var paymentInput = driver.CreateInputTopic("payments", Serdes.String, Serdes.String);

        orderInput.PipeInput("o1", "order1", timestamp: 1000);
        paymentInput.PipeInput("o1", "pay1", timestamp: 1050);
        paymentInput.PipeInput("o2", "pay2", timestamp: 1060);
        orderInput.PipeInput("o2", "order2", timestamp: 1070);
        paymentInput.PipeInput("o1", "pay-late", timestamp: 1200);

        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadRecordsToList();
        Assert.Equal([("o1", "order1+pay1", 1050L), ("o2", "order2+pay2", 1070L)], output.Select(r => (r.Key, r.Value, r.Timestamp)));
    }
}
