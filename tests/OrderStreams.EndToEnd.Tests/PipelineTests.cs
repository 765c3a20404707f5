using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.EndToEnd.Tests.Platform;
using OrderStreams.EndToEnd.Tests.Reference;
using OrderStreams.SchemaRegistry.Serdes;
using OrderStreams.Simulator;

namespace OrderStreams.EndToEnd.Tests;

[Collection(PipelineCollection.Name)]
public sealed class PipelineTests(PipelinePlatform platform)
{
    private readonly ReferenceModel reference = new(platform.Inputs, PipelinePlatform.MaxAttempts);

    [Fact]
    public void Scenario_HasEveryKindOfTrouble()
    {
        var stats = platform.Simulator.Stats;
        var orders = reference.Orders.Values.ToList();

        Assert.True(orders.Count >= PipelinePlatform.Orders, $"{orders.Count} orders");
        Assert.True(stats.EarlyPayments > 0 && stats.DuplicatePayments > 0 && stats.DeclinedPayments > 0 && stats.MismatchedPayments > 0 && stats.UnpaidOrders > 0,
            $"early {stats.EarlyPayments}, duplicate {stats.DuplicatePayments}, declined {stats.DeclinedPayments}, mismatched {stats.MismatchedPayments}, unpaid {stats.UnpaidOrders}");
        Assert.Contains(orders, o => o.Order.BranchId == PipelinePlatform.ClosedBranch && o.FinalStatus == OrderStatus.Delivered);
        Assert.Contains(orders, o => o.Order.BranchId == PipelinePlatform.HotBranch && o.FinalBranchId != PipelinePlatform.HotBranch);
        Assert.Contains(orders, o => o.Order.BranchId == PipelinePlatform.ShortStaffedBranch && o.FinalBranchId != PipelinePlatform.ShortStaffedBranch);
        Assert.NotEmpty(platform.HeldJobs);
    }

    [Fact]
    public void EveryOrder_ReachesExactlyOneTerminalOutcome()
    {
        var verdicts = Read<OrderPaymentOutcome>("orders.paid").ToLookup(v => v.OrderId);
        var branchOutcomes = Read<BranchAssignmentOutcome>("orders.branch-assigned").ToLookup(o => o.OrderId);
        var delivered = platform.Inputs.On<DeliveryEvent>(TrafficTopics.Deliveries).Where(d => d.Step is OrderDelivered).ToLookup(d => d.OrderId);

        var wrong = reference.Orders.Values.Select(expected =>
        {
            var id = expected.Order.OrderId;
            var outcomes = verdicts[id].Where(v => v.Outcome is not OrderPaid).Select(v => v.Outcome is OrderPaymentExpired ? OrderStatus.PaymentExpired : OrderStatus.PaymentFailed)
                .Concat(branchOutcomes[id].Where(o => o.Outcome is OrderRejected).Select(_ => OrderStatus.Rejected))
                .Concat(delivered[id].Select(_ => OrderStatus.Delivered))
                .ToList();
            var problem = (verdicts[id].Count(), branchOutcomes[id].Count(), outcomes) switch
            {
                (not 1, _, _) => $"{verdicts[id].Count()} payment verdicts",
                (_, > 1, _) => $"{branchOutcomes[id].Count()} branch outcomes",
                (_, _, [var only]) when only == expected.FinalStatus => null,
                _ => $"terminal outcomes [{string.Join(", ", outcomes)}], expected {expected.FinalStatus}",
            };
            return (id, problem);
        }).Where(p => p.problem is not null).ToList();

        Assert.True(wrong.Count == 0, $"{wrong.Count} orders: " + string.Join("; ", wrong.Take(10).Select(w => $"{w.id}: {w.problem}")));
    }

    [Fact]
    public void OrdersView_EqualsTheReference()
    {
        var views = platform.Views.Latest();

        Assert.Empty(views.Keys.Except(reference.Orders.Keys));
        AssertSameFacts(reference.Orders.Keys.ToDictionary(id => id, reference.Final), views.ToDictionary(v => v.Key, v => ViewFacts.Of(v.Value)));
        Assert.Equal(0, platform.Views.Unreadable);
    }

    [Fact]
    public void Assignments_FollowTheBusinessRules()
    {
        var orders = reference.Orders.Values.Where(o => o.Verdict == PaymentVerdict.Paid).ToList();

        Assert.All(orders.Where(o => o.Delivered is not null), o =>
        {
            Assert.Contains(o.FinalBranchId, o.Routing.MayTake);
            Assert.Equal(o.FinalBranchId, reference.Drivers[o.Delivered!.DriverId].BranchId);
        });
        Assert.All(orders.Where(o => o.FinalStatus == OrderStatus.Rejected), o => Assert.True(o.Routing.MayReject, $"{o.Order.OrderId} was rejected, but {o.Routing.MayTake[^1]} had room"));
        Assert.DoesNotContain(orders, o => o.FinalBranchId == PipelinePlatform.ClosedBranch);
    }

    [Fact]
    public void DeadLetters_NoneForValidTraffic()
    {
        Assert.All(platform.DeadLettersAfterValidTraffic, topic => Assert.True(topic.Value == 0, $"{topic.Value} records in {topic.Key}"));
    }

    internal static void AssertSameFacts(IReadOnlyDictionary<Guid, ViewFacts> expected, IReadOnlyDictionary<Guid, ViewFacts> actual)
    {
        var missing = expected.Keys.Except(actual.Keys).ToList();
        var different = expected.Where(e => actual.TryGetValue(e.Key, out var a) && a != e.Value).Select(e => (Expected: e.Value, Actual: actual[e.Key])).ToList();
        Assert.True(missing.Count == 0 && different.Count == 0,
            $"{missing.Count} missing ({string.Join(", ", missing.Take(5))}), {different.Count} different:\n"
            + string.Join("\n", different.Take(5).Select(d => $"expected {d.Expected}\nactual   {d.Actual}")));
    }

    private IEnumerable<T> Read<T>(string topic)
        where T : class, Avro.Specific.IAvroRecord<T>
    {
        var deserializer = new AvroDeserializer<T>(platform.Registry);
        return TopicReader.ReadAll(platform.BootstrapServers, topic, platform.Manifest[topic].Partitions)
            .Where(r => !r.Message.Value.AsSpan().SequenceEqual(DeadLetterTests.Poison))
            .Select(r => deserializer.Deserialize(r.Message.Value, topic));
    }
}
