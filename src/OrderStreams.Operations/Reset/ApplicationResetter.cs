using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrderStreams.Kafka.Clients;
using OrderStreams.Operations.Groups;

namespace OrderStreams.Operations.Reset;

/// <summary>
/// kafka-streams-application-reset in one step, so that the restarted application rebuilds its state and outputs
/// from the log: source topics to the earliest offset, intermediate topics to their end, internal topics emptied,
/// local state deleted. Planning changes nothing; executing refuses while the group has members.
/// </summary>
/// <remarks>
/// On Apache Kafka the internal topics are deleted and the application creates them again when it starts. The
/// embedded broker has no DeleteTopics; there, changelogs get a tombstone for every live key (a restore then yields
/// empty stores) and the group skips its repartition topics to their end (their records would be derived again).
/// </remarks>
public sealed class ApplicationResetter : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly KafkaClientFactory clients;
    private readonly IAdminClient admin;
    private readonly OffsetResetter offsets;

    /// <param name="kafkaSettings">librdkafka settings with at least <c>bootstrap.servers</c>.</param>
    public ApplicationResetter(IEnumerable<KeyValuePair<string, string>> kafkaSettings)
    {
        clients = new KafkaClientFactory(new KafkaClientSettings(kafkaSettings.ToDictionary(StringComparer.Ordinal)));
        admin = clients.CreateAdmin();
        offsets = new OffsetResetter(clients.Settings.Common);
    }

    /// <summary>What a reset of <paramref name="application"/> would do.</summary>
    /// <param name="application">The application.</param>
    /// <param name="stateDir">Its <c>Streams:StateDir</c> on this machine, or null when its state lives elsewhere.</param>
    /// <exception cref="InvalidDataException">An input topic does not exist.</exception>
    public ApplicationResetPlan Plan(StreamsApplicationSpec application, string? stateDir)
    {
        var group = application.ApplicationId;
        var internalTopics = InternalTopicsOf(group);
        var deletes = BrokerDeletesTopics();
        var skipped = application.IntermediateTopics
            .Concat(deletes ? [] : internalTopics.Where(t => t.Kind == InternalTopicKind.Repartition).Select(t => t.Name))
            .ToList();
        var plan = offsets.Plan(group, offsets.PartitionsOf(application.SourceTopics), new ResetTarget.Earliest())
            .Concat(skipped.Count == 0 ? [] : offsets.Plan(group, offsets.PartitionsOf(skipped), new ResetTarget.Latest()))
            .ToList();
        var steps = internalTopics.Select(t => new InternalTopicStep(t, (t.Kind, deletes) switch
        {
            (_, true) => InternalTopicAction.Delete,
            (InternalTopicKind.Changelog, false) => InternalTopicAction.WriteTombstones,
            (InternalTopicKind.Repartition, false) => InternalTopicAction.SkipToEnd,
            _ => InternalTopicAction.Keep,
        })).ToList();
        return new ApplicationResetPlan(application, deletes, plan, steps, stateDir is null ? null : Path.Combine(stateDir, group));
    }

    /// <summary>Applies <paramref name="plan"/>.</summary>
    /// <exception cref="ActiveGroupException">The group has members; nothing was changed.</exception>
    public ApplicationResetResult Execute(ApplicationResetPlan plan)
    {
        offsets.Apply(plan.Application.ApplicationId, plan.Offsets);
        var deleted = DeleteTopics(plan.InternalTopics.Where(s => s.Action == InternalTopicAction.Delete).Select(s => s.Topic.Name).ToList());
        var tombstones = ChangelogTombstones.Write(clients, plan.InternalTopics.Where(s => s.Action == InternalTopicAction.WriteTombstones).Select(s => s.Topic));
        var wiped = plan.StateDirectory is { } directory && Directory.Exists(directory);
        if (wiped) Directory.Delete(plan.StateDirectory!, recursive: true);
        return new ApplicationResetResult(plan.Offsets.Count, deleted, tombstones, wiped);
    }

    /// <summary>Whether the group of <paramref name="application"/> still has members (a reset would be refused).</summary>
    public bool HasActiveMembers(StreamsApplicationSpec application) =>
        !offsets.IsEmpty(application.ApplicationId, offsets.Plan(application.ApplicationId, offsets.PartitionsOf(application.SourceTopics), new ResetTarget.Latest()));

    /// <summary>The internal topics of <paramref name="applicationId"/> that exist now.</summary>
    public IReadOnlyList<InternalTopic> InternalTopicsOf(string applicationId) =>
        admin.GetMetadata(RequestTimeout).Topics
            .Select(t => (t.Topic, Kind: InternalTopic.KindOf(applicationId, t.Topic), t.Partitions.Count))
            .Where(t => t.Kind is not null)
            .Select(t => new InternalTopic(t.Topic, t.Kind!.Value, t.Count))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Deletes the internal topics of an application that is retired for good (Apache Kafka only).</summary>
    /// <returns>How many were deleted; 0 on a broker without DeleteTopics, where they stay.</returns>
    public int DeleteInternalTopics(string applicationId) =>
        BrokerDeletesTopics() ? DeleteTopics(InternalTopicsOf(applicationId).Select(t => t.Name).ToList()) : 0;

    public void Dispose()
    {
        offsets.Dispose();
        admin.Dispose();
    }

    /// <summary>Whether the cluster has the admin API (DeleteTopics among it); the embedded broker has none.</summary>
    private bool BrokerDeletesTopics() => AdminApi.IsAvailable(admin, RequestTimeout);

    private int DeleteTopics(IReadOnlyList<string> topics)
    {
        if (topics.Count == 0) return 0;
        admin.DeleteTopicsAsync(topics, new DeleteTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(30), RequestTimeout = TimeSpan.FromSeconds(30) })
            .GetAwaiter().GetResult();
        return topics.Count;
    }
}
