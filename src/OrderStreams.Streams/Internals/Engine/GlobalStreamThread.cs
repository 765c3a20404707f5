using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Keeps the global stores: reads every partition of the global topics (no consumer group), first up to the end
/// offsets at start-up (bootstrap, before stream threads start), then continuously. Persistent global stores
/// checkpoint the source offsets and resume from them.
/// </summary>
internal sealed class GlobalStreamThread : IDisposable
{
    private readonly EngineContext engine;
    private readonly ILogger logger;
    private readonly IConsumer<byte[], byte[]> consumer;
    private readonly KafkaRecordCollector collector;
    private readonly GlobalTask task;
    private readonly ReplayBound? bound;
    private readonly Thread thread;
    private volatile bool running = true;

    public GlobalStreamThread(EngineContext engine, IReadOnlyDictionary<string, int> partitionCounts)
    {
        this.engine = engine;
        var config = engine.Config;
        logger = engine.LoggerFactory.CreateLogger("OrderStreams.Streams.GlobalStreamThread");
        collector = new KafkaRecordCollector(
            engine.Clients, producerConfig => producerConfig.ClientId = $"{config.ApplicationId}-{engine.ProcessId}-global-producer", config, logger, transactional: false);
        consumer = engine.Clients.CreateConsumer<byte[], byte[]>($"{config.ApplicationId}-global", consumerConfig =>
        {
            consumerConfig.ClientId = $"{config.ApplicationId}-{engine.ProcessId}-global-consumer";
            consumerConfig.EnableAutoCommit = false;
            consumerConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
            consumerConfig.EnablePartitionEof = true;
        });
        var sub = engine.Topology.GlobalSubtopology!;
        var partitions = sub.SourceTopics
            .SelectMany(t => Enumerable.Range(0, partitionCounts[t.Name]).Select(p => new TopicPartition(t.Name, p)))
            .ToList();
        task = new GlobalTask(engine.Topology, sub, config, collector, SystemClock.Instance, partitions, engine.RocksDb, engine.Metrics);
        bound = ReplayBound.Of(config);
        thread = new Thread(Run) { Name = $"{config.ApplicationId}-GlobalStreamThread", IsBackground = true };
    }

    public IReadOnlyDictionary<string, State.IStoreInstance> Stores => task.Stores;

    /// <summary>Opens the stores and reads the global topics up to their current end.</summary>
    public void Bootstrap(CancellationToken cancellationToken)
    {
        task.InitializeStores();
        task.InitializeTopology();
        var checkpoint = Runtime.Checkpoint.Read(task.Directory);
        var persistent = task.Stores.Values.All(s => s.Persistent);
        // The checkpoint covers every global store, so one store started over means loading all of them again.
        var fresh = !persistent || task.Stores.Values.Any(s => s.Bytes.WipedOnOpen);
        if (fresh) checkpoint.Clear();
        var assignments = new List<TopicPartitionOffset>();
        var waiting = new HashSet<(string Topic, int Partition)>();
        var restored = new Dictionary<(string Topic, int Partition), long>();
        var listener = engine.RestoreListener;
        foreach (var tp in task.Partitions)
        {
            var watermarks = TransientKafkaErrors.Retry(() => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(30)), e =>
                logger.LogWarning("Cannot read the offsets of {Partition} yet ({Reason}); trying again", tp, e.Error.Reason));
            var start = checkpoint.GetValueOrDefault((tp.Topic, tp.Partition.Value), watermarks.Low.Value);
            // A concrete offset: see StateRestorer.Register.
            assignments.Add(new TopicPartitionOffset(tp, new Offset(start)));
            var high = watermarks.High.Value;
            if (high <= start) continue;
            waiting.Add((tp.Topic, tp.Partition.Value));
            restored[(tp.Topic, tp.Partition.Value)] = 0;
            listener?.OnRestoreStart(tp, StoreOf(tp.Topic), start, high);
        }
        foreach (var store in task.Stores.Values)
        {
            if (fresh) store.Bytes.Wipe();
            store.Bytes.BeginBulkLoad();
        }
        consumer.Assign(assignments);
        while (waiting.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null) continue;
            var key = (record.Topic, record.Partition.Value);
            if (record.IsPartitionEOF)
            {
                if (waiting.Remove(key)) listener?.OnRestoreEnd(record.TopicPartition, StoreOf(record.Topic), restored[key]);
                continue;
            }
            Apply(record);
            restored[key] = restored.GetValueOrDefault(key) + 1;
        }
        foreach (var store in task.Stores.Values) store.Bytes.EndBulkLoad();
        WriteCheckpoint(persistent);
        logger.LogInformation("Global stores {Stores} loaded with {Records} records", string.Join(", ", task.Stores.Keys), restored.Values.Sum());
    }

    public void Start() => thread.Start();

    public void Dispose()
    {
        running = false;
        if (thread.IsAlive) thread.Join(TimeSpan.FromSeconds(10));
        task.Dispose();
        WriteCheckpoint(task.Stores.Values.All(s => s.Persistent));
        consumer.Close();
        consumer.Dispose();
        collector.Dispose();
    }

    private void Run()
    {
        var lastFlush = Environment.TickCount64;
        try
        {
            while (running)
            {
                var record = consumer.ConsumeOrNull(engine.Config.PollTimeout, e =>
                    logger.LogWarning("The global stream thread: {Reason}; fetching again", e.Error.Reason));
                if (record is not null && !record.IsPartitionEOF) Apply(record);
                if (Environment.TickCount64 - lastFlush >= (long)engine.Config.EffectiveCommitInterval.TotalMilliseconds)
                {
                    task.FlushStores();
                    WriteCheckpoint(task.Stores.Values.All(s => s.Persistent));
                    lastFlush = Environment.TickCount64;
                }
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "The global stream thread failed");
            engine.OnThreadFailed(thread.Name!, e);
        }
    }

    /// <summary>The global store a source topic fills (each global table has its own source and store).</summary>
    private string StoreOf(string topic)
    {
        var topology = engine.Topology;
        var source = topology.GlobalSubtopology!.NodeNames.Select(n => topology.Nodes[n]).OfType<Graph.SourceDefinition>().First(s => s.Topics.Any(t => t.Name == topic));
        return source.Children.SelectMany(c => topology.Nodes[c].StoreNames).First();
    }

    private void Apply(ConsumeResult<byte[], byte[]> record)
    {
        if (bound?.Beyond(record) == true) task.Skip(record);
        else task.Apply(record);
    }

    private void WriteCheckpoint(bool persistent)
    {
        if (!persistent) return;
        collector.Flush();
        Runtime.Checkpoint.Write(task.Directory, task.NextOffsets.ToDictionary());
    }
}
