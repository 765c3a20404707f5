using OrderStreams.Kafka.Topics;
using OrderStreams.Operations.Trace;
using OrderStreams.Testing;

namespace OrderStreams.Operations.Tests.Trace;

public sealed class TraceTopicsTests
{
    [Fact]
    public void Of_RepositoryManifest_IsTheOrderFlowTheViewAndTheDeadLetters()
    {
        var topics = TraceTopics.Of(TopicManifest.Load(RepositoryPaths.Of(TopicManifest.RelativePath)));

        Assert.Equal(
            [
                ("orders.placed", TraceKey.Branch), ("payments", TraceKey.Branch), ("orders.paid", TraceKey.Branch),
                ("payments.refunds-due", TraceKey.Branch), ("branch-assignment.requests", TraceKey.Branch), ("orders.branch-assigned", TraceKey.Branch),
                ("orders.driver-assigned", TraceKey.Branch), ("deliveries", TraceKey.Branch), ("orders.view", TraceKey.Order),
                ("payment-completion.dlq", TraceKey.Other), ("branch-assignment.dlq", TraceKey.Other),
                ("driver-assignment.dlq", TraceKey.Other), ("denormaliser.dlq", TraceKey.Other),
            ],
            topics.Select(t => (t.Name, t.Key)));
    }
}
