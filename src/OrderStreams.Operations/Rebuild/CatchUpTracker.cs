using OrderStreams.Operations.Lag;
using OrderStreams.Operations.Reset;

namespace OrderStreams.Operations.Rebuild;

/// <summary>
/// Follows a streams application that rebuilds from the log (after a reset, or a new version) until it has processed
/// everything its source topics held when the rebuild began, and then what its repartition and intermediate topics
/// held at that point: only then are its stores and outputs complete up to that moment.
/// </summary>
/// <remarks>Reads committed offsets, so it lags the application by up to one commit interval.</remarks>
public sealed class CatchUpTracker
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(15);
    private readonly LagReader reader;
    private readonly StreamsApplicationSpec application;
    private readonly Dictionary<(string Topic, int Partition), Work> sources;
    private readonly Queue<(DateTimeOffset At, long Done)> recent = new();
    private Dictionary<(string Topic, int Partition), Work>? finishing;

    /// <summary>Takes the targets now: call it right after the reset, or before starting the new version.</summary>
    public CatchUpTracker(LagReader reader, StreamsApplicationSpec application)
    {
        this.reader = reader;
        this.application = application;
        sources = Targets(reader.Read(application.ApplicationId, application.SourceTopics));
    }

    /// <summary>
    /// Follows a bounded run (<c>Streams:ProcessUntil</c>): each source partition's target is the given offset (its
    /// first record after the bound) instead of its end.
    /// </summary>
    public CatchUpTracker(LagReader reader, StreamsApplicationSpec application, IReadOnlyDictionary<(string Topic, int Partition), long> sourceTargets)
        : this(reader, application)
    {
        foreach (var (partition, target) in sourceTargets)
        {
            if (sources.TryGetValue(partition, out var work)) sources[partition] = new Work(work.From, target);
        }
    }

    public StreamsApplicationSpec Application => application;

    /// <summary>Reads the group's offsets now.</summary>
    public CatchUpProgress Update()
    {
        var reading = reader.Read(application.ApplicationId, application.SourceTopics);
        var done = Advance(sources, reading);
        var caughtUp = false;
        if (sources.Values.All(w => w.Complete))
        {
            finishing ??= Targets(reader.Read(application.ApplicationId, FinishingTopics()));
            done += Advance(finishing, reader.Read(application.ApplicationId, finishing.Keys.Select(k => k.Topic).Distinct()));
            caughtUp = finishing.Values.All(w => w.Complete);
        }
        var total = sources.Values.Sum(w => w.Size) + (finishing?.Values.Sum(w => w.Size) ?? 0);
        var rate = Rate(reading.At, done);
        TimeSpan? eta = caughtUp ? TimeSpan.Zero : rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : null;
        return new CatchUpProgress(reading.At, done, total, rate, eta, done > 0 || caughtUp, caughtUp);
    }

    private IEnumerable<string> FinishingTopics() =>
        application.IntermediateTopics.Concat(reader.Topics().Where(t => InternalTopic.KindOf(application.ApplicationId, t) == InternalTopicKind.Repartition));

    private static Dictionary<(string Topic, int Partition), Work> Targets(GroupLag reading) => reading.Partitions.ToDictionary(
        p => (p.Topic, p.Partition),
        p => new Work(Position(p), p.EndOffset));

    private static long Advance(Dictionary<(string Topic, int Partition), Work> work, GroupLag reading)
    {
        foreach (var p in reading.Partitions)
        {
            if (work.TryGetValue((p.Topic, p.Partition), out var w)) w.Reached = Math.Max(w.Reached, Position(p));
        }
        return work.Values.Sum(w => w.Done);
    }

    // Where the group stands: its committed offset, or the log start when it has none (it starts there).
    private static long Position(PartitionLag p) => Math.Max(p.CommittedOffset ?? p.LogStartOffset, p.LogStartOffset);

    private double Rate(DateTimeOffset at, long done)
    {
        recent.Enqueue((at, done));
        while (recent.Count > 2 && at - recent.Peek().At > RateWindow) recent.Dequeue();
        var (firstAt, firstDone) = recent.Peek();
        var seconds = (at - firstAt).TotalSeconds;
        return seconds <= 0 ? 0 : Math.Max(0, done - firstDone) / seconds;
    }

    private sealed class Work(long from, long target)
    {
        public long From { get; } = from;

        public long Target { get; } = Math.Max(from, target);

        public long Reached { get; set; } = from;

        public long Size => Target - From;

        public long Done => Math.Clamp(Reached, From, Target) - From;

        public bool Complete => Reached >= Target;
    }
}
