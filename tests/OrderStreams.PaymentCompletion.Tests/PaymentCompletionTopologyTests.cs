using System.Text;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
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

    public PaymentCompletionTopologyTests()
    {
        var options = new PaymentCompletionOptions { PaymentTimeout = TimeSpan.FromMinutes(15), ExpiryCheckInterval = TimeSpan.FromSeconds(10) };
        var config = ServiceStreamsConfig.Create(
            PaymentCompletionService.Name, new KafkaOptions { BootstrapServers = "test:9092" }, new StreamsOptions { StateDir = stateDir });
        driver = new TopologyTestDriver(PaymentCompletionTopology.Build(registry, options, BranchRoutingTable.Empty), config);
        orders = driver.CreateInputTopic(OrderFlowTopics.OrdersPlaced, Serdes.String, new AvroSerde<OrderPlaced>(registry));
        payments = driver.CreateInputTopic(OrderFlowTopics.Payments, Serdes.String, new AvroSerde<PaymentEvent>(registry));
        verdicts = driver.CreateOutputTopic(OrderFlowTopics.OrdersPaid, Serdes.String, new AvroSerde<OrderPaymentOutcome>(registry));
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
    public void Pipe_StreamTimePassesDeadline_ExpiredOnceThenLateCaptureIgnored()
    {
        var order = Order();
        orders.PipeInput(order.BranchId, order, T0);
        var later = Order(placedAt: T0.AddMinutes(16));
        orders.PipeInput(later.BranchId, later, T0.AddMinutes(16));
        payments.PipeInput(order.BranchId, Payment(order.OrderId, PaymentStatus.Captured), T0.AddMinutes(17));

        var verdict = Assert.Single(verdicts.ReadValuesToList());
        Assert.Equal(order.OrderId, verdict.OrderId);
        Assert.IsType<OrderPaymentExpired>(verdict.Outcome);
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

    public void Dispose()
    {
        driver.Dispose();
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }
}
