using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Generic;
using OrderStreams.Kafka.Clients;
using OrderStreams.Operations.Clients;
using OrderStreams.Operations.DeadLetters;
using OrderStreams.OrderFlow;
using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.Operations.Trace;

/// <summary>
/// Finds every record about one order across topics keyed by branch: a parallel scan up to the high watermarks
/// captured at the start, keeping records whose key or value bytes contain the order id (Avro writes strings as
/// their UTF-8 bytes, so only matches are decoded), then decoded through the registry and checked to be about the
/// order. Given the order's branch, it reads only that branch's partition of each branch-keyed topic (and the order's
/// partition of order-keyed ones), following the order to every branch its events name (orders.view, keyed by order,
/// names the branch an order moved to; the requests there name the branches that declined it).
/// </summary>
public sealed class OrderTracer(ClusterConnection cluster, ISchemaRegistryClient registry, BranchRoutingTable routing, int parallelism = 4)
{
    private const int MaxPasses = 5;
    private readonly GenericAvroDeserializer deserializer = new(registry);

    /// <param name="orderId">The order id (a UUID is matched in its canonical lower-case form).</param>
    /// <param name="topics">The topics to read, in the order events with the same timestamp are listed (pipeline order).</param>
    /// <param name="branch">The order's branch, to read one partition per topic; null reads every partition.</param>
    /// <param name="progress">Told how far each scan pass has read.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    public async Task<IReadOnlyList<TraceEvent>> TraceAsync(
        string orderId, IReadOnlyList<TraceTopic> topics, string? branch = null, IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var id = Guid.TryParse(orderId, out var guid) ? guid.ToString("D") : orderId;
        var needle = Encoding.UTF8.GetBytes(id);
        var partitionCounts = cluster.PartitionsOf(topics.Select(t => t.Name), skipMissing: true)
            .GroupBy(tp => tp.Topic).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var scanner = new PartitionScanner(cluster, parallelism);
        var scanned = new HashSet<TopicPartition>();
        var branches = branch is null ? null : new HashSet<string>(StringComparer.Ordinal) { branch };
        var events = new List<(TraceEvent Event, IReadOnlyList<string> Branches)>();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var wanted = Partitions(topics, partitionCounts, needle, branches).Where(scanned.Add).ToList();
            if (wanted.Count == 0) break;
            var matches = scanner.Scan(scanner.WholePartitions(wanted), record => Mentions(record, needle), progress, cancellationToken);
            foreach (var match in matches)
            {
                if (await DecodeAsync(match, id) is { } found) events.Add(found);
            }
            if (branches is null) break;
            branches.UnionWith(events.SelectMany(e => e.Branches));
        }

        var order = topics.Select((t, i) => (t.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);
        return events.Select(e => e.Event)
            .OrderBy(e => e.Timestamp).ThenBy(e => order.GetValueOrDefault(e.Topic)).ThenBy(e => e.Partition).ThenBy(e => e.Offset)
            .ToList();
    }

    private IEnumerable<TopicPartition> Partitions(IReadOnlyList<TraceTopic> topics, Dictionary<string, int> counts, byte[] orderKey, HashSet<string>? branches)
    {
        foreach (var topic in topics)
        {
            if (!counts.TryGetValue(topic.Name, out var count)) continue;
            IEnumerable<int> numbers = (topic.Key, branches) switch
            {
                (_, null) or (TraceKey.Other, _) => Enumerable.Range(0, count),
                (TraceKey.Branch, _) => branches.Select(b => routing.PartitionFor(b, count)),
                _ => [KafkaClientDefaults.PartitionFor(orderKey, count)],
            };
            foreach (var number in numbers.Distinct()) yield return new TopicPartition(topic.Name, number);
        }
    }

    private static bool Mentions(ConsumeResult<byte[], byte[]> record, byte[] needle) =>
        (record.Message.Value is { } value && value.AsSpan().IndexOf(needle) >= 0)
        || (record.Message.Key is { } key && key.AsSpan().IndexOf(needle) >= 0);

    private async Task<(TraceEvent, IReadOnlyList<string>)?> DecodeAsync(ConsumeResult<byte[], byte[]> record, string orderId)
    {
        var deadLetter = DeadLetterReason.From(record.Message.Headers);
        var key = record.Message.Key is { } keyBytes ? Encoding.UTF8.GetString(keyBytes) : null;
        GenericRecord? value = null;
        string? error = null;
        if (record.Message.Value is { } bytes)
        {
            try
            {
                value = await deserializer.DeserializeAsync(bytes, deadLetter?.SourceTopic ?? record.Topic) as GenericRecord;
            }
            catch (AvroSerdeException e)
            {
                error = e.Message;
            }
        }
        // The id's bytes inside another order's event (a field that merely mentions it) do not make it this order's.
        if (value is not null && key != orderId && OrderEvents.OrderIdOf(value) is { } about && about != orderId) return null;

        var type = value is not null ? OrderEvents.TypeOf(value) : record.Message.Value is null ? "(tombstone)" : "(undecodable)";
        var redriven = RedriveMarker.From(record.Message.Headers);
        var traced = new TraceEvent(
            record.Topic, record.Partition.Value, record.Offset.Value, record.Message.Timestamp.UtcDateTime, key, type, value, error, deadLetter,
            redriven is null ? null : $"{redriven.Topic}/{redriven.Partition.Value}/{redriven.Offset.Value}",
            record.Message.Headers is { } headers && headers.TryGetLastBytes("traceparent", out var traceParent) ? Encoding.ASCII.GetString(traceParent) : null);
        return (traced, value is null ? [] : OrderEvents.BranchIdsOf(value).ToList());
    }
}
