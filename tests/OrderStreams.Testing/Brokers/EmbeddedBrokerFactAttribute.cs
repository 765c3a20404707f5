using Xunit;

namespace OrderStreams.Testing.Brokers;

/// <summary>
/// A test that needs a feature only the embedded broker has (fault injection, its control endpoint, mock specifics):
/// it runs on the embedded broker and is skipped, with <paramref name="reason"/>, when the run is on Apache Kafka.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EmbeddedBrokerFactAttribute : FactAttribute
{
    public EmbeddedBrokerFactAttribute(string reason)
    {
        Skip = SkipReason(reason, () => TestBrokerSelection.Current);
    }

    /// <summary>The skip message on Apache Kafka, else null; when the selection fails the test runs, so the fixture reports why.</summary>
    public static string? SkipReason(string reason, Func<TestBrokerKind> selection)
    {
        try
        {
            return selection() == TestBrokerKind.ApacheKafka ? $"needs the embedded broker: {reason}" : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
