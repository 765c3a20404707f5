using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests;

public sealed class KTableTests
{
    private static readonly Consumed<string, string> Strings = Consumed<string, string>.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced<string, string>.With(Serdes.String, Serdes.String);

    [Fact]
    public void Table_Tombstone_DeletesKey()
    {
        var builder = new StreamsBuilder();
        builder.Table("branches", Strings, Materialized<string, string>.As("branch-store").WithInMemoryStore());
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("branches", Serdes.String, Serdes.String);

        input.PipeInput("b1", "open");
        input.PipeInput("b2", "closed");
        input.PipeInput("b1", null!);

        var store = driver.GetKeyValueStore<string, string>("branch-store");
        Assert.Null(store.Get("b1"));
        Assert.Equal("closed", store.Get("b2"));
        Assert.Equal(3, driver.CreateOutputTopic("test-driver-branch-store-changelog", Serdes.String, Serdes.String).QueueSize);
    }

    [Fact]
    public void Join_StreamWithTable_UsesLatestTableValue()
    {
        var builder = new StreamsBuilder();
        var branches = builder.Table("branches", Strings);
        builder.Stream("orders", Strings).Join(branches, (order, branch) => $"{order}@{branch}").To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);
        var table = driver.CreateInputTopic("branches", Serdes.String, Serdes.String);

        orders.PipeInput("b1", "o1");
        table.PipeInput("b1", "Soho");
        orders.PipeInput("b1", "o2");
        table.PipeInput("b1", "Soho2");
        orders.PipeInput("b1", "o3");

        Assert.Equal(["o2@Soho", "o3@Soho2"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void LeftJoin_MissingTableValue_JoinsWithDefault()
    {
        var builder = new StreamsBuilder();
        var branches = builder.Table("branches", Strings);
        builder.Stream("orders", Strings).LeftJoin(branches, (order, branch) => $"{order}@{branch ?? "none"}").To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("b1", "o1");

        Assert.Equal(["o1@none"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void Join_GlobalTableByValueKey_StreamKeyKept()
    {
        var builder = new StreamsBuilder();
        var drivers = builder.GlobalTable("drivers", Strings, Materialized<string, string>.As("drivers-store"));
        builder.Stream("orders", Strings).Join(drivers, (_, order) => order.Split(':')[1], (order, name) => $"{order} by {name}").To("out", StringsOut);
        using var driver = new TopologyTestDriver(builder.Build());

        driver.CreateInputTopic("drivers", Serdes.String, Serdes.String).PipeInput("d7", "Ann");
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("b1", "o1:d7");
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("b1", "o2:d8");

        Assert.Equal([new("b1", "o1:d7 by Ann")], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadKeyValuesToList());
        Assert.Equal("Ann", driver.GetKeyValueStore<string, string>("drivers-store").Get("d7"));
    }

    [Fact]
    public void Join_AfterSelectKey_RepartitionsStreamFirst()
    {
        var builder = new StreamsBuilder();
        var branches = builder.Table("branches", Strings);
        builder.Stream("orders", Strings)
            .SelectKey((_, v) => v.Split(':')[0])
            .Join(branches, (order, branch) => $"{order}@{branch}", Joined<string, string>.With(Serdes.String, Serdes.String, "order-by-branch"))
            .To("out", StringsOut);
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology);

        driver.CreateInputTopic("branches", Serdes.String, Serdes.String).PipeInput("b1", "Soho");
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("o1", "b1:o1");

        Assert.Equal(2, topology.Subtopologies.Count);
        Assert.Equal([new("b1", "b1:o1@Soho")], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadKeyValuesToList());
    }

    [Fact]
    public void ToTable_AfterSelectKey_LatestValuePerNewKey()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).SelectKey((_, v) => v[..1]).ToTable(Materialized<string, string>.As("latest").WithKeySerde(Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("1", "apple");
        input.PipeInput("2", "avocado");
        input.PipeInput("3", "banana");

        var store = driver.GetKeyValueStore<string, string>("latest");
        Assert.Equal("avocado", store.Get("a"));
        Assert.Equal("banana", store.Get("b"));
    }
}
