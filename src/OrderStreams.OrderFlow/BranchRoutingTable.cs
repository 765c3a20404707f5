using System.Text;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.OrderFlow;

/// <summary>
/// Scale by data: hot branches get partitions of their own. Every other branch stays on its murmur2 partition, where
/// any Kafka client's default partitioner puts it, unless that partition is dedicated: such a displaced branch moves
/// to a shared partition chosen by murmur2 over the partitions not dedicated. Producers of the order-flow topics and
/// the services' sinks should use the same table; a record of a pinned or displaced branch that a plain producer puts
/// on its murmur2 partition is forwarded by the services to the right one (docs/scale-by-data.md). An empty table is
/// exactly Kafka's default partitioning.
/// </summary>
public sealed class BranchRoutingTable
{
    public const string Section = "BranchRouting";

    private readonly IReadOnlyDictionary<string, int> dedicated;

    /// <param name="dedicated">Branch id → the partition reserved for it; two branches may not share one.</param>
    /// <exception cref="ArgumentException">A partition is negative or given to two branches.</exception>
    public BranchRoutingTable(IReadOnlyDictionary<string, int> dedicated)
    {
        foreach (var (branch, partition) in dedicated)
        {
            if (partition < 0) throw new ArgumentException($"Branch '{branch}' is routed to partition {partition}; partitions start at 0.", nameof(dedicated));
        }
        var shared = dedicated.GroupBy(d => d.Value).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
            throw new ArgumentException($"Partition {shared.Key} is dedicated to several branches ({string.Join(", ", shared.Select(d => d.Key))}); a dedicated partition serves one branch.", nameof(dedicated));
        this.dedicated = new Dictionary<string, int>(dedicated, StringComparer.Ordinal);
    }

    public static BranchRoutingTable Empty { get; } = new(new Dictionary<string, int>());

    /// <summary>
    /// Reads <c>branch=partition</c> pairs separated by commas, e.g. <c>branch-07=11,branch-02=10</c> (configuration key
    /// <see cref="Section"/>, environment variable <c>BranchRouting</c>); null or blank is the empty table.
    /// </summary>
    /// <exception cref="FormatException">A pair is not <c>branch=partition</c>, or a branch appears twice.</exception>
    public static BranchRoutingTable Parse(string? spec)
    {
        var dedicated = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in (spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out var partition))
                throw new FormatException($"'{pair}' in {Section} '{spec}' is not branch=partition (e.g. branch-07=11).");
            if (!dedicated.TryAdd(parts[0], partition))
                throw new FormatException($"Branch '{parts[0]}' appears twice in {Section} '{spec}'.");
        }
        try
        {
            return new BranchRoutingTable(dedicated);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{Section} '{spec}': {e.Message}", e);
        }
    }

    public IReadOnlyDictionary<string, int> DedicatedPartitions => dedicated;

    /// <summary>The table in the form <see cref="Parse"/> reads (<c>branch=partition,…</c>; empty when no branch is dedicated).</summary>
    public override string ToString() => string.Join(",", dedicated.Select(d => $"{d.Key}={d.Value}"));

    /// <exception cref="ArgumentException">A dedicated partition does not exist in a topic of <paramref name="partitionCount"/> partitions, or no partition is left for the other branches.</exception>
    public int PartitionFor(string branchId, int partitionCount)
    {
        var natural = KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(branchId), partitionCount);
        if (dedicated.Count == 0) return natural;
        if (dedicated.TryGetValue(branchId, out var own))
        {
            return own < partitionCount
                ? own
                : throw new ArgumentException($"Branch '{branchId}' is routed to partition {own}, but the topic has {partitionCount} partitions.", nameof(partitionCount));
        }
        // Checked on every record the services read: no allocation unless the branch is displaced.
        if (!dedicated.Values.Contains(natural)) return natural;
        var shared = Enumerable.Range(0, partitionCount).Where(p => !dedicated.Values.Contains(p)).ToList();
        if (shared.Count == 0) throw new ArgumentException($"All {partitionCount} partitions are dedicated; none is left for branch '{branchId}'.", nameof(partitionCount));
        return shared[KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(branchId), shared.Count)];
    }
}
