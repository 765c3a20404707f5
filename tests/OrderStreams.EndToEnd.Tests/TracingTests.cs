using Confluent.Kafka;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.EndToEnd.Tests.Platform;
using OrderStreams.SchemaRegistry.Serdes;
using Xunit.Abstractions;

namespace OrderStreams.EndToEnd.Tests;

/// <summary>
/// One trace per order across the four service processes: the <c>traceparent</c> headers as kcat reads them, and the
/// spans the services exported over OTLP to <see cref="OtlpTraceReceiver"/>.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class TracingTests(PipelinePlatform platform, ITestOutputHelper output)
{
    private static readonly string[] SimulatorTopics = ["orders.placed", "payments", "deliveries"];

    [Fact]
    public void EveryRecordAboutAnOrder_CarriesTheTraceOfItsPlacement()
    {
        var traceOf = OrderTraces();
        var problems = new List<string>();
        var checkedRecords = 0;
        foreach (var (topic, records) in AcceptanceTopics())
        {
            var headers = KcatHeaders.TraceParents(platform.BootstrapServers, topic);
            foreach (var (partition, offset, orderId) in records)
            {
                checkedRecords++;
                var traceParent = headers.GetValueOrDefault((partition, offset));
                if (traceParent?.Split('-') is not [_, var traceId, _, _]) problems.Add($"{topic} {partition}@{offset} ({orderId}): no traceparent");
                else if (traceId != traceOf.GetValueOrDefault(orderId))
                    problems.Add($"{topic} {partition}@{offset} ({orderId}): trace {traceId}, its order's is {traceOf.GetValueOrDefault(orderId) ?? "unknown"}");
            }
        }

        output.WriteLine($"{checkedRecords} records of {traceOf.Count} orders checked");
        Assert.True(traceOf.Count >= 200, $"{traceOf.Count} orders");
        Assert.True(checkedRecords >= 4 * 200, $"{checkedRecords} records");
        Assert.True(problems.Count == 0, $"{problems.Count} of {checkedRecords} records: " + string.Join("; ", problems.Take(10)));
    }

    [Fact]
    public async Task EveryRecordAboutAnOrder_ChainsHopByHopToTheSimulatorsEvents()
    {
        var headers = AllTopics().ToDictionary(t => t, t => KcatHeaders.TraceParents(platform.BootstrapServers, t));
        var producedBy = headers.SelectMany(t => t.Value.Where(r => r.Value is not null).Select(r => (Topic: t.Key, Span: r.Value!.Split('-')[2])))
            .GroupBy(r => r.Span).ToDictionary(g => g.Key, g => g.First().Topic);
        var acceptance = AcceptanceTopics().SelectMany(t => t.Records.Select(r => (t.Topic, Span: headers[t.Topic][(r.Partition, r.Offset)]?.Split('-')[2]))).ToList();
        // The exporters send in batches: wait until every span the acceptance topics' headers name has arrived.
        await Eventually.Until(
            () => Task.FromResult(acceptance.All(r => r.Span is null || platform.Traces.Spans.ContainsKey(r.Span))),
            TimeSpan.FromSeconds(60),
            () => $"{acceptance.Count(r => r.Span is not null && !platform.Traces.Spans.ContainsKey(r.Span))} spans not exported");

        var chains = acceptance.Select(r => r.Span is null ? (Ok: false, Path: $"{r.Topic}: no traceparent") : Chain(r.Topic, r.Span, producedBy)).ToList();
        var problems = chains.Where(c => !c.Ok).Select(c => c.Path).ToList();
        output.WriteLine($"{acceptance.Count} records, {platform.Traces.Spans.Count} spans; chains: "
            + string.Join(", ", chains.Where(c => c.Ok).GroupBy(c => c.Path).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} × {g.Key}")));

        Assert.True(problems.Count == 0, $"{problems.Count} of {acceptance.Count} records: " + string.Join("; ", problems.Take(10)));
    }

    /// <summary>
    /// Follows a record's producer span up: its parent is the span that processed the input record (consumer), whose
    /// parent is the producer span in that input's header, on any topic, in the same trace; up to an event of the
    /// simulator (whose spans are not exported). The topics the chain went through, or where it broke.
    /// </summary>
    private (bool Ok, string Path) Chain(string topic, string span, IReadOnlyDictionary<string, string> producedBy)
    {
        var spans = platform.Traces.Spans;
        var path = $"{topic}";
        for (var hop = 0; hop < 12; hop++)
        {
            if (!spans.TryGetValue(span, out var send) || send.Kind != ExportedSpan.Producer) return (false, $"{path}: span {span} is no exported producer span");
            if (send.ParentSpanId is not { } processing || !spans.TryGetValue(processing, out var process) || process.Kind != ExportedSpan.Consumer)
                return (false, $"{path}: the parent of {send.Name} {span} is no exported consumer span");
            if (process.TraceId != send.TraceId) return (false, $"{path}: {process.Name} is in trace {process.TraceId}, {send.Name} in {send.TraceId}");
            if (process.ParentSpanId is not { } upstream || (producedBy.GetValueOrDefault(upstream) ?? PurgedRepartitionTopic(upstream)) is not { } upstreamTopic)
                return (false, $"{path}: the parent of {process.Name} is in no record's header");
            path += $" ← {upstreamTopic}";
            if (SimulatorTopics.Contains(upstreamTopic)) return (true, path);
            span = upstream;
        }
        return (false, $"{path}: no simulator event within 12 hops");
    }

    /// <summary>
    /// The repartition topic a producer span sent to, when its record is gone: the services delete repartition records
    /// their group committed past (as Kafka Streams does), and the exported span still names the hop.
    /// </summary>
    private string? PurgedRepartitionTopic(string span) =>
        platform.Traces.Spans.TryGetValue(span, out var send) && send.Kind == ExportedSpan.Producer
            && send.Name.StartsWith("send ", StringComparison.Ordinal) && send.Name.EndsWith("-repartition", StringComparison.Ordinal)
            ? send.Name["send ".Length..]
            : null;

    /// <summary>Each order's trace id, from the traceparent of its record on orders.placed.</summary>
    private Dictionary<Guid, string> OrderTraces()
    {
        var headers = KcatHeaders.TraceParents(platform.BootstrapServers, "orders.placed");
        return Read<OrderPlaced>("orders.placed", o => o.OrderId)
            .ToDictionary(r => r.OrderId, r => headers[(r.Partition, r.Offset)]!.Split('-')[1]);
    }

    private IEnumerable<(string Topic, IReadOnlyList<(int Partition, long Offset, Guid OrderId)> Records)> AcceptanceTopics()
    {
        yield return ("orders.paid", Read<OrderPaymentOutcome>("orders.paid", v => v.OrderId));
        yield return ("orders.branch-assigned", Read<BranchAssignmentOutcome>("orders.branch-assigned", v => v.OrderId));
        yield return ("orders.driver-assigned", Read<OrderDriverAssigned>("orders.driver-assigned", v => v.OrderId));
        yield return ("orders.view", Read<OrderView>("orders.view", v => v.OrderId));
    }

    /// <summary>Every topic records flow through: the manifest's and the services' repartition topics (not changelogs, not dead letters).</summary>
    private IEnumerable<string> AllTopics()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = platform.BootstrapServers }).Build();
        return admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic)
            .Where(t => !t.StartsWith("__", StringComparison.Ordinal) && !t.EndsWith("-changelog", StringComparison.Ordinal) && !t.EndsWith(".dlq", StringComparison.Ordinal))
            .ToList();
    }

    private IReadOnlyList<(int Partition, long Offset, Guid OrderId)> Read<T>(string topic, Func<T, Guid> orderOf)
        where T : class, Avro.Specific.IAvroRecord<T>
    {
        var deserializer = new AvroDeserializer<T>(platform.Registry);
        return TopicReader.ReadAll(platform.BootstrapServers, topic, platform.Manifest[topic].Partitions)
            .Where(r => !r.Message.Value.AsSpan().SequenceEqual(DeadLetterTests.Poison))
            .Select(r => (r.Partition.Value, r.Offset.Value, orderOf(deserializer.Deserialize(r.Message.Value, topic))))
            .ToList();
    }
}
