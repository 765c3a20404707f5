using OrderStreams.Operations.Restore;

namespace OrderStreams.Operations.Tests.Restore;

public sealed class RestoreScrapeTests
{
    [Fact]
    public void Parse_RestoreGauges_OneEntryPerStorePartitionWithBothNumbers()
    {
        const string metrics = """
            # HELP streams_restore_remaining Changelog records left to restore.
            # TYPE streams_restore_remaining gauge
            streams_restore_remaining{application="denormaliser",store="order-views",partition="7"} 1500
            streams_restore_remaining{application="denormaliser",store="branch-orders",partition="2"} 0 1765080000000
            # TYPE streams_restore_restored gauge
            streams_restore_restored{application="denormaliser",store="order-views",partition="7"} 500
            streams_restore_restored{application="denormaliser",store="branch-orders",partition="2"} 42
            streams_restore_records_total{application="denormaliser",store="order-views"} 542
            kafka_consumergroup_lag{consumergroup="denormaliser",topic="orders.placed",partition="7"} 3
            """;

        var restoring = RestoreScrape.Parse(metrics);

        Assert.Equal(
            [new PartitionRestore("branch-orders", 2, 42, 0), new PartitionRestore("order-views", 7, 500, 1500)],
            restoring);
    }

    [Fact]
    public void Parse_NoRestoreGauges_Empty()
    {
        Assert.Empty(RestoreScrape.Parse("kafka_consumergroup_lag{consumergroup=\"x\",topic=\"t\",partition=\"0\"} 0\n"));
    }
}
