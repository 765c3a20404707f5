namespace OrderStreams.Cli.Chaos;

/// <summary>What the audit of a chaos run found, from the topics, the views and the query API.</summary>
/// <param name="Orders">Orders on <c>orders.placed</c>.</param>
/// <param name="SimulatorOrders">Orders the simulator placed.</param>
/// <param name="Delivered">Orders whose outcome is a delivery.</param>
/// <param name="Rejected">Orders no branch took.</param>
/// <param name="PaymentFailed">Orders whose payment failed.</param>
/// <param name="PaymentExpired">Orders never paid in time.</param>
/// <param name="Stuck">Orders with no terminal outcome.</param>
/// <param name="Lost">Orders the simulator placed that <c>orders.placed</c> lacks, or whose events name an order it lacks.</param>
/// <param name="Repeated">
/// Orders with a step the services take once written more than once, identically (verdict, branch outcome, driver).
/// Counted, not a failure: at-least-once processing writes a step again when a service dies after its output went out
/// and before its input offset was committed, and every consumer of the step tolerates the repeat.
/// </param>
/// <param name="Conflicting">
/// Orders with a step written more than once that decided differently (two verdicts, branches or drivers).
/// </param>
/// <param name="TwoOutcomes">Orders with more than one kind of terminal outcome.</param>
/// <param name="ViewMismatches">Orders whose latest <c>orders.view</c> record is missing or differs from the topics.</param>
/// <param name="QueriesAsked">Query API requests made for sampled orders, branches and drivers.</param>
/// <param name="QueryFailures">Of those, answers that failed or differed from the topics.</param>
/// <param name="DeadLetters">Records in the dead-letter topics (the traffic is valid, so there should be none).</param>
/// <param name="Unreadable">Records the audit could not decode.</param>
/// <param name="TruncatedPartitions">Audited partitions whose oldest records the broker dropped (the audit would be incomplete).</param>
/// <param name="ExpiredThoughPaidInTime">
/// Orders that expired although a full capture is dated before their deadline (it reached payment-completion late).
/// Counted, not a failure: a deadline on the wall clock decides by what arrived in time.
/// </param>
/// <param name="RefundedThoughPaidInTime">Of those, orders whose late captures all have a refund due (<c>payments.refunds-due</c>).</param>
/// <param name="Problems">The first problems found, one line each.</param>
internal sealed record AuditResult(
    long Orders,
    long SimulatorOrders,
    long Delivered,
    long Rejected,
    long PaymentFailed,
    long PaymentExpired,
    long Stuck,
    long Lost,
    long Repeated,
    long Conflicting,
    long TwoOutcomes,
    long ViewMismatches,
    int QueriesAsked,
    int QueryFailures,
    long DeadLetters,
    long Unreadable,
    int TruncatedPartitions,
    long ExpiredThoughPaidInTime,
    long RefundedThoughPaidInTime,
    IReadOnlyList<string> Problems)
{
    public bool Passed =>
        Orders > 0 && Stuck == 0 && Lost == 0 && Conflicting == 0 && TwoOutcomes == 0 && ViewMismatches == 0 && QueryFailures == 0
        && DeadLetters == 0 && Unreadable == 0 && TruncatedPartitions == 0;
}
