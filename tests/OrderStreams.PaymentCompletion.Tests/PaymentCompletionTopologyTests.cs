using System.Text;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.PaymentCompletion.Domain;
using OrderStreams.SchemaRegistry;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;
using static OrderStreams.PaymentCompletion.Tests.Samples;

namespace OrderStreams.PaymentCompletion.Tests;

public sealed class PaymentCompletionTopologyTests : IDisposable
{
    private const string DeadLetters = "payment-completion.dlq";
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "payment-completion-tests", Guid.NewGuid().ToString("N"));
    private readonly InMemorySchemaRegistry registry = new();
    private readonly TopologyTestDriver driver;
    private readonly TestInputTopic<string, OrderPlaced> orders;
    private readonly TestInputTopic<string, PaymentEvent> payments;
    private readonly TestOutputTopic<string, OrderPaymentOutcome> verdicts;
    private readonly TestOutputTopic<string, PaymentRefundDue> refunds;

    public PaymentCompletionTopologyTests()
    {
        (driver, orders, payments, verdicts) = Start(T0);
        refunds = driver.CreateOutputTopic(OrderFlowTopics.RefundsDue, Serdes.String, new AvroSerde<PaymentRefundDue>(registry));
    }

    private (TopologyTestDriver, TestInputTopic<string, OrderPlaced>, TestInputTopic<string, PaymentEvent>, TestOutputTopic<string, OrderPaymentOutcome>) Start(
        DateTimeOffset wallClock, DateTimeOffset? processUntil = null)
    {
        var options = new PaymentCompletionOptions
        {
            PaymentTimeout = TimeSpan.FromMinutes(15), ExpiryCheckInterval = TimeSpan.FromSeconds(10), IdleAfter = TimeSpan.FromSeconds(30),
        };
        var config = ServiceStreamsConfig.Create(
            PaymentCompletionService.Name, new KafkaOptions { BootstrapServers = "test:9092" }, new StreamsOptions { StateDir = stateDir, ProcessUntil = processUntil });
        var started = new TopologyTestDriver(PaymentCompletionTopology.Build(registry, options, BranchRoutingTable.Empty), config, wallClock);
        return (
            started,
            started.CreateInputTopic(OrderFlowTopics.OrdersPlaced, Serdes.String, new AvroSerde<OrderPlaced>(registry)),
            started.CreateInputTopic(OrderFlowTopics.Payments, Serdes.String, new AvroSerde<PaymentEvent>(registry)),
            started.CreateOutputTopic(OrderFlowTopics.OrdersPaid, Serdes.String, new AvroSerde<OrderPaymentOutcome>(registry)));
    }

    [Fact]
    public void Pipe_OrderThenCapture_OnePaidVerdictKeyedByBranch()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0.AddMinutes(1));

        var verdict = Assert.Single(verdicts.ReadRecordsToList());
        Assert.Equal(order.BranchId, verdict.Key);
        Assert.Equal(order.OrderId, verdict.Value.OrderId);
        Assert.IsType<OrderPaid>(verdict.Value.Outcome);
    }

    [Fact]
    public void Pipe_CaptureThenOrder_OnePaidVerdict()
    {
        var order = Order();
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0);
        Assert.True(verdicts.IsEmpty);

        orders.PipeInput(order.BranchId, order, T0.AddSeconds(2));

        Assert.IsType<OrderPaid>(Assert.Single(verdicts.ReadValuesToList()).Outcome);
    }

    [Fact]
    public void Pipe_DuplicateOrderAndPayment_StillOneVerdict()
    {
        var order = Order();
        var payment = Payment(order.OrderId, PaymentStatus.Captured);
        orders.PipeInput(order.BranchId, order, T0);
        payments.PipeInput(order.BranchId, payment, T0.AddMinutes(1));
        payments.PipeInput(order.BranchId, payment, T0.AddMinutes(1));
        orders.PipeInput(order.BranchId, order, T0.AddMinutes(2));

        Assert.Single(verdicts.ReadValuesToList());
    }

    [Fact]
    public void Pipe_AmountMismatch_FailedVerdict()
    {
        var order = Order(totalCents: 2500);
        orders.PipeInput(order.BranchId, order, T0);
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured, Eur(1999)), T0.AddMinutes(1));

        var failed = Assert.IsType<OrderPaymentFailed>(Assert.Single(verdicts.ReadValuesToList()).Outcome);
        Assert.Equal(PaymentFailureReason.AmountMismatch, failed.Reason);
    }

    [Fact]
    public void Pipe_StreamTimePassesDeadline_ExpiredOnceThenLateCaptureRefunded()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        var later = Order(placedAt: T0.AddMinutes(16));
        orders.PipeInput(later.BranchId, later, T0.AddMinutes(16));
        var capture = Payment(order.OrderId, PaymentStatus.Captured);
        payments.PipeInput(order.BranchId, capture, T0.AddMinutes(17));

        var verdict = Assert.Single(verdicts.ReadValuesToList());
        Assert.Equal(order.OrderId, verdict.OrderId);
        Assert.IsType<OrderPaymentExpired>(verdict.Outcome);
        var refund = Assert.Single(refunds.ReadRecordsToList());
        Assert.Equal((order.BranchId, capture.PaymentId), (refund.Key, refund.Value.PaymentId));
    }

    [Fact]
    public void Pipe_StreamTimePastTheSettledRetention_SettledOrderForgotten_NewerKept()
    {
        var store = driver.GetKeyValueStore<string, PaymentState>(PaymentCompletionTopology.StateStore);
        var settled = Order();
        orders.PipeInput(settled.BranchId, settled, T0);
        payments.PipeInput(settled.BranchId, Payment(settled.OrderId, PaymentStatus.Captured), T0.AddMinutes(1));
        var dayLater = Order(placedAt: T0.AddDays(1));
        orders.PipeInput(dayLater.BranchId, dayLater, T0.AddDays(1));
        Assert.NotNull(store.Get(settled.OrderId.ToString()));

        var next = Order(placedAt: T0.AddDays(1).AddMinutes(2));
        orders.PipeInput(next.BranchId, next, T0.AddDays(1).AddMinutes(2));

        Assert.Null(store.Get(settled.OrderId.ToString()));
        Assert.NotNull(store.Get(dayLater.OrderId.ToString()));
        Assert.NotNull(store.Get(next.OrderId.ToString()));
    }

    [Fact]
    public void AdvanceWallClockTime_CaptureUnreadInTheTopicPastTheDeadline_NoExpiryThenTheCaptureWins()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(13));
        driver.StopFetching();
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0.AddMinutes(14));

        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(5));
        Assert.True(verdicts.IsEmpty);
        driver.ResumeFetching();

        Assert.IsType<OrderPaid>(Assert.Single(verdicts.ReadValuesToList()).Outcome);
        Assert.True(refunds.IsEmpty);
    }

    [Fact]
    public void AdvanceWallClockTime_BrokerUnreachable_NoExpiryUntilCaughtUpAndIdleAgain()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        driver.StopFetching();

        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(20));
        Assert.True(verdicts.IsEmpty);
        driver.ResumeFetching();
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(20));
        Assert.True(verdicts.IsEmpty);
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(10));

        var expired = Assert.Single(verdicts.ReadValuesToList());
        Assert.IsType<OrderPaymentExpired>(expired.Outcome);
        Assert.Equal(T0.AddMinutes(15), expired.At);
    }

    [Fact]
    public void Pipe_CaptureDatedInTimeArrivesAfterTheWallClockExpiry_RefundedNotPaid()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(16));
        var capture = Payment(order.OrderId, PaymentStatus.Captured);

        payments.PipeInput(order.BranchId, capture, T0.AddMinutes(14));

        Assert.IsType<OrderPaymentExpired>(Assert.Single(verdicts.ReadValuesToList()).Outcome);
        var refund = Assert.Single(refunds.ReadValuesToList());
        Assert.Equal((capture.PaymentId, RefundReason.OrderExpired), (refund.PaymentId, refund.Reason));
    }

    [Fact]
    public void AdvanceWallClockTime_QuietPartitionPastDeadline_ExpiredAtTheDeadline()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);

        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(14));
        Assert.True(verdicts.IsEmpty);
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(2));

        var verdict = Assert.Single(verdicts.ReadValuesToList());
        Assert.Equal(order.OrderId, verdict.OrderId);
        Assert.IsType<OrderPaymentExpired>(verdict.Outcome);
        Assert.Equal(T0.AddMinutes(15), verdict.At);
    }

    [Fact]
    public void AdvanceWallClockTime_StreamTimeStillMoving_RecordTimeDecides()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(20));
        Assert.Single(verdicts.ReadValuesToList());

        // A backlog: the wall clock is far ahead, but each record moved stream time just before the punctuation.
        var late = Order(placedAt: T0.AddMinutes(1));
        orders.PipeInput(late.BranchId, late, T0.AddMinutes(1));
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(10));
        payments.PipeInput(late.BranchId, Payment(late.OrderId, PaymentStatus.Captured), T0.AddMinutes(2));

        Assert.IsType<OrderPaid>(Assert.Single(verdicts.ReadValuesToList()).Outcome);
    }

    [Fact]
    public void Replay_SameInputAfterWallClockExpiry_SameVerdicts()
    {
        var quiet = Order();
        var next = Order(placedAt: T0.AddMinutes(40));
        var capture = Payment(next.OrderId, PaymentStatus.Captured);
        orders.PipeInput(quiet.BranchId, quiet, T0);
        driver.AdvanceWallClockTime(TimeSpan.FromMinutes(16));
        var expiredByWallClock = Assert.Single(verdicts.ReadValuesToList());
        orders.PipeInput(next.BranchId, next, T0.AddMinutes(40));
        payments.PipeInput(next.BranchId, capture, T0.AddMinutes(41));
        List<OrderPaymentOutcome> live = [expiredByWallClock, .. verdicts.ReadValuesToList()];

        var (replay, replayOrders, replayPayments, replayVerdicts) = Start(T0.AddDays(3));
        using (replay)
        {
            replayOrders.PipeInput(quiet.BranchId, quiet, T0);
            replayOrders.PipeInput(next.BranchId, next, T0.AddMinutes(40));
            replayPayments.PipeInput(next.BranchId, capture, T0.AddMinutes(41));
            replay.AdvanceWallClockTime(TimeSpan.FromMinutes(1));

            Assert.IsType<OrderPaymentExpired>(expiredByWallClock.Outcome);
            Assert.Equal(live, replayVerdicts.ReadValuesToList());
        }
    }

    [Fact]
    public void AdvanceWallClockTime_ProcessUntilBeforeDeadline_NotExpired()
    {
        var (replay, replayOrders, _, replayVerdicts) = Start(T0.AddDays(3), processUntil: T0.AddMinutes(10));
        using (replay)
        {
            var order = Order();
            replayOrders.PipeInput(order.BranchId, order, T0);
            replay.AdvanceWallClockTime(TimeSpan.FromMinutes(5));

            Assert.True(replayVerdicts.IsEmpty);
        }
    }

    [Fact]
    public void Pipe_UnreadableRecord_DeadLetteredAndProcessingContinues()
    {
        payments.PipeRaw(Encoding.UTF8.GetBytes("branch-01"), [0xFF, 0x01, 0x02], T0.ToUnixTimeMilliseconds());
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0.AddMinutes(1));

        var dead = Assert.Single(driver.CreateOutputTopic(DeadLetters, Serdes.ByteArray, Serdes.ByteArray).ReadRecordsToList());
        Assert.Equal([0xFF, 0x01, 0x02], dead.Value);
        Assert.Equal(OrderFlowTopics.Payments, Encoding.UTF8.GetString(dead.Headers.GetLastBytes("__streams.errors.topic")));
        Assert.Single(verdicts.ReadValuesToList());
    }

    [Fact]
    public void Pipe_KeyIsNotTheBranch_DeadLettered()
    {
        var order = Order(branch: "branch-01");
        orders.PipeInput("branch-99", order, T0);

        Assert.Single(driver.CreateOutputTopic(DeadLetters, Serdes.ByteArray, Serdes.ByteArray).ReadRecordsToList());
        Assert.True(verdicts.IsEmpty);
    }

    [Fact]
    public void Restart_VerdictStoredButItsOutputLostInACrash_NewInstanceEmitsTheSameVerdict()
    {
        driver.AutoCommit = false;
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0.AddMinutes(1));
        var lost = Assert.Single(verdicts.ReadRecordsToList());

        driver.Restart();
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0.AddMinutes(1));
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        var again = Assert.Single(verdicts.ReadRecordsToList());
        Assert.Equal((lost.Key, lost.Timestamp, lost.Value.OrderId, lost.Value.At),
            (again.Key, again.Timestamp, again.Value.OrderId, again.Value.At));
        Assert.Equal(Assert.IsType<OrderPaid>(lost.Value.Outcome).PaymentId, Assert.IsType<OrderPaid>(again.Value.Outcome).PaymentId);
    }

    [Fact]
    public void Restart_ExpiryStoredButItsOutputLostInACrash_NewInstanceEmitsTheSameExpiry()
    {
        driver.AutoCommit = false;
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        orders.PipeInput(order.BranchId, Order(placedAt: T0.AddMinutes(16)), T0.AddMinutes(16));
        var lost = Assert.IsType<OrderPaymentExpired>(Assert.Single(verdicts.ReadValuesToList()).Outcome);

        driver.Restart();
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        var again = Assert.IsType<OrderPaymentExpired>(Assert.Single(verdicts.ReadValuesToList()).Outcome);
        Assert.Equal(lost.Deadline, again.Deadline);
    }

    [Fact]
    public void Restart_AfterTheCommitThatDeliveredTheVerdict_EmitsNothingAgain()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0.AddMinutes(1));
        Assert.Single(verdicts.ReadValuesToList());

        driver.Restart();
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        Assert.True(verdicts.IsEmpty);
    }

    public void Dispose()
    {
        driver.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }
}
