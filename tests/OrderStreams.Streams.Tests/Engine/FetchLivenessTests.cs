using OrderStreams.Streams.Internals.Engine;

namespace OrderStreams.Streams.Tests.Engine;

public sealed class FetchLivenessTests
{
    private const long Now = 1_800_000_000_000;

    // The parts of librdkafka's statistics it reads: brokers (with the coordinator's logical entry) and partitions.
    private static string Statistics(long rxIdleBroker1Us, long rxIdleBroker2Us, int fetchedFromP0 = 1, long time = Now / 1000) => $$"""
        {
          "time": {{time}},
          "brokers": {
            "127.0.0.1:9092/1": { "nodeid": 1, "source": "learned", "state": "UP", "rxidle": {{rxIdleBroker1Us}} },
            "127.0.0.1:9093/2": { "nodeid": 2, "source": "learned", "state": "UP", "rxidle": {{rxIdleBroker2Us}} },
            "GroupCoordinator": { "nodeid": 2, "source": "logical", "state": "UP", "rxidle": 100 }
          },
          "topics": {
            "orders": { "partitions": {
              "0": { "partition": 0, "broker": {{fetchedFromP0}} },
              "1": { "partition": 1, "broker": 2 },
              "-1": { "partition": -1, "broker": -1 }
            } }
          }
        }
        """;

    private readonly FetchLiveness liveness = new(fetchWaitMaxMs: 500, statisticsIntervalMs: 500);

    [Fact]
    public void Answering_BrokerHeardFromLately_True()
    {
        liveness.Update(Statistics(rxIdleBroker1Us: 200_000, rxIdleBroker2Us: 300_000), Now);

        Assert.True(liveness.Answering("orders", 0, Now + 500));
        Assert.True(liveness.Answering("orders", 1, Now + 500));
    }

    [Fact]
    public void Answering_BrokerSilentLongerThanAFetchWaitAndAReport_False()
    {
        liveness.Update(Statistics(rxIdleBroker1Us: 200_000, rxIdleBroker2Us: 4_000_000), Now);

        Assert.True(liveness.Answering("orders", 0, Now));
        Assert.False(liveness.Answering("orders", 1, Now));
    }

    [Fact]
    public void Answering_NoReportForLonger_False()
    {
        liveness.Update(Statistics(rxIdleBroker1Us: 0, rxIdleBroker2Us: 0), Now);

        Assert.False(liveness.Answering("orders", 0, Now + liveness.MaxSilenceMs + 1));
    }

    [Fact]
    public void Answering_ReportThatWaitedForThePoll_SilenceCountedFromItsTime()
    {
        liveness.Update(Statistics(rxIdleBroker1Us: 0, rxIdleBroker2Us: 0, time: Now / 1000 - 10), Now);

        Assert.False(liveness.Answering("orders", 0, Now));
    }

    [Fact]
    public void Answering_PartitionWithoutFetchBrokerOrUnknown_False()
    {
        liveness.Update(Statistics(rxIdleBroker1Us: 0, rxIdleBroker2Us: 0, fetchedFromP0: -1), Now);

        Assert.False(liveness.Answering("orders", 0, Now));
        Assert.False(liveness.Answering("orders", 7, Now));
        Assert.False(liveness.Answering("payments", 0, Now));
    }

    [Fact]
    public void Answering_BrokerNeverHeardFrom_False()
    {
        liveness.Update(Statistics(rxIdleBroker1Us: -1, rxIdleBroker2Us: 0), Now);

        Assert.False(liveness.Answering("orders", 0, Now));
    }
}
