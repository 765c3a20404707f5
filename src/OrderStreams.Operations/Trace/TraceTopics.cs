using OrderStreams.Avro.Schemas;
using OrderStreams.Contracts;
using OrderStreams.Kafka.Topics;

namespace OrderStreams.Operations.Trace;

/// <summary>Which manifest topics hold an order's events.</summary>
public static class TraceTopics
{
    /// <summary>
    /// Every topic whose value schema carries an <c>orderId</c> (itself or in a nested record), keyed by branch or by
    /// order as the manifest says, then every dead-letter topic (<c>*.dlq</c>), in manifest (pipeline) order.
    /// </summary>
    public static IReadOnlyList<TraceTopic> Of(TopicManifest manifest)
    {
        var schemas = AvroContracts.RecordSchemas.ToDictionary(s => s.FullName, StringComparer.Ordinal);
        var events = manifest.Topics
            .Where(t => t.ValueSchema is { } name && schemas.TryGetValue(name, out var schema) && NamesAnOrder(schema))
            .Select(t => new TraceTopic(t.Name, t.Key switch { "branchId" => TraceKey.Branch, "orderId" => TraceKey.Order, _ => TraceKey.Other }));
        var deadLetters = manifest.Topics.Where(t => t.Name.EndsWith(".dlq", StringComparison.Ordinal)).Select(t => new TraceTopic(t.Name, TraceKey.Other));
        return events.Concat(deadLetters).ToList();
    }

    private static bool NamesAnOrder(RecordSchema schema) =>
        schema.TryGetField("orderId", out _) || schema.Fields.Any(f => f.Schema is RecordSchema nested && nested.TryGetField("orderId", out _));
}
