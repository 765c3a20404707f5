using Confluent.SchemaRegistry;
using OrderStreams.Contracts.Views;
using OrderStreams.Kafka.Topics;
using OrderStreams.Operations.Clients;

namespace OrderStreams.Cli.Chaos;

/// <summary>
/// The audit of a chaos run, once traffic stopped and every group's lag is 0, from a reader of its own: every order
/// placed has exactly one terminal outcome and each of its steps decided once (identical repeats are counted), its
/// latest <c>orders.view</c> record agrees with
/// the topics, the query API answers for sampled orders, branches and drivers as the topics say, and the dead-letter
/// topics are empty (the simulated traffic is valid).
/// </summary>
internal static class PipelineAudit
{
    private const int ProblemsKept = 20;
    private const int SampledOrders = 20;
    private const int SampledBranches = 5;
    private const int SampledDrivers = 5;

    public static async Task<AuditResult> RunAsync(
        ClusterConnection cluster, ISchemaRegistryClient registry, TopicManifest manifest, Uri gateway, long simulatorOrders, int seed, CancellationToken cancellationToken)
    {
        var ledger = OrderLedger.Read(cluster, registry, cancellationToken);
        var placed = ledger.Orders.Values.Where(o => o.Placed is not null).ToList();
        var unplaced = ledger.Orders.Values.Where(o => o.Placed is null).ToList();
        var stuck = placed.Where(o => o.Outcomes.Count == 0).ToList();
        var twoOutcomes = placed.Where(o => o.Outcomes.Count > 1).ToList();
        var repeated = placed.Where(o => o.HasRepeatedSteps && !o.HasConflictingSteps).ToList();
        var conflicting = placed.Where(o => o.HasConflictingSteps).ToList();
        var viewDifferences = placed.Select(o => (o.OrderId, Difference: o.ViewDifference())).Where(v => v.Difference is not null).ToList();
        var queries = new QueryCheck(gateway, ledger, new Random(seed));
        await queries.RunAsync(SampledOrders, SampledBranches, SampledDrivers, cancellationToken);

        var deadLetterTopics = manifest.Topics.Where(t => t.Name.EndsWith(".dlq", StringComparison.Ordinal)).Select(t => t.Name);
        var deadLetters = new PartitionScanner(cluster).WholePartitions(cluster.PartitionsOf(deadLetterTopics, skipMissing: true))
            .Where(r => r.Value.To > r.Value.From)
            .ToList();

        IEnumerable<string> problems =
        [
            .. ledger.Truncated.Select(t => $"{t}: the broker dropped older records, so the audit cannot see every order"),
            .. ledger.Unreadable.Select(u => $"unreadable record {u}"),
            .. stuck.Select(o => $"order {o.OrderId} is stuck at {o.ExpectedStatus} (placed at {o.Placed!.BranchId})"),
            .. twoOutcomes.Select(o => $"order {o.OrderId} has {o.Outcomes.Count} outcomes: {string.Join(", ", o.Outcomes)}"),
            .. conflicting.Select(o => $"order {o.OrderId} has conflicting steps: {o.Steps}"),
            .. unplaced.Select(o => $"order {o.OrderId} has events but no orders.placed record"),
            .. viewDifferences.Select(v => $"order {v.OrderId}'s view: {v.Difference}"),
            .. queries.Failures,
            .. deadLetters.Select(d => $"{d.Key}: {d.Value.To - d.Value.From} dead letters"),
            .. repeated.Select(o => $"order {o.OrderId} has repeated identical steps (at-least-once, not a failure): {o.Steps}"),
        ];
        long Counted(OrderStatus outcome) => placed.Count(o => o.Outcomes is [var only] && only == outcome);
        return new AuditResult(
            Orders: placed.Count,
            SimulatorOrders: simulatorOrders,
            Delivered: Counted(OrderStatus.Delivered),
            Rejected: Counted(OrderStatus.Rejected),
            PaymentFailed: Counted(OrderStatus.PaymentFailed),
            PaymentExpired: Counted(OrderStatus.PaymentExpired),
            Stuck: stuck.Count,
            Lost: Math.Max(0, simulatorOrders - placed.Count) + unplaced.Count,
            Repeated: repeated.Count,
            Conflicting: conflicting.Count,
            TwoOutcomes: twoOutcomes.Count,
            ViewMismatches: viewDifferences.Count,
            QueriesAsked: queries.Asked,
            QueryFailures: queries.Failures.Count,
            DeadLetters: deadLetters.Sum(d => d.Value.To - d.Value.From),
            Unreadable: ledger.Unreadable.Count,
            TruncatedPartitions: ledger.Truncated.Count,
            ExpiredThoughPaidInTime: placed.Count(o => o.ExpiredThoughPaidInTime),
            RefundedThoughPaidInTime: placed.Count(o => o.ExpiredThoughPaidInTimeAndRefunded),
            Problems: problems.Take(ProblemsKept).ToList());
    }
}
