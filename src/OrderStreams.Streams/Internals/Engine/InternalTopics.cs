using OrderStreams.Kafka.Topics;
using OrderStreams.Streams.Internals.Graph;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Start-up checks and topic creation: source topics must exist and be co-partitioned within a sub-topology;
/// repartition topics take the partition count of the sub-topology writing them (unless given); changelogs take their
/// sub-topology's count and are compacted.
/// </summary>
internal static class InternalTopics
{
    public static async Task<IReadOnlyDictionary<string, int>> SetUpAsync(
        Topology topology, StreamsConfig config, ITopicAdmin admin, IEnumerable<string> extraTopics, CancellationToken cancellationToken)
    {
        var appId = config.ApplicationId;
        var userTopics = topology.Subtopologies.SelectMany(s => s.SourceTopics).Concat(topology.GlobalSubtopology?.SourceTopics ?? [])
            .Where(t => !t.Internal).Select(t => t.Name).Distinct().ToList();
        var repartition = topology.RepartitionTopics.Keys.Select(n => new TopicName(n, true).Resolve(appId)).ToList();
        var counts = new Dictionary<string, int>(await admin.GetPartitionCountsAsync(userTopics.Concat(repartition), cancellationToken), StringComparer.Ordinal);

        var missing = userTopics.Where(t => !counts.ContainsKey(t)).ToList();
        if (missing.Count > 0)
            throw new StreamsException($"Source topic(s) {string.Join(", ", missing.Select(t => $"'{t}'"))} do not exist; create them before starting '{appId}'.");

        var toCreate = new List<TopicSpec>();
        ResolveRepartitionCounts(topology, appId, counts, toCreate, config.ReplicationFactor);

        foreach (var sub in topology.Subtopologies)
        {
            var sources = sub.SourceTopics.Select(t => t.Resolve(appId)).ToList();
            var distinct = sources.Select(t => counts[t]).Distinct().ToList();
            if (distinct.Count > 1)
                throw new StreamsException(
                    $"Sub-topology {sub.Id} of '{appId}' reads topics that are not co-partitioned: " +
                    string.Join(", ", sources.Select(t => $"{t} has {counts[t]} partitions")) +
                    ". Topics joined or sharing state must have the same partition count.");
            foreach (var store in sub.StoreNames.Where(s => topology.Stores[s].LoggingEnabled))
            {
                var changelog = Topology.ChangelogTopic(appId, store);
                toCreate.Add(new TopicSpec(changelog, distinct[0], config.ReplicationFactor, "compact", -1, "", null, null, $"Changelog of store {store}."));
                counts[changelog] = distinct[0];
            }
        }
        toCreate.AddRange(extraTopics.Select(t => new TopicSpec(t, 1, config.ReplicationFactor, "compact", -1, "", null, null, "")));

        var existing = await admin.GetPartitionCountsAsync(toCreate.Select(t => t.Name), cancellationToken);
        foreach (var spec in toCreate.Where(t => existing.TryGetValue(t.Name, out var n) && n != t.Partitions))
            throw new StreamsException($"Internal topic '{spec.Name}' has {existing[spec.Name]} partitions but needs {spec.Partitions}; delete it or reset the application.");
        await admin.EnsureTopicsAsync(toCreate.Where(t => !existing.ContainsKey(t.Name)), cancellationToken);
        return counts;
    }

    private static void ResolveRepartitionCounts(Topology topology, string appId, Dictionary<string, int> counts, List<TopicSpec> toCreate, short replication)
    {
        var pending = topology.RepartitionTopics.ToDictionary(r => new TopicName(r.Key, true).Resolve(appId), r => r.Value);
        foreach (var (topic, explicitCount) in pending.Where(p => p.Value is not null).ToList())
        {
            Create(topic, explicitCount!.Value);
            pending.Remove(topic);
        }
        while (pending.Count > 0)
        {
            var progressed = false;
            foreach (var topic in pending.Keys.ToList())
            {
                var writer = topology.Subtopologies.First(s => s.SinkTopics.Any(t => t.Resolve(appId) == topic));
                var inputs = writer.SourceTopics.Select(t => t.Resolve(appId)).ToList();
                if (inputs.Any(t => !counts.ContainsKey(t))) continue;
                Create(topic, inputs.Max(t => counts[t]));
                pending.Remove(topic);
                progressed = true;
            }
            if (!progressed) throw new TopologyException($"Cannot work out the partition count of {string.Join(", ", pending.Keys)}; give it with Repartitioned.NumberOfPartitions.");
        }

        void Create(string topic, int partitions)
        {
            if (!counts.ContainsKey(topic)) counts[topic] = partitions;
            toCreate.Add(new TopicSpec(topic, partitions, replication, "delete", -1, "", null, null, "Repartition topic."));
        }
    }
}
